import Foundation
import OCICredentials
import OCISignCLI
import OCISigning
import Testing
import TestSupport

/// `oci-sign dump` takes the same key sources as `sign`: a config profile, and an
/// encrypted `--key-file` with `--passphrase-file`.
@Suite struct DumpCredentialTests {
    let home: CLIHome

    init() throws { home = try CLIHome() }

    func dump(_ args: [String]) throws -> (OCISignCLI.ExitStatus, [String: Any], Terminal) {
        let terminal = Terminal.capturing()
        let status = try DumpCommand.parse(args + ["--format", "json"]).execute(terminal: terminal, context: home.context)
        let json = (try? JSONSerialization.jsonObject(with: Data(terminal.output.utf8))) as? [String: Any] ?? [:]
        return (status, json, terminal)
    }

    /// The dump's signature equals `openssl dgst -sha256 -sign` over its signing string with `key`.
    func expectSignature(_ json: [String: Any], madeWith key: String) throws {
        let signingString = try #require((json["signingString"] as? [String: Any])?["value"] as? String)
        let signature = try #require((json["signature"] as? [String: Any])?["signature"] as? String)
        let expected = Data(try OpenSSLTool.signature(keyFile: key, message: Array(signingString.utf8))).base64EncodedString()
        #expect(signature == expected)
    }

    @Test func dumpWithAProfile() throws {
        try home.config(home.profile())
        let (status, json, terminal) = try dump(["--profile", "DEFAULT", try home.request()])
        #expect(status == .success, "\(terminal.errorOutput)")
        let credentials = try #require(json["credentials"] as? [String: Any])
        #expect(credentials["keyId"] as? String == "\(CLIHome.tenancy)/\(CLIHome.user)/\(home.fingerprint)")
        #expect(credentials["fingerprintMatch"] as? Bool == true)
        try expectSignature(json, madeWith: home.key)
    }

    @Test func dumpWithAnEncryptedKeyAndAPassphraseFile() throws {
        let passphraseFile = try home.dir.write("pass.txt", CLIHome.passphrase + "\n")
        let (status, json, terminal) = try dump(["--key-file", CLIKeys.shared.encryptedKey, "--key-id", "k", "--passphrase-file", passphraseFile, try home.request()])
        #expect(status == .success, "\(terminal.errorOutput)")
        let credentials = try #require(json["credentials"] as? [String: Any])
        #expect(credentials["computedFingerprint"] as? String == CLIKeys.shared.fingerprint)
        #expect(!terminal.output.contains(CLIHome.passphrase))
        try expectSignature(json, madeWith: CLIKeys.shared.key)

        let wrongFile = try home.dir.write("wrong.txt", "not it\n")
        let (wrong, _, wrongTerminal) = try dump(["--key-file", CLIKeys.shared.encryptedKey, "--key-id", "k", "--passphrase-file", wrongFile, try home.request()])
        #expect(wrong == .credentials)
        #expect(wrongTerminal.errorOutput.contains("[wrongPassphrase]"))
        #expect(!wrongTerminal.errorOutput.contains("not it"))
    }
}
