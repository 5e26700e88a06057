import Foundation
import HTTPTypes
import OCICredentials
import OCISigning
import TestSupport
import Testing
@testable import OCIPrincipals

/// The refresh client's failures, and the session-token provider refreshing itself.
@Suite struct SessionRefreshTests {
    static let t0: Int64 = 1_388_957_500

    func client(_ transport: FakeAuthTransport, now: Int64 = t0) -> OCISessionTokenRefreshClient {
        OCISessionTokenRefreshClient(endpoint: "http://127.0.0.1:47111/v1/authentication/refresh", environment: [:],
                                     transport: transport, clock: { HTTPDate(secondsSince1970: now) })
    }

    func refreshError(_ transport: FakeAuthTransport) async -> OCISigningError? {
        let token = try! SessionToken(text: Array(SessionVectors.token.utf8), path: "/t/token")
        do {
            _ = try await client(transport).refreshedToken(token, privateKey: SessionVectors.key, region: nil)
            return nil
        } catch { return error }
    }

    @Test(arguments: [
        (OCIHTTPResponse(status: 401, body: Array(#"{"code": "NotAuthenticated", "message": "token revoked"}"#.utf8)), "answered HTTP 401 (NotAuthenticated: token revoked)"),
        (OCIHTTPResponse(status: 500, body: Array("oops".utf8)), "answered HTTP 500"),
        (OCIHTTPResponse(status: 200, body: Array(#"{"notToken": "x"}"#.utf8)), "has no 'token'"),
        (OCIHTTPResponse(status: 200, body: Array("<html>".utf8)), "is not JSON"),
    ])
    func aRefusedOrEmptyAnswerIsSessionRefreshFailedNamingTheEndpoint(response: OCIHTTPResponse, says: String) async {
        let error = await refreshError(FakeAuthTransport([response]))
        #expect(error?.code == .sessionRefreshFailed)
        #expect(error?.reason.contains("POST http://127.0.0.1:47111/v1/authentication/refresh") == true)
        #expect(error?.reason.contains(says) == true, "\(error?.reason ?? "")")
        #expect(error.map { !"\($0)".contains(SessionVectors.token.split(separator: ".")[1]) } == true)
    }

    @Test func anAnswerThatIsNotAJWTIsInvalidSecurityToken() async {
        let error = await refreshError(FakeAuthTransport.answering("not-a-jwt"))
        #expect(error?.code == .invalidSecurityToken)
        #expect(error?.reason.contains("POST http://127.0.0.1:47111/v1/authentication/refresh") == true)
    }

    @Test func aTransportFailureIsSessionRefreshFailed() async {
        let error = await refreshError(FakeAuthTransport(failure: OCISigningError(.connectionFailed, "cannot connect to http://127.0.0.1:47111")))
        #expect(error?.code == .sessionRefreshFailed)
        #expect(error?.reason.contains("cannot connect") == true)
    }

    @Test func theURLSessionTransportAgainstAClosedLoopbackPortIsSessionRefreshFailed() async {
        let token = try! SessionToken(text: Array(SessionVectors.token.utf8), path: "/t/token")
        let client = OCISessionTokenRefreshClient(endpoint: "http://127.0.0.1:9/v1/authentication/refresh", environment: [:],
                                                  timeout: .seconds(5))
        await #expect(throws: OCISigningError(.sessionRefreshFailed, "")) {
            _ = try await client.refreshedToken(token, privateKey: SessionVectors.key, region: nil)
        }
    }
}

/// A session profile on disk with the recorded key and a token the test chooses.
final class SessionHome: @unchecked Sendable {
    let dir: TemporaryDirectory
    let clock: TestClock
    init(token: String, now: Int64) throws {
        dir = try TemporaryDirectory()
        clock = TestClock(now)
        _ = try dir.write("key.pem", SessionVectors.bytes("session-key.pem"))
        _ = try dir.write("token", token)
        _ = try dir.write("config", "[s]\nkey_file=\(dir.file("key.pem"))\nregion=us-phoenix-1\nsecurity_token_file=\(dir.file("token"))\n")
    }
    var environment: CredentialEnvironment {
        let clock = self.clock
        return CredentialEnvironment(variables: [:], homeDirectory: dir.path, now: { clock.now.secondsSince1970 })
    }
    var tokenOnDisk: String { String(decoding: (try? dir.read("token")) ?? [], as: UTF8.self) }

    func provider(_ transport: FakeAuthTransport, margin: Int64 = 300) -> OCISessionTokenIdentityProvider {
        let clock = self.clock
        let client = OCISessionTokenRefreshClient(endpoint: "http://127.0.0.1:47111/v1/authentication/refresh", environment: [:],
                                                  transport: transport, clock: { clock.now })
        return OCISessionTokenIdentityProvider(profile: "s", configFile: dir.file("config"), environment: environment,
                                               autoRefresh: OCISessionTokenAutoRefresh(refresher: client, margin: margin))
    }
}

func sessionJWT(iat: Int64, exp: Int64, sessionEnd: Int64, jti: String) -> String {
    fakeJWT(["iat": iat, "exp": exp, "sess_exp": HTTPDate(secondsSince1970: sessionEnd).imfFixdate.replacingOccurrences(of: "GMT", with: "UTC"), "jti": jti])
}

@Suite struct SessionTokenSelfRefreshTests {
    let t0 = SessionRefreshTests.t0

    @Test func notDueMeansNoCall() async throws {
        let home = try SessionHome(token: SessionVectors.token, now: t0)
        let transport = FakeAuthTransport.answering(SessionVectors.refreshedToken)
        let identity = try await home.provider(transport).identity()
        #expect(identity.keyID == "ST$" + SessionVectors.token)
        #expect(transport.sent.isEmpty)
    }

    @Test func dueRefreshesOnceForConcurrentCallersWritesTheFileAndKeepsTheKey() async throws {
        let home = try SessionHome(token: SessionVectors.token, now: t0 + 3400)   // exp is t0 + 3600
        let fresh = sessionJWT(iat: t0 + 3400, exp: t0 + 7000, sessionEnd: t0 + 86_400, jti: "second")
        let transport = FakeAuthTransport.answering(fresh)
        transport.delay = .milliseconds(100)
        let provider = home.provider(transport)
        let identities = try await withThrowingTaskGroup(of: OCISigningIdentity.self) { group in
            for _ in 0..<16 { group.addTask { try await provider.identity() } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(transport.sent.count == 1)
        #expect(await provider.refreshCount == 1)
        #expect(identities.allSatisfy { $0.keyID == "ST$" + fresh })
        #expect(identities.allSatisfy { $0.privateKey.isSameKey(as: identities[0].privateKey) })
        #expect(try identities[0].privateKey.fingerprint == SessionVectors.key.fingerprint)
        #expect(identities[0].expiresAt?.secondsSince1970 == t0 + 7000)
        #expect(home.tokenOnDisk == fresh)
        var info = stat()
        #expect(stat(home.dir.file("token"), &info) == 0 && info.st_mode & 0o777 == 0o600)
        // The request was signed with the old token and carried it as currentToken.
        let posted = try #require(transport.sent.first)
        #expect(posted.body == SessionVectors.bytes("refresh/body.json"))
        #expect(posted.request.headerFields[.authorization]?.contains("keyId=\"ST$\(SessionVectors.token)\"") == true)
        // Later calls use the new token without another call or re-read.
        #expect(try await provider.identity().keyID == "ST$" + fresh)
        #expect(transport.sent.count == 1)
    }

    @Test func aFailedRefreshKeepsTheValidTokenAndWaitsBeforeTryingAgain() async throws {
        let home = try SessionHome(token: SessionVectors.token, now: t0 + 3400)
        let transport = FakeAuthTransport([OCIHTTPResponse(status: 401, body: Array(#"{"code": "NotAuthenticated"}"#.utf8))])
        let provider = home.provider(transport)
        #expect(try await provider.identity().keyID == "ST$" + SessionVectors.token)
        #expect(try await provider.identity().keyID == "ST$" + SessionVectors.token)
        #expect(transport.sent.count == 1)
        home.clock.set(t0 + 3440)
        _ = try await provider.identity()
        #expect(transport.sent.count == 2)
        #expect(home.tokenOnDisk == SessionVectors.token)
        #expect(await provider.refreshCount == 0)
    }

    @Test func aRefreshThatFailsAfterTheTokenExpiredThrowsInsteadOfHandingItOut() async throws {
        let home = try SessionHome(token: SessionVectors.token, now: t0 + 3400)
        let transport = FakeAuthTransport([OCIHTTPResponse(status: 500)])
        let clock = home.clock
        let expiry = t0 + 3600
        transport.onSend = { clock.set(expiry) }
        await #expect(throws: OCISigningError(.sessionRefreshFailed, "")) { try await home.provider(transport).identity() }
    }

    @Test func afterTheSessionEndsTheTokenIsUsedUntilItExpiresAndNeverRefreshed() async throws {
        let token = sessionJWT(iat: t0, exp: t0 + 3600, sessionEnd: t0 + 3300, jti: "ending")
        let home = try SessionHome(token: token, now: t0 + 3400)
        let transport = FakeAuthTransport.answering(SessionVectors.refreshedToken)
        let provider = home.provider(transport)
        #expect(try await provider.identity().keyID == "ST$" + token)
        home.clock.set(t0 + 3600)
        await #expect(throws: OCISigningError(.sessionTokenExpired, "")) { try await provider.identity() }
        #expect(transport.sent.isEmpty)
    }

    @Test func aRejectedTokenTheFilesStillHoldIsExchangedOnceAndTheRetryUsesTheNewOne() async throws {
        let home = try SessionHome(token: SessionVectors.token, now: t0 + 60)   // not due: exp is t0 + 3600
        let fresh = sessionJWT(iat: t0 + 60, exp: t0 + 3660, sessionEnd: t0 + 86_400, jti: "after-401")
        let transport = FakeAuthTransport.answering(fresh)
        transport.delay = .milliseconds(50)
        let provider = home.provider(transport)
        let rejected = try await provider.identity()
        #expect(transport.sent.isEmpty)
        let retried = try await withThrowingTaskGroup(of: OCISigningIdentity.self) { group in
            for _ in 0..<4 { group.addTask { try await provider.refresh(afterRejectionOf: rejected) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(transport.sent.count == 1)
        #expect(retried.allSatisfy { $0.keyID == "ST$" + fresh })
        #expect(home.tokenOnDisk == fresh)
        // Rejected again: the refreshed token is exchanged too, but the failure leaves nothing to retry with.
        let failing = FakeAuthTransport([OCIHTTPResponse(status: 401, body: Array(#"{"code": "NotAuthenticated"}"#.utf8))])
        let second = home.provider(failing)
        let current = try await second.identity()
        #expect(try await second.refresh(afterRejectionOf: current).keyID == current.keyID)
        #expect(failing.sent.count == 1)
    }

    @Test func aRejectedTokenIsNotExchangedWithoutAutoRefreshOrAfterTheSessionEnded() async throws {
        let ended = sessionJWT(iat: t0, exp: t0 + 3600, sessionEnd: t0 + 30, jti: "ended")
        let home = try SessionHome(token: ended, now: t0 + 60)
        let transport = FakeAuthTransport.answering(SessionVectors.refreshedToken)
        let provider = home.provider(transport)
        let rejected = try await provider.identity()
        #expect(try await provider.refresh(afterRejectionOf: rejected).keyID == rejected.keyID)
        #expect(transport.sent.isEmpty)
        let plain = OCISessionTokenIdentityProvider(profile: "s", configFile: home.dir.file("config"), environment: home.environment)
        let first = try await plain.identity()
        #expect(try await plain.refresh(afterRejectionOf: first).keyID == first.keyID)
    }

    @Test func withoutAutoRefreshNothingIsSent() async throws {
        let home = try SessionHome(token: SessionVectors.token, now: t0 + 3500)
        let provider = OCISessionTokenIdentityProvider(profile: "s", configFile: home.dir.file("config"), environment: home.environment)
        #expect(try await provider.identity().keyID == "ST$" + SessionVectors.token)
        #expect(home.tokenOnDisk == SessionVectors.token)
    }
}
