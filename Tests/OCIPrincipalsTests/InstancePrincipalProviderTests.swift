import Foundation
import HTTPTypes
import OCISigning
import Testing
@testable import OCIPrincipals

/// Refresh, single flight, retries and every bad input of the instance-principal provider,
/// against the in-process fake IMDS and auth service.
@Suite struct InstancePrincipalProviderTests {
    let start: Int64 = 1388957500

    func provider(_ transport: FakeOCITransport, clock: TestClock, _ change: (inout OCIInstancePrincipalConfiguration) -> Void = { _ in })
        throws -> OCIInstancePrincipalProvider {
        try OCIInstancePrincipalProvider(configuration: testConfiguration(change), transport: transport, clock: { clock.now })
    }

    @Test func refreshesWhenNowIsPastExpMinus60AsPythonDoes() async throws {
        let clock = TestClock(start)
        let transport = FakeOCITransport(clock: clock)
        let provider = try provider(transport, clock: clock)
        let first = try await provider.identity()
        let exp = first.expiresAt!.secondsSince1970
        // kat/instance_principals_refresh.json: exp-61 and exp-60 reuse the token, exp-59 federates.
        for (offset, federations) in [(-61, 1), (-60, 1), (-59, 2)] {
            clock.set(exp + Int64(offset))
            _ = try await provider.identity()
            #expect(transport.federations.count == federations, "at exp\(offset)")
        }
        let refreshed = try await provider.identity()
        #expect(refreshed.keyID != first.keyID)
        #expect(!refreshed.privateKey.isSameKey(as: first.privateKey))  // a new session key per federation
    }

    @Test func refreshMarginFederatesEarlier() async throws {
        let clock = TestClock(start)
        let transport = FakeOCITransport(clock: clock)
        let provider = try provider(transport, clock: clock) { $0.refreshMargin = 300 }
        let exp = try await provider.identity().expiresAt!.secondsSince1970
        clock.set(exp - 359)
        _ = try await provider.identity()
        #expect(transport.federations.count == 2)
    }

    @Test func sixteenConcurrentSignersAcrossExpiryShareOneFederation() async throws {
        let clock = TestClock(start)
        let transport = FakeOCITransport(clock: clock)
        let provider = try provider(transport, clock: clock)
        let first = try await provider.identity()
        transport.update { $0.federationDelay = .milliseconds(100) }
        clock.set(first.expiresAt!.secondsSince1970 - 10)
        let request = HTTPRequest(method: .get, scheme: "https", authority: "iaas.us-phoenix-1.oraclecloud.com", path: "/20160918/volumes")
        let keyIDs = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    let signed = try await OCIPrincipalSigning.sign(request, with: provider)
                    return signed.keyID
                }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(transport.federations.count == 2)
        #expect(keyIDs.count == 1)
        #expect(!keyIDs.contains(first.keyID))  // no signer used the token that was due
        #expect(await provider.federationCount == 2)
    }

    @Test func refreshAfterRejectionFederatesOnceForConcurrentCallers() async throws {
        let clock = TestClock(start)
        let transport = FakeOCITransport(clock: clock)
        let provider = try provider(transport, clock: clock)
        let rejected = try await provider.identity()
        transport.update { $0.federationDelay = .milliseconds(50) }
        async let a = provider.refresh(afterRejectionOf: rejected)
        async let b = provider.refresh(afterRejectionOf: rejected)
        let (first, second) = try await (a, b)
        #expect(first.keyID == second.keyID && first.keyID != rejected.keyID)
        #expect(transport.federations.count == 2)
        // A late caller with the same stale identity gets the new one without a federation.
        _ = try await provider.refresh(afterRejectionOf: rejected)
        #expect(transport.federations.count == 2)
    }

    @Test func federation5xxOnceThen200RetriesWithTheSameBody() async throws {
        let clock = TestClock(start)
        let transport = FakeOCITransport(clock: clock)
        let token = fakeJWT(["exp": start + 1200, "iat": start])
        transport.update { $0.federationResponses = [OCIHTTPResponse(status: 500), OCIHTTPResponse(status: 200, body: Array("{\"token\": \"\(token)\"}".utf8))] }
        let identity = try await provider(transport, clock: clock).identity()
        #expect(identity.keyID == "ST$" + token)
        #expect(transport.federations.count == 2)
        #expect(transport.federations[0].body == transport.federations[1].body)
    }

    @Test func federationRefusalsAreTypedAndNotRetried() async throws {
        let cases: [(OCIHTTPResponse, Int, String)] = [
            (OCIHTTPResponse(status: 401, body: Array(#"{"code": "NotAuthenticated", "message": "bad signature"}"#.utf8)), 1, "HTTP 401 (NotAuthenticated: bad signature)"),
            (OCIHTTPResponse(status: 503), 3, "HTTP 503"),
            (OCIHTTPResponse(status: 200, body: Array("<html>".utf8)), 1, "is not JSON"),
            (OCIHTTPResponse(status: 200, body: Array("{}".utf8)), 1, "has no 'token'"),
        ]
        for (response, attempts, reason) in cases {
            let clock = TestClock(start)
            let transport = FakeOCITransport(clock: clock)
            transport.update { $0.federationResponses = [response] }
            let error = await #expect(throws: OCISigningError.self) { try await provider(transport, clock: clock).identity() }
            #expect(error?.code == .federationFailed)
            #expect(error?.reason.contains("POST http://127.0.0.1:47111/v1/x509") == true)
            #expect(error?.reason.contains(reason) == true, "\(error?.reason ?? "")")
            #expect(transport.federations.count == attempts)
        }
    }

    @Test func tokensThatAreNotJWTsOrHaveNoExpAreRefused() async throws {
        for (token, fragment) in [("not-a-jwt", "not a JWT"), (fakeJWT(["iat": start]), "no numeric 'exp'"), ("a.b$.c", "not base64url")] {
            let clock = TestClock(start)
            let transport = FakeOCITransport(clock: clock)
            transport.update { $0.federationResponses = [OCIHTTPResponse(status: 200, body: Array("{\"token\": \"\(token)\"}".utf8))] }
            let error = await #expect(throws: OCISigningError.self) { try await provider(transport, clock: clock).identity() }
            #expect(error?.code == .invalidSecurityToken)
            #expect(error?.reason.contains(fragment) == true, "\(error?.reason ?? "")")
            #expect(error?.description.contains(token) == false || token.count < 12)
        }
    }

    @Test func badInstanceMetadataIsTypedNamesTheEndpointAndLeaksNothing() async throws {
        let imds = FederationVectors.imds
        let keyBody = imds["identity/key.pem"]!.split(separator: "\n")[1]
        let cases: [([String: String], String)] = [
            (["identity/cert.pem": "<html>not pem</html>"], "identity/cert.pem did not serve a PEM certificate"),
            (["identity/key.pem": "garbage"], "identity/key.pem did not serve a usable PEM private key"),
            (["identity/cert.pem": FederationVectors.text("quirks/cert_wrong_key.pem")], "does not match the certificate"),
            (["identity/cert.pem": imds["identity/intermediate.pem"]!], "has no 'opc-tenant:'"),
            (["identity/intermediate.pem": "nope"], "identity/intermediate.pem did not serve PEM certificates"),
        ]
        for (override, fragment) in cases {
            let clock = TestClock(start)
            let transport = FakeOCITransport(files: imds.merging(override) { $1 }, clock: clock)
            let error = await #expect(throws: OCISigningError.self) { try await provider(transport, clock: clock).identity() }
            #expect(error?.code == .invalidInstanceIdentity)
            #expect(error?.reason.contains(fragment) == true, "\(error?.reason ?? "")")
            #expect(error?.description.contains(keyBody) == false)
            #expect(transport.federations.isEmpty)  // nothing signed with a half-built identity
        }
    }

    @Test func metadataDownTimeoutsAndHTTPErrorsAreTypedWithBoundedRetries() async throws {
        let failures: [(OCISigningError?, [String: Int], String, Int)] = [
            (OCISigningError(.connectionFailed, "connection refused"), [:], "connection refused", 8),
            (OCISigningError(.requestTimedOut, "did not answer in time"), [:], "did not answer in time", 8),
            (nil, ["instance/region": 500], "answered HTTP 500", 8),
            (nil, ["instance/region": 403], "answered HTTP 403", 1),
        ]
        for (failure, statuses, fragment, attempts) in failures {
            let clock = TestClock(start)
            let transport = FakeOCITransport(clock: clock)
            transport.update { $0.imdsFailure = failure; $0.imdsStatus = statuses }
            let error = await #expect(throws: OCISigningError.self) {
                try await provider(transport, clock: clock) { $0.metadataRetry.budget = .seconds(3600) }.identity()
            }
            #expect(error?.code == .metadataUnavailable)
            #expect(error?.reason.contains("reading the instance region: GET http://127.0.0.1:47110/opc/v2/instance/region") == true, "\(error?.reason ?? "")")
            #expect(error?.reason.contains(fragment) == true)
            #expect(transport.imdsRequests.count == attempts)
        }
    }

    @Test func aTenancyThatChangesAcrossRefreshesIsAnError() async throws {
        let clock = TestClock(start)
        let transport = FakeOCITransport(clock: clock)
        let provider = try provider(transport, clock: clock)
        let first = try await provider.identity()
        // Another tenancy's certificate (the harness issued it for the same leaf key) is refused.
        transport.update { $0.files["identity/cert.pem"] = FederationVectors.text("quirks/cert_other_tenancy.pem") }
        clock.set(first.expiresAt!.secondsSince1970)
        let error = await #expect(throws: OCISigningError.self) { try await provider.identity() }
        #expect(error?.code == .tenancyChanged)
        #expect(error?.reason.contains("changed from \(first.tenancy!) to") == true)
        #expect(transport.federations.count == 1)
        // The old identity is not handed out once due, either.
        await #expect(throws: OCISigningError.self) { try await provider.identity() }
    }

    @Test func anExpiredTokenIsNeverHandedOut() async throws {
        let clock = TestClock(start)
        let transport = FakeOCITransport(clock: clock)
        transport.update { $0.federationResponses = [OCIHTTPResponse(status: 200, body: Array("{\"token\": \"\(fakeJWT(["exp": start - 1]))\"}".utf8))] }
        let error = await #expect(throws: OCISigningError.self) { try await provider(transport, clock: clock).identity() }
        #expect(error?.code == .identityExpired)
    }

    @Test func urlSessionTransportReportsAClosedLoopbackPortAsATypedError() async throws {
        let request = HTTPRequest(method: .get, scheme: "http", authority: "127.0.0.1:9", path: "/opc/v2/instance/region")
        // A typed error, not a hang: the 3 s limit bounds the call (wall time is not asserted,
        // it depends on how busy the machine is).
        let error = await #expect(throws: OCISigningError.self) {
            try await OCIURLSessionTransport().send(request, body: [], timeout: .seconds(3))
        }
        #expect(error?.code == .connectionFailed || error?.code == .requestTimedOut)
    }
}
