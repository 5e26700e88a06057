import Foundation
import OCICredentials
import TestSupport

/// Keys written by `openssl` once per run, a fake home directory, and config text builders.
struct CredentialKeys: @unchecked Sendable {  // immutable after setup
    static let passphrase = "s3cret pass phrase"
    static let tenancy = "ocid1.tenancy.oc1..aaaaaaaaba3pv6wkcr4jqae5f15p2b2m2yt2j6rx32uzr4h25vqstifsfdsq"
    static let user = "ocid1.user.oc1..aaaaaaaat5nvwcna5j6aqzjcaty5eqbb6qt2jvpkanghtgdaqedqw3rynjq"
    static let message = Array("date: Thu, 05 Jan 2014 21:31:40 GMT\n(request-target): get /n/\nhost: objectstorage.us-ashburn-1.oraclecloud.com".utf8)

    let dir: TemporaryDirectory
    /// 2048-bit PKCS#8, mode 0600.
    let plainKey: String
    /// The same key, encrypted PKCS#8 with ``passphrase``.
    let encryptedKey: String
    /// A 1024-bit PKCS#1 key.
    let weakKey: String
    /// `openssl md5 -c` fingerprint of the 2048-bit key.
    let fingerprint: String
    /// `openssl dgst -sha256 -sign` of ``message`` with the 2048-bit key.
    let signature: [UInt8]

    static let shared: CredentialKeys = { try! CredentialKeys() }()

    init() throws {
        dir = try TemporaryDirectory()
        plainKey = dir.file("key.pem")
        encryptedKey = dir.file("key-encrypted.pem")
        weakKey = dir.file("weak.pem")
        try OpenSSLTool.run(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", plainKey])
        try OpenSSLTool.run(["pkcs8", "-topk8", "-in", plainKey, "-v2", "aes-256-cbc", "-passout", "pass:\(Self.passphrase)", "-out", encryptedKey])
        try OpenSSLTool.run(["genrsa", "-traditional", "-out", weakKey, "1024"])
        for path in [plainKey, encryptedKey, weakKey] {
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        }
        fingerprint = try OpenSSLTool.fingerprint(keyFile: plainKey)
        signature = try OpenSSLTool.signature(keyFile: plainKey, message: Self.message)
    }
}

/// A fake home directory with `~/.oci/` and helpers to write a config and token files.
final class FakeHome: @unchecked Sendable {
    let dir: TemporaryDirectory
    var variables: [String: String] = [:]
    var now: Int64 = 1_800_000_000

    init() throws {
        dir = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir.file(".oci"), withIntermediateDirectories: true)
    }

    var environment: CredentialEnvironment {
        let now = self.now
        return CredentialEnvironment(variables: variables, homeDirectory: dir.path, now: { now })
    }

    var configPath: String { dir.file(".oci/config") }

    @discardableResult
    func config(_ text: String, mode: Int = 0o600) throws -> String {
        try dir.write(".oci/config", text, mode: mode)
    }

    /// An API-key profile for the shared 2048-bit key.
    static func apiKeyProfile(name: String = "DEFAULT", keyFile: String = CredentialKeys.shared.plainKey,
                              fingerprint: String = CredentialKeys.shared.fingerprint, extra: String = "") -> String {
        """
        [\(name)]
        user=\(CredentialKeys.user)
        fingerprint=\(fingerprint)
        tenancy=\(CredentialKeys.tenancy)
        region=us-ashburn-1
        key_file=\(keyFile)
        \(extra)
        """
    }

    /// A JWT with the given `exp`, as `oci session authenticate` stores it (base64url parts).
    static func jwt(exp: Int64?) -> String {
        func b64url(_ json: String) -> String {
            Data(json.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        }
        let claims = exp.map { "{\"sub\":\"ocid1.user.oc1..x\",\"exp\":\($0),\"ttype\":\"login\"}" } ?? "{\"sub\":\"ocid1.user.oc1..x\"}"
        return b64url("{\"alg\":\"RS256\",\"kid\":\"asw\"}") + "." + b64url(claims) + ".c2lnbmF0dXJlLWJ5dGVz"
    }
}

/// A prompter that answers from a script and counts how often it was asked.
final class ScriptedPrompter: PassphrasePrompter, @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [[UInt8]?]
    private(set) var prompts: [String] = []

    init(_ answers: [String?]) { self.answers = answers.map { $0.map { Array($0.utf8) } } }

    func readPassphrase(prompt: String) -> [UInt8]? {
        lock.withLock {
            prompts.append(prompt)
            return answers.isEmpty ? nil : answers.removeFirst()
        }
    }
}
