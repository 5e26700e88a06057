import Foundation

/// RSA keys with chosen numbers (public exponent 1, even exponents…) that `openssl genpkey`
/// refuses to make. The numbers of a real `openssl genrsa` key are read back with
/// `openssl asn1parse` and reassembled with `openssl asn1parse -genconf`: DER assembly by
/// OpenSSL itself, no arithmetic of ours beyond choosing e and d.
public struct CraftedRSAKeys: @unchecked Sendable {  // immutable after init
    public let dir: TemporaryDirectory
    /// Hex of the generated key's modulus, primes and CRT coefficient.
    let n: String, p: String, q: String, qInverse: String

    public init(bits: Int = 2048) throws {
        dir = try TemporaryDirectory()
        let keyFile = dir.file("base.pem")
        try OpenSSLTool.run(["genrsa", "-traditional", "-out", keyFile, String(bits)])
        let listing = String(decoding: try OpenSSLTool.run(["asn1parse", "-in", keyFile]), as: UTF8.self)
        // RSAPrivateKey: version, n, e, d, p, q, dp, dq, qInv — the INTEGER lines in order.
        let integers = listing.split(separator: "\n").filter { $0.contains("INTEGER") }.map {
            String($0.split(separator: ":").last!).trimmingCharacters(in: .whitespaces)
        }
        precondition(integers.count == 9, "unexpected asn1parse output: \(listing)")
        (n, p, q, qInverse) = (integers[1], integers[4], integers[5], integers[8])
    }

    /// PEM `RSA PRIVATE KEY` with the real modulus and primes but exponent `e` and private
    /// exponent `d` (both decimal or `0x` hex, as `asn1parse -genconf` reads them).
    public func privateKeyPEM(e: String, d: String) throws -> String {
        let config = """
        asn1=SEQUENCE:rsa
        [rsa]
        version=INTEGER:0
        n=INTEGER:0x\(n)
        e=INTEGER:\(e)
        d=INTEGER:\(d)
        p=INTEGER:0x\(p)
        q=INTEGER:0x\(q)
        dp=INTEGER:\(d)
        dq=INTEGER:\(d)
        qi=INTEGER:0x\(qInverse)

        """
        return try pem(config: config, label: "RSA PRIVATE KEY")
    }

    /// PEM `PUBLIC KEY` (SubjectPublicKeyInfo) with the real modulus and exponent `e`.
    public func publicKeyPEM(e: String) throws -> String {
        let config = """
        asn1=SEQUENCE:spki
        [spki]
        algorithm=SEQUENCE:algorithm
        key=BITWRAP,SEQUENCE:rsapublic
        [algorithm]
        oid=OID:rsaEncryption
        parameters=NULL
        [rsapublic]
        n=INTEGER:0x\(n)
        e=INTEGER:\(e)

        """
        return try pem(config: config, label: "PUBLIC KEY")
    }

    private func pem(config: String, label: String) throws -> String {
        let name = UUID().uuidString
        _ = try dir.write("\(name).cnf", config)
        try OpenSSLTool.run(["asn1parse", "-genconf", dir.file("\(name).cnf"), "-noout", "-out", dir.file("\(name).der")])
        let der = try Data(contentsOf: URL(fileURLWithPath: dir.file("\(name).der")))
        return "-----BEGIN \(label)-----\n\(der.base64EncodedString(options: .lineLength64Characters))\n-----END \(label)-----\n"
    }
}
