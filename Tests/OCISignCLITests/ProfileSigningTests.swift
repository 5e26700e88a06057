import Foundation
import OCICredentials
import OCISignCLI
import OCISigning
import Testing
import TestSupport

/// `oci-sign sign --profile` and `oci-sign config check`.
@Suite struct ProfileSigningTests {
    let home: CLIHome

    init() throws { home = try CLIHome() }

    func sign(_ args: [String]) throws -> (OCISignCLI.ExitStatus, Terminal) {
        let terminal = Terminal.capturing()
        let status = try SignCommand.parse(args).execute(terminal: terminal, context: home.context)
        return (status, terminal)
    }

    func check(_ args: [String] = []) throws -> (OCISignCLI.ExitStatus, Terminal) {
        let terminal = Terminal.capturing()
        let status = try ConfigCheckCommand.parse(args).execute(terminal: terminal, context: home.context)
        return (status, terminal)
    }

    /// The JSON line of `sign --format json`.
    func json(_ terminal: Terminal) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(terminal.output.utf8)) as! [String: Any]
    }

    @Test("sign --profile signs with the profile's key and keyId, as openssl would")
    func signWithProfile() throws {
        try home.config(home.profile() + home.profile("other", keyFile: "~/.oci/nope.pem"))
        let (status, terminal) = try sign(["--profile", "DEFAULT", "--format", "json", try home.request()])
        #expect(status == .success, "\(terminal.errorOutput)")
        let result = try json(terminal)
        #expect(result["keyId"] as? String == "\(CLIHome.tenancy)/\(CLIHome.user)/\(home.fingerprint)")
        let signingString = Array((result["signingString"] as! String).utf8)
        let expected = Data(try OpenSSLTool.signature(keyFile: home.key, message: signingString)).base64EncodedString()
        #expect(result["signature"] as? String == expected)
    }

    @Test("with no key option the default profile is used; OCI_CLI_PROFILE and OCI_CLI_CONFIG_FILE are honoured")
    func cliVariables() throws {
        try home.config(home.profile("DEFAULT", keyFile: "~/.oci/nope.pem"))
        let other = try home.dir.write("other-config", home.profile("work"))
        home.variables = ["OCI_CLI_CONFIG_FILE": other, "OCI_CLI_PROFILE": "work"]
        let (status, terminal) = try sign(["--format", "json", try home.request()])
        #expect(status == .success, "\(terminal.errorOutput)")
        home.variables = [:]
        let (failed, errors) = try sign([try home.request()])
        #expect(failed == .credentials)
        #expect(errors.errorOutput.contains("profile [DEFAULT]"))
    }

    @Test("a fingerprint mismatch is an error in the CLI; --no-fingerprint-check signs with a warning")
    func fingerprintMismatch() throws {
        let wrong = "73:61:a2:21:67:e0:df:be:7e:4b:93:1e:15:98:a5:b7"
        try home.config(home.profile(fingerprint: wrong))
        let (status, terminal) = try sign([try home.request()])
        #expect(status == .credentials)
        #expect(terminal.output.isEmpty)
        #expect(terminal.errorOutput.hasPrefix("oci-sign: \(home.configPath):3: profile [DEFAULT]: the configured fingerprint \(wrong) is not the key's (\(home.fingerprint))"))
        #expect(terminal.errorOutput.contains("--no-fingerprint-check"))
        #expect(terminal.errorOutput.contains("[fingerprintMismatch]"))

        let (forced, output) = try sign(["--no-fingerprint-check", try home.request()])
        #expect(forced == .success)
        #expect(output.output.contains("keyId=\"\(CLIHome.tenancy)/\(CLIHome.user)/\(wrong)\""))
        #expect(output.errorOutput.contains("warning:"))
    }

    @Test("--key-file with --profile is refused; --key-file takes --passphrase-file")
    func keyFileOptions() throws {
        try home.config(home.profile())
        let (mixed, terminal) = try sign(["--key-file", home.key, "--key-id", "k", "--profile", "DEFAULT", try home.request()])
        #expect(mixed == .usage)
        #expect(terminal.errorOutput.contains("alternatives"))

        let passFile = try home.dir.write("pass.txt", CLIHome.passphrase)
        let (status, signed) = try sign(["--key-file", home.encryptedKey, "--key-id", "tenancy/user/fp", "--passphrase-file", passFile, "--format", "json", try home.request()])
        #expect(status == .success, "\(signed.errorOutput)")
        let result = try json(signed)
        let expected = try OpenSSLTool.signature(keyFile: home.key, message: Array((result["signingString"] as! String).utf8))
        #expect(result["signature"] as? String == Data(expected).base64EncodedString())
    }

    @Test("no key option and no config file: the old 'no key given' error, exit 2")
    func nothingGiven() throws {
        let (status, terminal) = try sign([try home.request()])
        #expect(status == .credentials)
        #expect(terminal.errorOutput.hasPrefix("oci-sign: no key given: pass --key-file PEM and --key-id KEYID, or --profile NAME"))
        #expect(terminal.errorOutput.contains("[configFileNotFound]"))
    }

    @Test("an encrypted key without a pass phrase and without a terminal fails at once: exit 2")
    func noTerminalNoPrompt() throws {
        try home.config(home.profile(keyFile: home.encryptedKey))
        let (status, terminal) = try sign([try home.request()])
        #expect(status == .credentials)
        #expect(terminal.errorOutput.contains("[missingPassphrase]"))
    }

    @Test("sign --profile with a session token signs with keyId ST$<token>; an expired one is exit 2")
    func signWithSessionToken() throws {
        let token = CLIHome.jwt(exp: home.now + 600)
        try home.dir.write("token", token + "\n")
        try home.config(home.profile(extra: "security_token_file=\(home.dir.file("token"))"))
        let (status, terminal) = try sign(["--format", "json", try home.request()])
        #expect(status == .success, "\(terminal.errorOutput)")
        let result = try json(terminal)
        #expect(result["keyId"] as? String == "ST$" + token)
        let expected = try OpenSSLTool.signature(keyFile: home.key, message: Array((result["signingString"] as! String).utf8))
        #expect(result["signature"] as? String == Data(expected).base64EncodedString())

        home.now += 601
        let (expired, errors) = try sign([try home.request()])
        #expect(expired == .credentials)
        #expect(errors.errorOutput.contains("[sessionTokenExpired]"))
        #expect(!errors.errorOutput.contains(token.dropFirst(8).prefix(24)))
    }

    @Test("config check: everything loaded, secrets absent, exit 0")
    func checkOK() throws {
        try home.config(home.profile(extra: "pass_phrase=\(CLIHome.passphrase)").replacingOccurrences(of: "~/.oci/key.pem", with: home.encryptedKey))
        let (status, terminal) = try check()
        #expect(status == .success, "\(terminal.errorOutput)")
        let lines = terminal.output.split(separator: "\n").map(String.init)
        #expect(lines.contains("key id:        \(CLIHome.tenancy)/\(CLIHome.user)/\(home.fingerprint)"))
        #expect(lines.contains("key file:      \(home.encryptedKey) (RSA, 2048 bits)"))
        #expect(lines.contains("pass phrase:   pass_phrase at \(home.configPath):7"))
        #expect(lines.contains("               \(home.fingerprint) (computed from the key) MATCH"))
        #expect(lines.contains("region:        us-ashburn-1"))
        #expect(lines.last == "status:        OK")
        #expect(!terminal.output.contains(CLIHome.passphrase))
    }

    @Test("config check: a mismatch and an open key file are problems, exit 1")
    func checkProblems() throws {
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: home.key)
        try home.config(home.profile(fingerprint: "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff"))
        let (status, terminal) = try check()
        #expect(status == .failure)
        #expect(terminal.output.contains("(computed from the key) MISMATCH"))
        #expect(terminal.output.hasSuffix("status:        2 problems\n"))
        #expect(terminal.errorOutput.contains("[fingerprintMismatch]"))
        #expect(terminal.errorOutput.contains("[filePermissions]"))
    }

    @Test("config check: a session profile shows a redacted token and its expiry")
    func checkSession() throws {
        let token = CLIHome.jwt(exp: home.now + 45 * 60)
        try home.dir.write("token", token + "\n")
        try home.config(home.profile(extra: "security_token_file=\(home.dir.file("token"))").replacingOccurrences(of: "user=\(CLIHome.user)\n", with: ""))
        let (status, terminal) = try check()
        #expect(status == .success, "\(terminal.errorOutput)")
        #expect(terminal.output.contains("key id:        ST$\(token.prefix(8))…(\(token.count) chars)\n"))
        #expect(terminal.output.contains("token expires: 2027-01-15T08:45:00Z (in 45 minutes)\n"))
        #expect(!terminal.output.contains(token.dropFirst(8).prefix(20)))
    }

    @Test("config check: an unusable profile names file, line and profile; exit 2", arguments: [
        ("[DEFAULT]\nregion us-ashburn-1\n", ":2: expected key=value", "malformedConfig"),
        ("[DEFAULT]\nkey_content=MIIEvQIBADAN\n", ":2: profile [DEFAULT]: 'key_content'", "keyContentInFile"),
    ])
    func checkErrors(config: String, fragment: String, code: String) throws {
        try home.config(config)
        let (status, terminal) = try check()
        #expect(status == .credentials)
        #expect(terminal.errorOutput.contains(home.configPath + fragment), "\(terminal.errorOutput)")
        #expect(terminal.errorOutput.contains("[\(code)]"))
        #expect(!terminal.errorOutput.contains("MIIEvQ"))
    }

    @Test("config check: an expired session token is exit 2 with the expiry time")
    func checkExpired() throws {
        try home.dir.write("token", CLIHome.jwt(exp: home.now - 3 * 3600))
        try home.config(home.profile(extra: "security_token_file=\(home.dir.file("token"))"))
        let (status, terminal) = try check(["--profile", "DEFAULT"])
        #expect(status == .credentials)
        #expect(terminal.errorOutput.contains("expired at 2027-01-15T05:00:00Z (3 hours ago)"))
        #expect(terminal.errorOutput.contains("[sessionTokenExpired]"))
    }
}
