import Foundation
import OCICredentials
import OCISigning
import Testing
import TestSupport

/// API-key profiles: keyId, key, fingerprint check, required keys, key_content, permissions.
@Suite struct CredentialsLoadingTests {
    let keys = CredentialKeys.shared
    let home: FakeHome

    init() throws { home = try FakeHome() }

    func load(_ profile: String? = nil, passphrase: PassphraseOptions = PassphraseOptions()) throws -> OCICredentials {
        try OCICredentials.load(profile: profile, passphrase: passphrase, environment: home.environment)
    }

    func loadError(_ profile: String? = nil, passphrase: PassphraseOptions = PassphraseOptions()) throws -> OCISigningError {
        try #require(throws: OCISigningError.self) { try load(profile, passphrase: passphrase) }
    }

    @Test("an API-key profile gives tenancy/user/fingerprint and the key openssl signs with")
    func apiKeyProfile() throws {
        try home.config(FakeHome.apiKeyProfile())
        let credentials = try load()
        #expect(credentials.keyID == "\(CredentialKeys.tenancy)/\(CredentialKeys.user)/\(keys.fingerprint)")
        #expect(credentials.computedFingerprint == keys.fingerprint)
        #expect(credentials.configFile == home.configPath)
        #expect(credentials.region == "us-ashburn-1")
        #expect(credentials.warnings.isEmpty, "\(credentials.warnings)")
        #expect(try credentials.privateKey.sign(CredentialKeys.message) == keys.signature)
        #expect(try credentials.makeSigner().keyID == credentials.keyID)
    }

    @Test("key_file ~ is expanded against the injected home")
    func tildeKeyFile() throws {
        try FileManager.default.copyItem(atPath: keys.plainKey, toPath: home.dir.file(".oci/api.pem"))
        try home.config(FakeHome.apiKeyProfile(keyFile: "~/.oci/api.pem"))
        #expect(try load().keyFile == home.dir.file(".oci/api.pem"))
    }

    @Test("per-key DEFAULT fallback supplies the key of a named profile")
    func inheritedKey() throws {
        try home.config(FakeHome.apiKeyProfile() + "\n[dev]\nregion=eu-frankfurt-1\n")
        let credentials = try load("dev")
        #expect(credentials.profile == "dev")
        #expect(credentials.region == "eu-frankfurt-1")
        #expect(try credentials.privateKey.sign(CredentialKeys.message) == keys.signature)
    }

    @Test("a fingerprint that is not the key's is a warning naming both and the line")
    func fingerprintMismatch() throws {
        let wrong = "73:61:a2:21:67:e0:df:be:7e:4b:93:1e:15:98:a5:b7"
        try home.config(FakeHome.apiKeyProfile(fingerprint: wrong))
        let credentials = try load()
        #expect(credentials.fingerprintMismatch)
        #expect(credentials.keyID.hasSuffix("/" + wrong))  // signs with what is configured, as the SDKs do
        let warning = try #require(credentials.warnings.first { $0.code == .fingerprintMismatch })
        #expect(warning.line == 3)
        #expect(warning.path == home.configPath)
        #expect(warning.message.contains(wrong) && warning.message.contains(keys.fingerprint))
        #expect(warning.message.contains("401"))
    }

    @Test("a malformed fingerprint is invalidConfigValue", arguments: [
        "73:61:A2:21:67:E0:DF:BE:7E:4B:93:1E:15:98:A5:B7", "73:61:a2", "7361a22167e0dfbe7e4b931e1598a5b7",
    ])
    func malformedFingerprint(fingerprint: String) throws {
        try home.config(FakeHome.apiKeyProfile(fingerprint: fingerprint))
        let error = try loadError()
        #expect(error.code == .invalidConfigValue)
        #expect(error.line == 3)
        #expect(error.reason.hasPrefix("profile [DEFAULT]: fingerprint"))
    }

    @Test("missing required keys are missingConfigValue naming the profile")
    func missingKeys() throws {
        try home.config("[DEFAULT]\nregion=r\n[dev]\nuser=\(CredentialKeys.user)\n")
        let error = try loadError("dev")
        #expect(error.code == .missingConfigValue)
        #expect(error.path == home.configPath)
        #expect(error.line == 3)  // the [dev] header: no line holds the missing keys
        #expect(error.reason == "profile [dev]: tenancy, fingerprint, key_file are missing or empty (required for API-key signing, unless security_token_file is set)")
    }

    @Test("an empty inherited value names DEFAULT and its line")
    func emptyInherited() throws {
        try home.config("[DEFAULT]\nuser=\n[dev]\ntenancy=\(CredentialKeys.tenancy)\nfingerprint=\(keys.fingerprint)\nkey_file=\(keys.plainKey)\n")
        let error = try loadError("dev")
        #expect(error.code == .missingConfigValue)
        #expect(error.line == 2)
        #expect(error.reason.hasPrefix("profile [dev] (inherited from [DEFAULT]): user is missing or empty"))
    }

    @Test("a tenancy or user that is not an OCID is invalidConfigValue")
    func notAnOCID() throws {
        try home.config(FakeHome.apiKeyProfile().replacingOccurrences(of: CredentialKeys.user, with: "john.doe@example.com"))
        let error = try loadError()
        #expect(error.code == .invalidConfigValue)
        #expect(error.line == 2)
        #expect(error.reason.contains("user 'john.doe@example.com' is not an OCID"))
    }

    @Test("key_content in a file is refused with its line and profile, without the key")
    func keyContent() throws {
        try home.config(FakeHome.apiKeyProfile(extra: "key_content=MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"))
        let error = try loadError()
        #expect(error.code == .keyContentInFile)
        #expect(error.line == 7)
        #expect(error.reason.hasPrefix("profile [DEFAULT]: 'key_content' cannot be in a config file"))
        #expect(!error.description.contains("MIIEvQ"))
    }

    @Test("a missing key file is fileUnreadable naming the key path, profile and config line")
    func missingKeyFile() throws {
        try home.config(FakeHome.apiKeyProfile(keyFile: "~/.oci/nope.pem"))
        let error = try loadError()
        #expect(error.code == .fileUnreadable)
        #expect(error.path == home.dir.file(".oci/nope.pem"))
        #expect(error.reason.contains("profile [DEFAULT] (key_file at \(home.configPath):6)"))
    }

    @Test("a public key as key_file is notAPrivateKey naming the profile")
    func publicKeyAsKeyFile() throws {
        let pub = home.dir.file("pub.pem")
        try OpenSSLTool.run(["pkey", "-in", keys.plainKey, "-pubout", "-out", pub])
        try home.config(FakeHome.apiKeyProfile(keyFile: pub))
        let error = try loadError()
        #expect(error.code == .notAPrivateKey)
        #expect(error.reason.hasPrefix("profile [DEFAULT]"))
    }

    @Test("a key file readable by group or others is a warning; 0600 is not", arguments: [0o644, 0o640, 0o604, 0o660])
    func keyPermissions(mode: Int) throws {
        let key = home.dir.file("open.pem")
        try FileManager.default.copyItem(atPath: keys.plainKey, toPath: key)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: key)
        try home.config(FakeHome.apiKeyProfile(keyFile: key))
        let warning = try #require(try load().warnings.first { $0.code == .filePermissions })
        #expect(warning.path == key)
        #expect(warning.message.contains("chmod 600"))
        #expect(warning.message.contains(String(mode, radix: 8)))
    }

    @Test("a config file readable by others is a warning too")
    func configPermissions() throws {
        try home.config(FakeHome.apiKeyProfile(), mode: 0o644)
        let warnings = try load().warnings
        #expect(warnings.map(\.code) == [.filePermissions])
        #expect(warnings.first?.path == home.configPath)
    }

    @Test("a key under 2048 bits is a weakKey warning, and the signer refuses it unless allowed")
    func weakKey() throws {
        let fingerprint = try OpenSSLTool.fingerprint(keyFile: keys.weakKey)
        try home.config(FakeHome.apiKeyProfile(keyFile: keys.weakKey, fingerprint: fingerprint))
        let credentials = try load()
        #expect(credentials.warnings.map(\.code) == [.weakKey])
        let error = try #require(throws: OCISigningError.self) { try credentials.makeSigner() }
        #expect(error.code == .weakKey)
        #expect(try credentials.makeSigner(allowWeakKey: true).keyID == credentials.keyID)
    }

    @Test("region falls back to OCI_REGION; none at all is a warning")
    func region() throws {
        try home.config(FakeHome.apiKeyProfile().replacingOccurrences(of: "region=us-ashburn-1\n", with: ""))
        #expect(try load().warnings.map(\.code) == [.missingRegion])
        home.variables["OCI_REGION"] = "ap-tokyo-1"
        let credentials = try load()
        #expect(credentials.region == "ap-tokyo-1")
        #expect(credentials.warnings.isEmpty)
    }

    @Test("unknown keys are listed as ignored")
    func ignored() throws {
        try home.config(FakeHome.apiKeyProfile(extra: "compartment_id=ocid1.compartment.oc1..x"))
        #expect(try load().ignoredKeys == ["compartment_id"])
    }
}
