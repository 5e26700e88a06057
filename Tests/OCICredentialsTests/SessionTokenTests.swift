import Foundation
import OCICredentials
import OCISigning
import Testing

/// `security_token_file` profiles (`oci session authenticate`).
@Suite struct SessionTokenTests {
    let keys = CredentialKeys.shared
    let home: FakeHome

    init() throws { home = try FakeHome() }

    func sessionConfig(token: String, tokenFile: String = "~/.oci/sessions/DEFAULT/token") throws {
        let path = home.environment.expandingTilde(tokenFile)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try token.write(toFile: path, atomically: true, encoding: .utf8)
        try home.config("""
            [DEFAULT]
            fingerprint=\(keys.fingerprint)
            key_file=\(keys.plainKey)
            tenancy=\(CredentialKeys.tenancy)
            region=us-ashburn-1
            security_token_file=\(tokenFile)
            """)
    }

    func load() throws -> OCICredentials { try OCICredentials.load(environment: home.environment) }

    @Test("the keyId is ST$ and the token with surrounding whitespace trimmed; no user needed")
    func keyIDFromToken() throws {
        let jwt = FakeHome.jwt(exp: home.now + 3600)
        try sessionConfig(token: "  \(jwt)\r\n\n")
        let credentials = try load()
        #expect(credentials.keyID == "ST$" + jwt)
        #expect(credentials.sessionToken?.expiresAt == home.now + 3600)
        #expect(credentials.warnings.isEmpty)
        #expect(try credentials.privateKey.sign(CredentialKeys.message) == keys.signature)
    }

    @Test("descriptions and the redacted keyId never contain the token body")
    func redaction() throws {
        let jwt = FakeHome.jwt(exp: home.now + 3600)
        try sessionConfig(token: jwt)
        let credentials = try load()
        let body = String(jwt.dropFirst(8))
        #expect(credentials.redactedKeyID == "ST$\(jwt.prefix(8))…(\(jwt.count) chars)")
        for text in [credentials.description, credentials.redactedKeyID, "\(credentials.sessionToken!)", credentials.sessionToken!.redacted] {
            #expect(!text.contains(body))
        }
    }

    @Test("an expired token is sessionTokenExpired with its expiry time")
    func expired() throws {
        // 1_800_000_000 is 2027-01-15T08:00:00Z.
        home.now = 1_800_000_000 + 42 * 60
        try sessionConfig(token: FakeHome.jwt(exp: 1_800_000_000))
        let error = try #require(throws: OCISigningError.self) { try load() }
        #expect(error.code == .sessionTokenExpired)
        #expect(error.path == home.dir.file(".oci/sessions/DEFAULT/token"))
        #expect(error.reason.contains("expired at 2027-01-15T08:00:00Z (42 minutes ago)"))
        #expect(error.reason.contains("oci session refresh --profile DEFAULT"))
        #expect(!error.description.contains(FakeHome.jwt(exp: 1_800_000_000).dropFirst(8)))
    }

    @Test("a token at exactly its exp is expired; one second before is not")
    func expiryBoundary() throws {
        try sessionConfig(token: FakeHome.jwt(exp: home.now))
        #expect(throws: OCISigningError.self) { try load() }
        try sessionConfig(token: FakeHome.jwt(exp: home.now + 1))
        #expect(try load().sessionToken != nil)
    }

    @Test("a token that is not a JWT still signs, with a tokenExpiryUnknown warning")
    func notJWT() throws {
        try sessionConfig(token: "opaque-token-123")
        let credentials = try load()
        #expect(credentials.keyID == "ST$opaque-token-123")
        #expect(credentials.warnings.map(\.code) == [.tokenExpiryUnknown])
    }

    @Test("an empty token file or one with inner spaces or quotes is invalidSessionToken", arguments: ["", " \n ", "abc def", "abc\"def", "abc\\def", "tokén"])
    func invalidToken(text: String) throws {
        try sessionConfig(token: text)
        let error = try #require(throws: OCISigningError.self) { try load() }
        #expect(error.code == .invalidSessionToken)
        #expect(error.reason.hasPrefix("profile [DEFAULT] (security_token_file at \(home.configPath):6)"))
        if text.count > 4 { #expect(!error.description.contains(text)) }
    }

    @Test("a missing token file is fileUnreadable")
    func missingTokenFile() throws {
        try sessionConfig(token: "x")
        try FileManager.default.removeItem(atPath: home.dir.file(".oci/sessions/DEFAULT/token"))
        let error = try #require(throws: OCISigningError.self) { try load() }
        #expect(error.code == .fileUnreadable)
        #expect(error.reason.contains("does not exist"))
    }
}
