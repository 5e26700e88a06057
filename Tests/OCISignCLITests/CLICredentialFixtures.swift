import Foundation
import OCICredentials
import OCISignCLI
import TestSupport

/// A fake home with `~/.oci/config`, keys written by `openssl`, and a context pointing at it.
final class CLIHome: @unchecked Sendable {
    static let passphrase = "cli pass phrase 7"
    static let tenancy = "ocid1.tenancy.oc1..aaaaaaaaba3pv6wkcr4jqae5f15p2b2m2yt2j6rx32uzr4h25vqstifsfdsq"
    static let user = "ocid1.user.oc1..aaaaaaaat5nvwcna5j6aqzjcaty5eqbb6qt2jvpkanghtgdaqedqw3rynjq"
    let dir: TemporaryDirectory
    var variables: [String: String] = [:]
    var now: Int64 = 1_800_000_000
    let key: String
    let encryptedKey: String
    let fingerprint: String

    init() throws {
        dir = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir.file(".oci"), withIntermediateDirectories: true)
        key = dir.file(".oci/key.pem")
        encryptedKey = dir.file(".oci/key-encrypted.pem")
        // Keys are generated once per run (key generation dominates the suite's time) and copied.
        try FileManager.default.copyItem(atPath: CLIKeys.shared.key, toPath: key)
        try FileManager.default.copyItem(atPath: CLIKeys.shared.encryptedKey, toPath: encryptedKey)
        for path in [key, encryptedKey] { try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path) }
        fingerprint = CLIKeys.shared.fingerprint
    }

    var context: CredentialContext {
        let now = self.now
        return CredentialContext(environment: CredentialEnvironment(variables: variables, homeDirectory: dir.path, now: { now }), prompter: nil)
    }

    var configPath: String { dir.file(".oci/config") }

    func config(_ text: String) throws { try dir.write(".oci/config", text) }

    func profile(_ name: String = "DEFAULT", fingerprint: String? = nil, keyFile: String = "~/.oci/key.pem", extra: String = "") -> String {
        """
        [\(name)]
        user=\(Self.user)
        fingerprint=\(fingerprint ?? self.fingerprint)
        tenancy=\(Self.tenancy)
        region=us-ashburn-1
        key_file=\(keyFile)
        \(extra)

        """
    }

    /// A raw GET request file; returns its path.
    func request() throws -> String {
        try dir.write("get.http", "GET /n/ HTTP/1.1\nHost: objectstorage.us-ashburn-1.oraclecloud.com\nDate: Thu, 05 Jan 2014 21:31:40 GMT\n\n")
    }

    /// A JWT with `exp`, base64url, as `oci session authenticate` stores it.
    static func jwt(exp: Int64) -> String {
        func b64url(_ json: String) -> String {
            Data(json.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        }
        return b64url("{\"alg\":\"RS256\"}") + "." + b64url("{\"exp\":\(exp),\"sub\":\"ocid1.user.oc1..secretsubject\"}") + ".c2lnbmF0dXJl"
    }
}

/// One key pair written by `openssl` for the whole run.
struct CLIKeys: @unchecked Sendable {  // immutable after setup
    let dir: TemporaryDirectory
    let key: String
    let encryptedKey: String
    let fingerprint: String

    static let shared: CLIKeys = { try! CLIKeys() }()

    init() throws {
        dir = try TemporaryDirectory()
        key = dir.file("key.pem")
        encryptedKey = dir.file("key-encrypted.pem")
        try OpenSSLTool.run(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key])
        try OpenSSLTool.run(["pkcs8", "-topk8", "-in", key, "-v2", "aes-256-cbc", "-passout", "pass:\(CLIHome.passphrase)", "-out", encryptedKey])
        fingerprint = try OpenSSLTool.fingerprint(keyFile: key)
    }
}
