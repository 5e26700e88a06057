import Foundation
import HTTPTypes
import OCISigning
import Testing
import TestSupport

/// The verifier refuses the keys the signer refuses, and a keyId whose fingerprint names a
/// different key than the one it was given.
@Suite struct VerifierKeyRuleTests {
    let docs = DocVectors.shared
    let vectorTime = HTTPDate(secondsSince1970: 1_388_957_500)

    /// Oracle's doc-get request as received, with its published Authorization.
    func docGet(keyID: String? = nil) -> HTTPRequest {
        let vector = docs.official("doc-get")
        var authorization = (vector["authorization"] as! [String: String]).sorted { $0.key < $1.key }.first!.value
        if let keyID {
            let start = authorization.range(of: "keyId=\"")!.upperBound
            let end = authorization[start...].firstIndex(of: "\"")!
            authorization.replaceSubrange(start..<end, with: keyID)
        }
        let url = (vector["url"] as! String).dropFirst("https://".count)
        let slash = url.firstIndex(of: "/")!
        var fields = HTTPFields()
        for (name, value) in (vector["request_headers"] as! [String: String]).sorted(by: { $0.key < $1.key }) where name != "host" {
            fields.append(HTTPField(name: HTTPField.Name(name)!, value: value))
        }
        fields.append(HTTPField(name: .authorization, value: authorization))
        return HTTPRequest(method: .get, scheme: "https", authority: String(url[..<slash]), path: String(url[slash...]), headerFields: fields)
    }

    func docKey() throws -> OCIPublicKey { try OCIPublicKey(pem: Array(docs.publicKeyPEM.utf8)) }

    @Test func oracleTestKeyNeedsAllowWeakKey() throws {
        let verifier = OCIRequestVerifier(publicKey: try docKey())
        let refused = verifier.verify(docGet(), options: VerificationOptions(now: vectorTime)).failure
        #expect(refused?.reason == .weakKey(bits: 1024, minimumBits: 2048))
        #expect(refused?.code == .weakKey)
        #expect(verifier.verify(docGet(), options: VerificationOptions(now: vectorTime, allowWeakKey: true)).isValid)
    }

    @Test func keyUnder1024BitsIsRefusedEvenWhenWeakKeysAreAllowed() throws {
        let dir = try TemporaryDirectory()
        try OpenSSLTool.run(["genrsa", "-out", dir.file("k512.pem"), "512"])
        try OpenSSLTool.run(["rsa", "-in", dir.file("k512.pem"), "-pubout", "-out", dir.file("k512.pub")])
        let key = try OCIPublicKey(pem: try dir.read("k512.pub"))
        let failure = OCIRequestVerifier(publicKey: key).verify(docGet(), options: VerificationOptions(now: vectorTime, allowWeakKey: true)).failure
        #expect(failure?.reason == .weakKey(bits: 512, minimumBits: 1024))
    }

    @Test func keyIDFingerprintOfAnotherKeyIsAFingerprintMismatch() throws {
        let other = "ocid1.tenancy.oc1..aaaa/ocid1.user.oc1..bbbb/00:11:22:33:44:55:66:77:88:99:AA:bb:cc:dd:ee:ff"
        let failure = OCIRequestVerifier(publicKey: try docKey())
            .verify(docGet(keyID: other), options: VerificationOptions(now: vectorTime, allowWeakKey: true)).failure
        let expected = try OpenSSLToolFingerprint.ofPublicPEM(docs.publicKeyPEM)
        #expect(failure?.reason == .fingerprintMismatch(keyIDFingerprint: "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff", keyFingerprint: expected))
        #expect(failure?.code == .fingerprintMismatch)
        #expect(failure?.description == "the keyId names fingerprint 00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff but the key given is \(expected)")
    }

    @Test(arguments: ["ST$eyJhbGciOi.x.y", "a/b/not-a-fingerprint", "a/b/c/00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff"])
    func keyIDWithoutAFingerprintIsNotCompared(keyID: String) throws {
        // The keyId is not in the signing string: the published signature still verifies.
        let result = OCIRequestVerifier(publicKey: try docKey())
            .verify(docGet(keyID: keyID), options: VerificationOptions(now: vectorTime, allowWeakKey: true))
        #expect(result.isValid, "\(result.failure.map { "\($0)" } ?? "")")
    }
}

/// The fingerprint `openssl pkey -pubin -outform DER | openssl md5 -c` prints.
enum OpenSSLToolFingerprint {
    static func ofPublicPEM(_ pem: String) throws -> String {
        let dir = try TemporaryDirectory()
        _ = try dir.write("key.pub", pem)
        return try OpenSSLTool.fingerprint(keyFile: dir.file("key.pub"), publicInput: true)
    }
}
