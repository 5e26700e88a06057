import Foundation
import HTTPTypes
import OCISigning
import Testing

/// The send policy against a fake service that verifies every attempt with
/// `OCIRequestVerifier` and trusts one key: what is signed, how often, with which identity.
@Suite struct SendPolicyTests {
    static let keyA = try! OCIPrivateKey(pem: Repo.bytes("Vectors/keys/rsa2048.pem"), passphrase: nil)
    static let keyB = try! OCIPrivateKey(pem: Repo.bytes("Vectors/keys/rsa3072.pem"), passphrase: nil)
    static let publicB = try! OCIPublicKey(pem: Repo.bytes("Vectors/keys/rsa3072.pub.pem"))
    static let identityA = OCISigningIdentity(keyID: "ocid1.tenancy.oc1..t/ocid1.user.oc1..u/aa", privateKey: keyA, kind: .apiKey, source: "test key A")
    static let identityB = OCISigningIdentity(keyID: "ocid1.tenancy.oc1..t/ocid1.user.oc1..u/bb", privateKey: keyB, kind: .apiKey, source: "test key B")
    static let request = HTTPRequest(method: .post, scheme: "https", authority: "inference.example.com", path: "/openai/v1/chat/completions?x=1")
    static let body: [UInt8] = Array(#"{"model":"m","messages":[]}"#.utf8)

    /// Runs one send; the service accepts key B only, with its clock `serverOffset` seconds ahead.
    func send(_ policy: OCISendPolicy, provider: some OCIIdentityProvider, serverOffset: Int64 = 0, canResend: Bool = true,
              host: String = "inference.example.com", request: HTTPRequest = SendPolicyTests.request,
              service: FakeService = FakeService()) async throws -> (Int, FakeService, [OCISendEvent]) {
        var events: [OCISendEvent] = []
        let status = try await policy.send(
            host: host, provider: provider, canResend: canResend,
            attempt: { attempt in
                let signed = try attempt.sign(request, body: .bytes(Self.body))
                return service.answer(signed.request, attempt: attempt.number, serverOffset: serverOffset, now: policy.now())
            },
            head: { $0 },
            onEvent: { events.append($0) })
        return (status.status, service, events)
    }

    @Test func acceptedFirstTimeSignsOnceWithARequestID() async throws {
        let (status, service, _) = try await send(OCISendPolicy(), provider: OCIStaticIdentityProvider(Self.identityB))
        #expect(status == 200)
        #expect(service.received.count == 1)
        let id = try #require(service.received[0].headerFields[.opcRequestID])
        #expect(id.utf8.count == 32 && id.utf8.allSatisfy { (48...57).contains($0) || (65...70).contains($0) })
    }

    @Test func aFixedKeyThatIsRejectedIsNotRetried() async throws {
        let (status, service, events) = try await send(OCISendPolicy(), provider: OCIStaticIdentityProvider(Self.identityA))
        #expect(status == 401)
        #expect(service.received.count == 1)
        #expect(events.contains { if case .notRetried = $0 { true } else { false } })
    }

    @Test func aRejectionRefreshesOnceAndRetriesOnceWithTheNewIdentity() async throws {
        let provider = RotatingProvider([Self.identityA, Self.identityB])
        let clock = TickingClock()
        let (status, service, _) = try await send(OCISendPolicy(now: clock.now), provider: provider)
        #expect(status == 200)
        #expect(service.received.count == 2)
        #expect(await provider.refreshes == 1)
        let first = service.received[0], second = service.received[1]
        #expect(first.headerFields[.opcRequestID] == second.headerFields[.opcRequestID])
        #expect(first.headerFields[.date] != second.headerFields[.date])   // signed afresh
        #expect(second.headerFields[.authorization]?.contains("/bb\"") == true)
    }

    @Test func aSecondRejectionIsReturnedWithoutAThirdAttempt() async throws {
        let provider = RotatingProvider([Self.identityA, Self.identityA.renamed("/cc"), Self.identityB])
        let (status, service, _) = try await send(OCISendPolicy(), provider: provider)
        #expect(status == 401)
        #expect(service.received.count == 2)
        #expect(await provider.refreshes == 1)
    }

    @Test func retryWithSameIdentityAndNoRefreshAreConfigurable() async throws {
        let same = try await send(OCISendPolicy(retryWithSameIdentity: true), provider: OCIStaticIdentityProvider(Self.identityA))
        #expect(same.1.received.count == 2)
        let provider = RotatingProvider([Self.identityA, Self.identityB])
        let off = try await send(OCISendPolicy(refreshesAfterRejection: false), provider: provider)
        #expect(off.0 == 401 && off.1.received.count == 1)
        #expect(await provider.refreshes == 0)
    }

    @Test func aBodyThatCannotBeResentIsNotRetried() async throws {
        let provider = RotatingProvider([Self.identityA, Self.identityB])
        let (status, service, _) = try await send(OCISendPolicy(), provider: provider, canResend: false)
        #expect(status == 401 && service.received.count == 1)
        #expect(await provider.refreshes == 0)
    }

    @Test func aFailedRefreshReturnsTheRejection() async throws {
        let (status, _, events) = try await send(OCISendPolicy(), provider: FailingRefreshProvider())
        #expect(status == 401)
        #expect(events.contains { if case .refreshFailed(let error) = $0 { error.code == .identityUnavailable } else { false } })
    }

    @Test func clockSkewCorrectionIsOffByDefault() async throws {
        let (status, service, _) = try await send(OCISendPolicy(), provider: OCIStaticIdentityProvider(Self.identityB), serverOffset: 600)
        #expect(status == 401 && service.received.count == 1)
    }

    @Test func clockSkewFromA401DateIsCorrectedPerHost() async throws {
        let skew = OCIClockSkewCorrection()
        let policy = OCISendPolicy(clockSkew: skew, now: { HTTPDate(secondsSince1970: 1_700_000_000) })
        let provider = OCIStaticIdentityProvider(Self.identityB)
        let first = try await send(policy, provider: provider, serverOffset: 600)
        #expect(first.0 == 200 && first.1.received.count == 2)
        #expect(await skew.offset(for: "inference.example.com") == 600)
        // The next request to that host is signed with the corrected date at once.
        let second = try await send(policy, provider: provider, serverOffset: 600)
        #expect(second.0 == 200 && second.1.received.count == 1)
        // Another host has its own (unknown) offset.
        #expect(await skew.offset(for: "other.example.com") == 0)
    }

    @Test func clockSkewBeyondTheBoundIsNotApplied() async throws {
        let skew = OCIClockSkewCorrection(maximumOffset: 900)
        let (status, service, events) = try await send(OCISendPolicy(clockSkew: skew, now: { HTTPDate(secondsSince1970: 1_700_000_000) }), provider: OCIStaticIdentityProvider(Self.identityB), serverOffset: 2000)
        #expect(status == 401 && service.received.count == 1)
        #expect(events.contains { if case .clockSkewIgnored(_, 2000) = $0 { true } else { false } })
        #expect(await skew.offset(for: "inference.example.com") == 0)
    }

    @Test func theSkewTableIsBounded() async throws {
        let skew = OCIClockSkewCorrection(maximumHosts: 2)
        let now = HTTPDate(secondsSince1970: 1_700_000_000)
        let later = HTTPDate(secondsSince1970: 1_700_000_120)
        for host in ["a", "b", "c"] { _ = await skew.record(serverDate: later, localDate: now, host: host) }
        let kept = [await skew.offset(for: "a"), await skew.offset(for: "b"), await skew.offset(for: "c")]
        #expect(kept.filter { $0 != 0 }.count <= 2)
        #expect(kept[2] == 120)
        #expect(await skew.record(serverDate: later, localDate: now, host: "c") == .unchanged)
    }

    @Test func aGivenRequestIDIsKeptAndADelegationTokenIsSigned() async throws {
        var request = Self.request
        request.headerFields[.opcRequestID] = "MINE"
        let delegated = OCISigningIdentity(keyID: Self.identityB.keyID, privateKey: Self.keyB, kind: .instancePrincipal,
                                           source: "test", delegationToken: "obo-token-value")
        let (status, service, _) = try await send(OCISendPolicy(), provider: OCIStaticIdentityProvider(delegated), request: request)
        #expect(status == 200)
        let sent = service.received[0]
        #expect(sent.headerFields[values: .opcRequestID] == ["MINE"])
        #expect(sent.headerFields[.opcOboToken] == "obo-token-value")
        #expect(sent.headerFields[.authorization]?.contains("opc-obo-token") == true)
    }

    @Test func noRequestIDWhenTurnedOff() async throws {
        let (_, service, _) = try await send(OCISendPolicy(addsRequestID: false), provider: OCIStaticIdentityProvider(Self.identityB))
        #expect(service.received[0].headerFields[.opcRequestID] == nil)
    }
}

/// A service that trusts key B, checks dates against its own clock, and records each request.
final class FakeService: @unchecked Sendable {   // used from one task at a time
    private(set) var received: [HTTPRequest] = []
    let verifier = OCIRequestVerifier(publicKey: SendPolicyTests.publicB)

    func answer(_ request: HTTPRequest, attempt: Int, serverOffset: Int64, now: HTTPDate) -> OCIResponseHead {
        received.append(request)
        let serverNow = HTTPDate(secondsSince1970: now.secondsSince1970 + serverOffset)
        let result = verifier.verify(request, body: .bytes(SendPolicyTests.body), options: VerificationOptions(now: serverNow))
        if case .valid = result { return OCIResponseHead(status: 200, date: serverNow.imfFixdate) }
        return OCIResponseHead(status: 401, date: serverNow.imfFixdate)
    }
}

/// Hands out identities in order: the first, then the next one on each refresh.
actor RotatingProvider: OCIIdentityProvider {
    private let identities: [OCISigningIdentity]
    private var index = 0
    private(set) var refreshes = 0
    init(_ identities: [OCISigningIdentity]) { self.identities = identities }
    func identity() async throws(OCISigningError) -> OCISigningIdentity { identities[index] }
    func refresh(afterRejectionOf rejected: OCISigningIdentity) async throws(OCISigningError) -> OCISigningIdentity {
        refreshes += 1
        index = min(index + 1, identities.count - 1)
        return identities[index]
    }
}

/// Key A, and a refresh that fails.
struct FailingRefreshProvider: OCIIdentityProvider {
    func identity() async throws(OCISigningError) -> OCISigningIdentity { SendPolicyTests.identityA }
    func refresh(afterRejectionOf rejected: OCISigningIdentity) async throws(OCISigningError) -> OCISigningIdentity {
        throw OCISigningError(.identityUnavailable, "the fake federation endpoint refused")
    }
}

/// A clock that moves one second each time it is read.
final class TickingClock: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds: Int64 = 1_700_000_000
    var now: @Sendable () -> HTTPDate {
        { [self] in lock.withLock { seconds += 1; return HTTPDate(secondsSince1970: seconds) } }
    }
}

extension OCISigningIdentity {
    /// The same key under another key id: a "different" identity the service still rejects.
    func renamed(_ suffix: String) -> OCISigningIdentity {
        OCISigningIdentity(keyID: keyID + suffix, privateKey: privateKey, kind: kind, source: source)
    }
}
