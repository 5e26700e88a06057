#if IntegrationTests
import AsyncHTTPClient
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HTTPTypes
import NIOCore
import OCILoopbackServer
import OCISigning
import OCISigningAsyncHTTPClient
import OCISigningFoundation
import Testing

/// The send policy over real loopback HTTP: a provider whose first identity the server does not
/// trust (rsa3072) and whose refreshed one it does (rsa2048). AsyncHTTPClient and URLSession must
/// both be refused once, refresh once, and succeed on the one retry.
@Suite(.timeLimit(.minutes(1))) struct SendPolicyLoopbackTests {
    static let untrusted = OCISigningIdentity(keyID: Loopback.keyID, privateKey: try! OCIPrivateKey(pemFile: Repo.path("Vectors/keys/rsa3072.pem")),
                                              kind: .securityToken, source: "test, untrusted key")
    static let trusted = OCISigningIdentity(keyID: Loopback.keyID + "-new", privateKey: try! OCIPrivateKey(pemFile: Repo.path("Vectors/keys/rsa2048.pem")),
                                            kind: .securityToken, source: "test, trusted key")

    @Test func asyncHTTPClientRetriesOnceAfterARefresh() async throws {
        let server = try Loopback.server()
        let provider = RefreshOnceProvider(first: Self.untrusted, refreshed: Self.trusted)
        try await server.withRunningServer { port in
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/20160918/volumeBackups")
            request.method = .POST
            let response = try await HTTPClient.shared.execute(request, body: .bytes(Loopback.referenceBody), signedWith: provider, timeout: .seconds(10))
            _ = try await response.body.collect(upTo: 1 << 20)
            #expect(response.status == .ok)
        }
        let statuses = await server.log.requests.map(\.status.code)
        #expect(statuses == [401, 200])
        #expect(await provider.refreshes == 1)
        let ids = await server.log.requests.map { $0.headerFields[.opcRequestID] }
        #expect(ids[0] != nil && ids[0] == ids[1])
    }

    @Test func urlSessionRetriesOnceAfterARefresh() async throws {
        let server = try Loopback.server()
        let provider = RefreshOnceProvider(first: Self.untrusted, refreshed: Self.trusted)
        try await server.withRunningServer { port in
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/20160918/volumeBackups")!, timeoutInterval: 10)
            request.httpMethod = "POST"
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            let (_, response) = try await URLSession.shared.send(request, body: .bytes(Loopback.referenceBody), signedWith: provider)
            #expect(response.statusCode == 200)
        }
        #expect(await server.log.requests.map(\.status.code) == [401, 200])
        #expect(await provider.refreshes == 1)
    }
}

/// The first identity, then the refreshed one.
actor RefreshOnceProvider: OCIIdentityProvider {
    let first: OCISigningIdentity
    let refreshed: OCISigningIdentity
    private(set) var refreshes = 0
    private var current: OCISigningIdentity
    init(first: OCISigningIdentity, refreshed: OCISigningIdentity) {
        self.first = first
        self.refreshed = refreshed
        self.current = first
    }
    func identity() async throws(OCISigningError) -> OCISigningIdentity { current }
    func refresh(afterRejectionOf rejected: OCISigningIdentity) async throws(OCISigningError) -> OCISigningIdentity {
        refreshes += 1
        current = refreshed
        return refreshed
    }
}
#endif
