import Foundation
import Logging
import OCICredentials
import OCISigning
import TestSupport
import Testing

/// A clock and a log shared by a test and the provider it drives.
final class TestBox: @unchecked Sendable {  // all state behind the lock
    private let lock = NSLock()
    private var seconds: Int64
    private var lines: [(Logger.Level, String)] = []
    init(now: Int64) { seconds = now }
    var now: Int64 { lock.withLock { seconds } }
    func set(now: Int64) { lock.withLock { seconds = now } }
    func append(_ level: Logger.Level, _ text: String) { lock.withLock { lines.append((level, text)) } }
    var log: [(Logger.Level, String)] { lock.withLock { lines } }

    var logger: Logger {
        var logger = Logger(label: "test") { _ in CapturingLogHandler(box: self) }
        logger.logLevel = .trace
        return logger
    }
}

/// Keeps every message with its metadata, to check levels and that no secret is logged.
struct CapturingLogHandler: LogHandler {
    let box: TestBox
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) {
        box.append(event.level, "\(event.message) \(event.metadata ?? [:]) \(metadata)")
    }
}

/// A second 2048-bit key, for rotations.
enum RotatedKey {
    static let shared: (path: String, fingerprint: String, dir: TemporaryDirectory) = {
        let dir = try! TemporaryDirectory()
        let path = dir.file("rotated.pem")
        try! OpenSSLTool.run(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", path])
        try! FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return (path, try! OpenSSLTool.fingerprint(keyFile: path), dir)
    }()
}

@Suite struct ConfigProfileIdentityProviderTests {
    let keys = CredentialKeys.shared
    let home: FakeHome
    let box = TestBox(now: 1_800_000_000)

    init() throws { home = try FakeHome() }

    var environment: CredentialEnvironment {
        let box = self.box
        return CredentialEnvironment(variables: [:], homeDirectory: home.dir.path, now: { box.now })
    }

    @Test("loaded lazily: a missing config is an error of the first identity(), not of init")
    func lazy() async throws {
        let provider = OCIConfigProfileIdentityProvider(environment: environment, logger: box.logger)
        let error = await #expect(throws: OCISigningError.self) { try await provider.identity() }
        #expect(error?.code == .configFileNotFound)
        try home.config(FakeHome.apiKeyProfile())
        let identity = try await provider.identity()
        #expect(identity.keyID == "\(CredentialKeys.tenancy)/\(CredentialKeys.user)/\(keys.fingerprint)")
        #expect(identity.kind == .apiKey)
        #expect(identity.region == "us-ashburn-1")
        #expect(identity.tenancy == CredentialKeys.tenancy)
        #expect(identity.expiresAt == nil)
        #expect(try identity.privateKey.sign(CredentialKeys.message) == keys.signature)
        #expect(box.log.allSatisfy { $0.0 <= .debug })
    }

    @Test("a rejection re-reads the profile once; an unchanged profile gives the rejected identity back")
    func rejectionUnchanged() async throws {
        try home.config(FakeHome.apiKeyProfile())
        let provider = OCIConfigProfileIdentityProvider(environment: environment, logger: box.logger)
        let identity = try await provider.identity()
        let refreshed = try await provider.refresh(afterRejectionOf: identity)
        #expect(!refreshed.differs(from: identity))
        let reads = box.log.filter { $0.1.contains("reading the OCI config profile") }.count
        _ = try await provider.refresh(afterRejectionOf: identity)
        #expect(box.log.filter { $0.1.contains("reading the OCI config profile") }.count == reads)
    }

    @Test("a rejection after the key was rotated in the profile gives the new key")
    func rejectionRotated() async throws {
        try home.config(FakeHome.apiKeyProfile())
        let provider = OCIConfigProfileIdentityProvider(environment: environment)
        let old = try await provider.identity()
        let rotated = RotatedKey.shared
        try home.config(FakeHome.apiKeyProfile(keyFile: rotated.path, fingerprint: rotated.fingerprint))
        #expect(try await provider.identity().keyID == old.keyID)  // cached until rejected
        let fresh = try await provider.refresh(afterRejectionOf: old)
        #expect(fresh.differs(from: old))
        #expect(fresh.keyID.hasSuffix("/" + rotated.fingerprint))
        #expect(try fresh.privateKey.sign(CredentialKeys.message) == (try OpenSSLTool.signature(keyFile: rotated.path, message: CredentialKeys.message)))
    }
}

@Suite struct SessionTokenIdentityProviderTests {
    let keys = CredentialKeys.shared
    let home: FakeHome
    let box = TestBox(now: 1_800_000_000)
    var tokenPath: String { home.dir.file(".oci/sessions/DEFAULT/token") }

    init() throws { home = try FakeHome() }

    var environment: CredentialEnvironment {
        let box = self.box
        return CredentialEnvironment(variables: [:], homeDirectory: home.dir.path, now: { box.now })
    }

    func writeToken(_ token: String) throws {
        try FileManager.default.createDirectory(atPath: (tokenPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try token.write(toFile: tokenPath, atomically: true, encoding: .utf8)
    }

    func writeConfig(keyFile: String? = nil, tokenLine: String = "security_token_file=~/.oci/sessions/DEFAULT/token") throws {
        try home.config("""
            [DEFAULT]
            fingerprint=\(keyFile == nil ? keys.fingerprint : RotatedKey.shared.fingerprint)
            key_file=\(keyFile ?? keys.plainKey)
            tenancy=\(CredentialKeys.tenancy)
            region=us-ashburn-1
            \(tokenLine)
            """)
    }

    func provider() -> OCISessionTokenIdentityProvider {
        OCISessionTokenIdentityProvider(environment: environment, logger: box.logger)
    }

    @Test("signs as ST$<token> with the session key; expiry from the JWT")
    func reads() async throws {
        let jwt = FakeHome.jwt(exp: box.now + 3600)
        try writeToken(jwt)
        try writeConfig()
        let identity = try await provider().identity()
        #expect(identity.keyID == "ST$" + jwt)
        #expect(identity.kind == .securityToken)
        #expect(identity.expiresAt == HTTPDate(secondsSince1970: box.now + 3600))
        #expect(identity.tenancy == CredentialKeys.tenancy)
        #expect(try identity.privateKey.sign(CredentialKeys.message) == keys.signature)
        #expect(!identity.description.contains(jwt.dropFirst(8)))
    }

    @Test("a rewritten token file is picked up by the next identity() without a rejection")
    func tokenRefreshed() async throws {
        try writeToken(FakeHome.jwt(exp: box.now + 3600))
        try writeConfig()
        let provider = provider()
        _ = try await provider.identity()
        let second = FakeHome.jwt(exp: box.now + 7200)
        try writeToken(second)
        #expect(try await provider.identity().keyID == "ST$" + second)
    }

    @Test("a new key and token are read together: the new token is signed with the new key")
    func keyAndTokenTogether() async throws {
        try writeToken(FakeHome.jwt(exp: box.now + 3600))
        try writeConfig()
        let provider = provider()
        let first = try await provider.identity()
        let second = FakeHome.jwt(exp: box.now + 5400)
        try writeToken(second)
        try writeConfig(keyFile: RotatedKey.shared.path)
        let identity = try await provider.identity()
        #expect(identity.keyID == "ST$" + second)
        #expect(identity.differs(from: first))
        #expect(try identity.privateKey.sign(CredentialKeys.message) == (try OpenSSLTool.signature(keyFile: RotatedKey.shared.path, message: CredentialKeys.message)))
    }

    @Test("an expired token is sessionTokenExpired with its expiry; a refreshed file signs again")
    func expiry() async throws {
        try writeToken(FakeHome.jwt(exp: 1_800_000_000 + 600))
        try writeConfig()
        let provider = provider()
        _ = try await provider.identity()
        box.set(now: 1_800_000_000 + 600 + 42 * 60)
        let error = await #expect(throws: OCISigningError.self) { try await provider.identity() }
        #expect(error?.code == .sessionTokenExpired)
        #expect(error?.path == tokenPath)
        #expect(error?.reason.contains("expired at 2027-01-15T08:10:00Z (42 minutes ago)") == true)
        #expect(error?.reason.contains("oci session refresh --profile DEFAULT") == true)
        let renewed = FakeHome.jwt(exp: box.now + 3600)
        try writeToken(renewed)
        #expect(try await provider.identity().keyID == "ST$" + renewed)
    }

    @Test("an already expired token on first read is sessionTokenExpired")
    func expiredOnFirstRead() async throws {
        try writeToken(FakeHome.jwt(exp: box.now - 1))
        try writeConfig()
        let error = await #expect(throws: OCISigningError.self) { try await provider().identity() }
        #expect(error?.code == .sessionTokenExpired)
    }

    @Test("a profile without security_token_file is missingConfigValue")
    func notASessionProfile() async throws {
        try home.config(FakeHome.apiKeyProfile())
        let error = await #expect(throws: OCISigningError.self) { try await provider().identity() }
        #expect(error?.code == .missingConfigValue)
        #expect(error?.reason.contains("security_token_file") == true)
    }

    @Test("a rejection with unchanged files gives the rejected identity back after one re-read")
    func rejectionUnchanged() async throws {
        try writeToken(FakeHome.jwt(exp: box.now + 3600))
        try writeConfig()
        let provider = provider()
        let identity = try await provider.identity()
        let refreshed = try await provider.refresh(afterRejectionOf: identity)
        #expect(!refreshed.differs(from: identity))
        let renewed = FakeHome.jwt(exp: box.now + 7200)
        try writeToken(renewed)
        #expect(try await provider.refresh(afterRejectionOf: identity).keyID == "ST$" + renewed)
    }

    @Test("logs at debug and trace only and never the token")
    func logging() async throws {
        let jwt = FakeHome.jwt(exp: box.now + 3600)
        try writeToken(jwt)
        try writeConfig()
        let provider = provider()
        let identity = try await provider.identity()
        _ = try await provider.identity()
        _ = try await provider.refresh(afterRejectionOf: identity)
        let log = box.log
        #expect(log.count >= 3)
        #expect(log.allSatisfy { $0.0 <= .debug })
        #expect(log.allSatisfy { !$0.1.contains(jwt.dropFirst(8)) })
        #expect(log.contains { $0.0 == .trace })
    }
}
