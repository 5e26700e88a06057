#if IntegrationTests
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HTTPTypes
import OCILoopbackServer
import OCIPrincipals
import OCISigning
import OCISigningFoundation
import Testing

/// Instance principals over real loopback sockets: the provider reads a fake IMDS and federates
/// at a fake auth service (FakeInstanceServices, both on one port) through URLSession, and its
/// identities sign CreateVolumeBackup for an OCILoopbackServer that trusts exactly the session
/// keys the fake auth service minted tokens for.
@Suite(.serialized, .timeLimit(.minutes(2))) struct InstancePrincipalLoopbackTests {
    /// Runs `body` with the fakes listening and a provider pointed at them.
    func withServices(tokenLifetime: Int64 = 1200, clock: SharedClock = SharedClock(),
                      _ body: (FakeInstanceServices, OCIInstancePrincipalProvider, OCILoopbackServer, Int) async throws -> Void) async throws {
        let services = try FakeInstanceServices(clock: clock, tokenLifetime: tokenLifetime)
        let api = OCILoopbackServer(verifier: OCIRequestVerifier(keyResolver: { services.sessionKey(forKeyID: $0) }))
        try await services.server().withRunningServer { port in
            let provider = try OCIInstancePrincipalProvider(configuration: Self.configuration(port: port), clock: { clock.now })
            try await api.withRunningServer { apiPort in try await body(services, provider, api, apiPort) }
        }
    }

    static func configuration(port: Int) -> OCIInstancePrincipalConfiguration {
        var configuration = OCIInstancePrincipalConfiguration(
            metadataBaseURL: "http://127.0.0.1:\(port)/opc/v2", federationEndpoint: "http://127.0.0.1:\(port)/v1/x509", environment: [:],
            metadataTimeout: .seconds(5), federationTimeout: .seconds(5))
        configuration.federationRetry.baseDelay = .milliseconds(50)
        configuration.metadataRetry.baseDelay = .milliseconds(50)
        configuration.metadataRetry.deadline = .seconds(5)
        return configuration
    }

    /// CreateVolumeBackup through `URLSession.send(_:body:signedWith:)` (the send policy).
    static func createVolumeBackup(apiPort: Int, provider: some OCIIdentityProvider) async throws -> Int {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(apiPort)/20160918/volumeBackups")!, timeoutInterval: 10)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (_, response) = try await URLSession.shared.send(request, body: .bytes(Loopback.referenceBody), signedWith: provider)
        return response.statusCode
    }

    @Test func theFederationIsAcceptedAndTheServiceVerifiesTheSessionKey() async throws {
        try await withServices { services, provider, api, apiPort in
            let identity = try await provider.identity()
            #expect(services.federationLog.map(\.status) == [200])
            #expect(services.federationLog.first?.problem == nil)
            #expect(identity.keyID.hasPrefix("ST$"))
            #expect(identity.tenancy == (try FakeInstanceServices.recordedTenancy()))
            #expect(identity.region == "us-phoenix-1")   // IMDS said "phx"
            #expect(services.metadataPaths == ["instance/region", "identity/cert.pem", "identity/key.pem", "identity/intermediate.pem"])
            #expect(try await Self.createVolumeBackup(apiPort: apiPort, provider: provider) == 200)
            #expect(await api.log.requests.map(\.status.code) == [200])
        }
    }

    @Test(arguments: ["cert.pem", "cert_multivalued_rdn.pem", "cert_tenant_not_last.pem"])
    func theTenancyOfEveryRecordedSubjectLayoutFederates(layout: String) async throws {
        let meta = try JSONSerialization.jsonObject(with: Data(try Repo.text("Vectors/federation/tenancy-extraction/case.json").utf8)) as! [String: Any]
        let expected = meta["expected"] as! String
        try await withServices { services, provider, api, apiPort in
            services.serve(certificate: try Repo.text("Vectors/federation/tenancy-extraction/\(layout)"), tenancy: expected)
            let identity = try await provider.identity()
            #expect(identity.tenancy == expected)
            #expect(services.federationLog.map(\.status) == [200], "\(services.federationLog.map(\.problem))")
            #expect(try await Self.createVolumeBackup(apiPort: apiPort, provider: provider) == 200)
        }
    }

    @Test func a401RefreshesOnceAndTheRetryIsAccepted() async throws {
        try await withServices { services, provider, api, apiPort in
            let first = try await provider.identity()
            services.revoke(String(first.keyID.dropFirst(3)))   // the service no longer trusts the first token
            #expect(try await Self.createVolumeBackup(apiPort: apiPort, provider: provider) == 200)
            #expect(await api.log.requests.map(\.status.code) == [401, 200])
            #expect(services.federationLog.map(\.status) == [200, 200])
            let keyIDs = await api.log.requests.map { $0.headerFields[.authorization] ?? "" }
            #expect(keyIDs[0].contains(first.keyID) && !keyIDs[1].contains(first.keyID))
        }
    }

    @Test func federation5xxOnceThen200RetriesTheSameBody() async throws {
        try await withServices { services, provider, _, apiPort in
            services.failNextFederations(1)
            _ = try await provider.identity()
            let log = services.federationLog
            #expect(log.map(\.status) == [500, 200])
            #expect(log.allSatisfy { $0.problem == nil })
            #expect(log[0].body == log[1].body)   // one session key, one request body
            #expect(try await Self.createVolumeBackup(apiPort: apiPort, provider: provider) == 200)
        }
    }

    @Test func metadataDownIsATypedErrorWithinTheDeadlineAndNothingIsFederated() async throws {
        try await withServices { services, _, _, _ in
            var configuration = Self.configuration(port: 9)   // nothing listens on 127.0.0.1:9
            configuration.metadataRetry.deadline = .seconds(1)
            let provider = try OCIInstancePrincipalProvider(configuration: configuration)
            let error = await #expect(throws: OCISigningError.self) { try await provider.identity() }
            #expect(error?.code == .metadataUnavailable)
            #expect(error?.reason.contains("reading the instance region: GET http://127.0.0.1:9/opc/v2/instance/region failed") == true)
            #expect(error?.reason.contains("(deadline 1.0 s)") == true, "\(error?.reason ?? "")")
            #expect(services.federationLog.isEmpty)
        }
    }

    @Test func sixteenSignersAcrossExpiryShareOneFederationAndNoExpiredTokenIsSent() async throws {
        let clock = SharedClock()
        try await withServices(tokenLifetime: 120, clock: clock) { services, provider, api, apiPort in
            let first = try await provider.identity()
            clock.set(clock.secondsNow + 121)   // the first token has expired (the service refuses it)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<16 { group.addTask { try await Self.createVolumeBackup(apiPort: apiPort, provider: provider) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 200, count: 16))
            #expect(services.federationLog.map(\.status) == [200, 200])   // exactly one federation for the 16
            let received = await api.log.requests
            #expect(received.count == 16)   // no 401, so no request was signed with the expired token
            #expect(received.allSatisfy { !($0.headerFields[.authorization] ?? "").contains(first.keyID) })
        }
    }
}
#endif
