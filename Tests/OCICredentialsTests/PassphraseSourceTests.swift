import Foundation
import OCICredentials
import OCISigning
import Testing

/// Pass-phrase sources and their order: API, --passphrase-file, OCI_CLI_PASSPHRASE, pass_phrase, prompt.
@Suite struct PassphraseSourceTests {
    let keys = CredentialKeys.shared
    let home: FakeHome
    static let wrong = "not-the-pass-phrase-42"

    init() throws {
        home = try FakeHome()
    }

    func config(passphrase: String? = nil) throws {
        try home.config(FakeHome.apiKeyProfile(keyFile: keys.encryptedKey, extra: passphrase.map { "pass_phrase=\($0)" } ?? ""))
    }

    func load(_ options: PassphraseOptions = PassphraseOptions()) throws -> OCICredentials {
        try OCICredentials.load(passphrase: options, environment: home.environment)
    }

    func expectNoSecrets(_ error: OCISigningError) {
        #expect(!error.description.contains(CredentialKeys.passphrase))
        #expect(!error.description.contains(Self.wrong))
    }

    @Test("pass_phrase in the config decrypts the key")
    func fromConfig() throws {
        try config(passphrase: CredentialKeys.passphrase)
        let credentials = try load()
        #expect(credentials.passphraseOrigin == .config(path: home.configPath, line: 7))
        #expect(try credentials.privateKey.sign(CredentialKeys.message) == keys.signature)
    }

    @Test("OCI_CLI_PASSPHRASE beats pass_phrase")
    func environmentBeatsConfig() throws {
        try config(passphrase: Self.wrong)
        home.variables["OCI_CLI_PASSPHRASE"] = CredentialKeys.passphrase
        #expect(try load().passphraseOrigin == .environment("OCI_CLI_PASSPHRASE"))
    }

    @Test("a pass phrase file (first line, LF or CRLF stripped) beats the environment", arguments: ["\n", "\r\n", ""])
    func fileBeatsEnvironment(ending: String) throws {
        try config()
        home.variables["OCI_CLI_PASSPHRASE"] = Self.wrong
        let file = try home.dir.write("pass.txt", CredentialKeys.passphrase + ending + (ending.isEmpty ? "" : "second line ignored\n"))
        #expect(try load(PassphraseOptions(file: file)).passphraseOrigin == .file(file))
    }

    @Test("the API pass phrase beats everything")
    func apiFirst() throws {
        try config(passphrase: Self.wrong)
        home.variables["OCI_CLI_PASSPHRASE"] = Self.wrong
        #expect(try load(PassphraseOptions(explicit: Array(CredentialKeys.passphrase.utf8))).passphraseOrigin == .api)
    }

    @Test("a wrong pass phrase names its source, never its text", arguments: ["config", "environment", "file", "api"])
    func wrongNamesSource(source: String) throws {
        try config(passphrase: source == "config" ? Self.wrong : nil)
        var options = PassphraseOptions()
        var expected = ""
        switch source {
        case "environment":
            home.variables["OCI_CLI_PASSPHRASE"] = Self.wrong
            expected = "the pass phrase in OCI_CLI_PASSPHRASE"
        case "file":
            options.file = try home.dir.write("pass.txt", Self.wrong + "\n")
            expected = "the pass phrase in \(options.file!)"
        case "api":
            options.explicit = Array(Self.wrong.utf8)
            expected = "the pass phrase given by the caller"
        default:
            expected = "pass_phrase at \(home.configPath):7"
        }
        let error = try #require(throws: OCISigningError.self) { try load(options) }
        #expect(error.code == .wrongPassphrase)
        #expect(error.path == keys.encryptedKey)
        #expect(error.reason.contains(expected + " does not decrypt the private key"), "\(error)")
        #expect(error.reason.hasPrefix("profile [DEFAULT]"))
        expectNoSecrets(error)
    }

    @Test("no pass phrase anywhere and nobody to ask: missingPassphrase listing the ways")
    func missing() throws {
        try config()
        let error = try #require(throws: OCISigningError.self) { try load() }
        #expect(error.code == .missingPassphrase)
        #expect(error.path == keys.encryptedKey)
        #expect(error.reason.contains("--passphrase-file FILE, OCI_CLI_PASSPHRASE, pass_phrase in the profile"))
    }

    @Test("'passphrase' (Go's spelling) is not read, and the error says so")
    func goAlias() throws {
        try home.config(FakeHome.apiKeyProfile(keyFile: keys.encryptedKey, extra: "passphrase=\(CredentialKeys.passphrase)"))
        let error = try #require(throws: OCISigningError.self) { try load() }
        #expect(error.code == .missingPassphrase)
        #expect(error.reason.contains("line 7 sets 'passphrase', which is read only by the Go SDK: rename it to 'pass_phrase'"))
        expectNoSecrets(error)
    }

    @Test("an empty pass_phrase counts as none")
    func emptyConfigValue() throws {
        try config(passphrase: "")
        #expect(throws: OCISigningError.self) { try load() }
    }

    @Test("the prompter is asked only for an encrypted key with no other source")
    func promptOnlyWhenNeeded() throws {
        try home.config(FakeHome.apiKeyProfile())
        let unused = ScriptedPrompter([CredentialKeys.passphrase])
        _ = try load(PassphraseOptions(prompter: unused))
        #expect(unused.prompts.isEmpty)

        try config(passphrase: CredentialKeys.passphrase)
        _ = try load(PassphraseOptions(prompter: unused))
        #expect(unused.prompts.isEmpty)

        try config()
        let asked = ScriptedPrompter([CredentialKeys.passphrase])
        let credentials = try load(PassphraseOptions(prompter: asked))
        #expect(asked.prompts == ["Pass phrase for \(keys.encryptedKey): "])
        #expect(credentials.passphraseOrigin == .prompt)
    }

    @Test("a prompt that gets nothing is missingPassphrase; a wrong answer is wrongPassphrase")
    func promptFailures() throws {
        try config()
        let silent = try #require(throws: OCISigningError.self) { try load(PassphraseOptions(prompter: ScriptedPrompter([nil]))) }
        #expect(silent.code == .missingPassphrase)
        let wrong = try #require(throws: OCISigningError.self) { try load(PassphraseOptions(prompter: ScriptedPrompter([Self.wrong]))) }
        #expect(wrong.code == .wrongPassphrase)
        #expect(wrong.reason.contains("typed at the prompt"))
        expectNoSecrets(wrong)
    }

    @Test("a missing pass phrase file is fileUnreadable naming it")
    func missingFile() throws {
        try config()
        let error = try #require(throws: OCISigningError.self) { try load(PassphraseOptions(file: "~/nope.txt")) }
        #expect(error.code == .fileUnreadable)
        #expect(error.path == home.dir.file("nope.txt"))
    }
}
