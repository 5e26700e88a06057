import Foundation
import OCISigning
import Testing
import TestSupport

/// scrypt keys whose cost is over `KeyDerivationLimits` are refused before deriving, and the
/// refusal names the cost. `openssl pkcs8` refuses to write such keys (its own 32 MiB limit), so
/// one it writes with N = 2¹⁵ has its cost INTEGER patched in the DER, same length.
@Suite struct ScryptCostTests {
    /// An scrypt PKCS#8 key (N = 32768, r = 1, p = 1) with N rewritten to `patchedN` (3 bytes).
    static func patchedKey(n patchedN: [UInt8]) throws -> [UInt8] {
        let dir = try TemporaryDirectory()
        try OpenSSLTool.run(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", dir.file("k.pem")])
        try OpenSSLTool.run(["pkcs8", "-topk8", "-in", dir.file("k.pem"), "-scrypt", "-scrypt_N", "32768", "-scrypt_r", "1",
                             "-scrypt_p", "1", "-passout", "pass:pw", "-outform", "DER", "-out", dir.file("k.der")])
        var der = try dir.read("k.der")
        // INTEGER 32768 (02 03 00 80 00), then blockSize 1 and parallelization 1.
        let original: [UInt8] = [0x02, 0x03, 0x00, 0x80, 0x00, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]
        let at = try #require((0...(der.count - original.count)).first { der[$0..<($0 + original.count)].elementsEqual(original) })
        der.replaceSubrange((at + 2)..<(at + 5), with: patchedN)
        let base64 = Data(der).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return Array("-----BEGIN ENCRYPTED PRIVATE KEY-----\n\(base64)\n-----END ENCRYPTED PRIVATE KEY-----\n".utf8)
    }

    @Test func nAbove32MiBIsRefusedNamingTheCost() throws {
        let pem = try Self.patchedKey(n: [0x40, 0x00, 0x00])  // N = 2^22: 512 MiB with r = 1
        let start = ContinuousClock.now
        let error = #expect(throws: OCISigningError.self) { try OCIPrivateKey(pem: pem, passphrase: Array("pw".utf8)) }
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(error?.code == .keyDerivationTooCostly, "\(String(describing: error))")
        #expect(error?.reason.contains("N=4194304") == true, "\(error?.reason ?? "-")")
        #expect(error?.reason.contains("512 MiB") == true)
        #expect(error?.reason.contains("wrong") == false)
    }

    @Test func theUnpatchedKeyStillDecrypts() throws {
        let pem = try Self.patchedKey(n: [0x00, 0x80, 0x00])  // control: the same bytes, N = 2^15
        #expect(try OCIPrivateKey(pem: pem, passphrase: Array("pw".utf8)).bits == 2048)
    }
}
