import Foundation
import OCISigning
import Testing
import TestSupport

/// Pass phrases libcrypto's PEM callback could not take (over 1,024 bytes), ciphers outside the
/// default provider and key-derivation costs a hostile file chooses: the right pass phrase is
/// never reported as wrong, and the cost is checked before any work.
@Suite struct PassphraseKDFTests {
    static let dir: TemporaryDirectory = {
        let dir = try! TemporaryDirectory()
        try! OpenSSLTool.run(["genrsa", "-traditional", "-out", dir.file("k.pem"), "2048"])
        return dir
    }()

    func encrypted(_ name: String, _ args: [String], pass: String) throws -> [UInt8] {
        try OpenSSLTool.run(["pkcs8", "-topk8", "-in", Self.dir.file("k.pem")] + args + ["-passout", "pass:\(pass)", "-out", Self.dir.file(name)])
        return try Self.dir.read(name)
    }

    @Test(arguments: [1_025, 4_096])
    func longPassphraseDecryptsPKCS8(length: Int) throws {
        let pass = String(repeating: "p", count: length)
        let pem = try encrypted("long-\(length).pem", ["-v2", "aes-256-cbc"], pass: pass)
        #expect(try OCIPrivateKey(pem: pem, passphrase: Array(pass.utf8)).bits == 2048)
        let wrong = #expect(throws: OCISigningError.self) { try OCIPrivateKey(pem: pem, passphrase: Array((pass + "x").utf8)) }
        #expect(wrong?.code == .wrongPassphrase)
    }

    @Test func singleDESPKCS8DecryptsWithTheLegacyProvider() throws {
        let pem = try encrypted("des.pem", ["-provider", "legacy", "-provider", "default", "-v2", "des-cbc"], pass: "secret")
        #expect(try OCIPrivateKey(pem: pem, passphrase: Array("secret".utf8)).bits == 2048)
        let wrong = #expect(throws: OCISigningError.self) { try OCIPrivateKey(pem: pem, passphrase: Array("secreT".utf8)) }
        #expect(wrong?.code == .wrongPassphrase)
    }

    @Test func iterationsAboveTheMaximumAreRefusedBeforeDeriving() throws {
        let pem = try encrypted("iter.pem", ["-v2", "aes-256-cbc", "-iter", String(KeyDerivationLimits.maximumIterations + 1)], pass: "secret")
        let error = #expect(throws: OCISigningError.self) { try OCIPrivateKey(pem: pem, passphrase: Array("secret".utf8)) }
        #expect(error?.code == .keyDerivationTooCostly)
        #expect(error.map { "\($0)" }?.contains("2000000") == true)
    }

    @Test func legacyPEMPassphraseOver1024BytesIsUnsupportedNotWrong() throws {
        let pass = String(repeating: "q", count: 1_025)
        try OpenSSLTool.run(["rsa", "-traditional", "-in", Self.dir.file("k.pem"), "-aes256", "-passout", "pass:\(pass)", "-out", Self.dir.file("legacy-long.pem")])
        let error = #expect(throws: OCISigningError.self) { try OCIPrivateKey(pem: try Self.dir.read("legacy-long.pem"), passphrase: Array(pass.utf8)) }
        #expect(error?.code == .unsupportedKeyEncryption)
    }
}
