import Foundation
import OCISigning
import Testing

/// A clock tests move by hand.
final class ManualClock: @unchecked Sendable {  // all state behind the lock
    private let lock = NSLock()
    private var seconds: Int64
    init(_ seconds: Int64) { self.seconds = seconds }
    var now: HTTPDate { lock.withLock { HTTPDate(secondsSince1970: seconds) } }
    func set(_ value: Int64) { lock.withLock { seconds = value } }
    var reading: @Sendable () -> HTTPDate { { self.now } }
}

/// A base provider that counts its calls, can hold them at a gate, and hands out the
/// identities a test scripts (or failures).
actor CountingProvider: OCIIdentityProvider {
    enum Step { case identity(expiresIn: Int64?), failure(OCISigningError.Code) }
    let clock: ManualClock
    let key: OCIPrivateKey
    private var steps: [Step]
    private(set) var identityCalls = 0
    private(set) var refreshCalls = 0
    private var gate: [CheckedContinuation<Void, Never>] = []
    private var gateClosed = false
    private var issued = 0

    init(clock: ManualClock, key: OCIPrivateKey, steps: [Step]) {
        self.clock = clock
        self.key = key
        self.steps = steps
    }

    func closeGate() { gateClosed = true }
    func openGate() {
        gateClosed = false
        for waiter in gate { waiter.resume() }
        gate = []
    }
    var waiting: Int { gate.count }

    func identity() async throws(OCISigningError) -> OCISigningIdentity {
        identityCalls += 1
        return try await next()
    }

    func refresh(afterRejectionOf rejected: OCISigningIdentity) async throws(OCISigningError) -> OCISigningIdentity {
        refreshCalls += 1
        return try await next()
    }

    private func next() async throws(OCISigningError) -> OCISigningIdentity {
        if gateClosed { await withCheckedContinuation { gate.append($0) } }
        let step = steps.isEmpty ? .identity(expiresIn: 3600) : steps.removeFirst()
        switch step {
        case .failure(let code): throw OCISigningError(code, "scripted failure")
        case .identity(let lifetime):
            issued += 1
            let now = clock.now
            return OCISigningIdentity(keyID: "ST$token-\(issued)", privateKey: key, kind: .securityToken, source: "a test script",
                                      expiresAt: lifetime.map { HTTPDate(secondsSince1970: now.secondsSince1970 + $0) }, obtainedAt: now)
        }
    }
}

@Suite struct CachingIdentityProviderTests {
    static let start: Int64 = 1_800_000_000
    let clock = ManualClock(Self.start)
    let key: OCIPrivateKey

    init() throws { key = try OCIPrivateKey(pem: DocVectors.shared.privateKeyPEM) }

    func provider(_ steps: [CountingProvider.Step], margin: Int64 = 60) -> (CountingProvider, OCICachingIdentityProvider) {
        let base = CountingProvider(clock: clock, key: key, steps: steps)
        return (base, OCICachingIdentityProvider(base, refreshMargin: margin, now: clock.reading))
    }

    /// Waits until `condition` holds, for at most 30 s (the whole suite shares two cores).
    func eventually(_ condition: @Sendable () async -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while !(await condition()), ContinuousClock.now < deadline { try await Task.sleep(nanoseconds: 2_000_000) }
        #expect(await condition())
    }

    @Test("16 tasks crossing an expiry: exactly one base fetch, nobody gets the expired identity")
    func singleFlightAcrossExpiry() async throws {
        let (base, caching) = provider([.identity(expiresIn: 600), .identity(expiresIn: 600)])
        let first = try await caching.identity()
        #expect(first.keyID == "ST$token-1")

        clock.set(Self.start + 601)  // the first identity is now expired
        await base.closeGate()
        let identities = try await withThrowingTaskGroup(of: OCISigningIdentity.self) { group in
            for _ in 0..<16 { group.addTask { try await caching.identity() } }
            // Hold the one fetch until the others have had time to arrive and join it.
            try await eventually { await base.waiting == 1 }
            try await Task.sleep(nanoseconds: 50_000_000)
            await base.openGate()
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(identities.count == 16)
        #expect(identities.allSatisfy { $0.keyID == "ST$token-2" && !$0.isExpired(at: clock.now) })
        #expect(await base.identityCalls == 2)
    }

    @Test("refreshes ahead of expiry by the margin, not before")
    func refreshAhead() async throws {
        let (base, caching) = provider([.identity(expiresIn: 600), .identity(expiresIn: 600)], margin: 60)
        _ = try await caching.identity()
        clock.set(Self.start + 539)
        #expect(try await caching.identity().keyID == "ST$token-1")
        clock.set(Self.start + 540)
        #expect(try await caching.identity().keyID == "ST$token-2")
        #expect(await base.identityCalls == 2)
    }

    @Test("an identity without expiry is fetched once")
    func noExpiry() async throws {
        let (base, caching) = provider([.identity(expiresIn: nil)])
        for step in 0..<5 {
            clock.set(Self.start + Int64(step) * 1_000_000)
            _ = try await caching.identity()
        }
        #expect(await base.identityCalls == 1)
    }

    @Test("a lifetime shorter than the margin is refreshed at half of it, not on every call")
    func shortLifetime() async throws {
        let (base, caching) = provider([.identity(expiresIn: 100), .identity(expiresIn: 100)], margin: 300)
        _ = try await caching.identity()
        clock.set(Self.start + 49)
        #expect(try await caching.identity().keyID == "ST$token-1")
        clock.set(Self.start + 50)
        #expect(try await caching.identity().keyID == "ST$token-2")
        #expect(await base.identityCalls == 2)
    }

    @Test("an expired identity from the base is identityExpired")
    func baseGivesExpired() async throws {
        let (_, caching) = provider([.identity(expiresIn: 0)])
        let error = await #expect(throws: OCISigningError.self) { try await caching.identity() }
        #expect(error?.code == .identityExpired)
        #expect(error?.description.contains("token-") == false)
    }

    @Test("a failed fetch is not cached: the next call asks again")
    func failureNotCached() async throws {
        let (base, caching) = provider([.failure(.identityUnavailable), .identity(expiresIn: 600)])
        let error = await #expect(throws: OCISigningError.self) { try await caching.identity() }
        #expect(error?.code == .identityUnavailable)
        #expect(try await caching.identity().keyID == "ST$token-1")
        #expect(await base.identityCalls == 2)
    }

    @Test("a failed refresh ahead of expiry keeps the still-valid identity; an expired one is never returned")
    func failedRefreshAhead() async throws {
        let (base, caching) = provider([.identity(expiresIn: 600), .failure(.identityUnavailable), .failure(.identityUnavailable)])
        _ = try await caching.identity()
        clock.set(Self.start + 590)
        #expect(try await caching.identity().keyID == "ST$token-1")
        clock.set(Self.start + 600)
        let error = await #expect(throws: OCISigningError.self) { try await caching.identity() }
        #expect(error?.code == .identityUnavailable)
        #expect(await base.identityCalls == 3)
    }

    @Test("after a rejection: a newer cached identity is returned without asking the base")
    func rejectionWithNewerCache() async throws {
        let (base, caching) = provider([.identity(expiresIn: 600), .identity(expiresIn: 600)])
        let old = try await caching.identity()
        clock.set(Self.start + 590)
        let newer = try await caching.identity()
        #expect(newer.keyID == "ST$token-2")
        let refreshed = try await caching.refresh(afterRejectionOf: old)
        #expect(refreshed.keyID == "ST$token-2")
        #expect(await base.refreshCalls == 0)
    }

    @Test("8 tasks rejected with the same identity: one base refresh, all get the new identity")
    func concurrentRejections() async throws {
        let (base, caching) = provider([.identity(expiresIn: 600), .identity(expiresIn: 600)])
        let rejected = try await caching.identity()
        clock.set(Self.start + 10)
        await base.closeGate()
        let refreshed = try await withThrowingTaskGroup(of: OCISigningIdentity.self) { group in
            for _ in 0..<8 { group.addTask { try await caching.refresh(afterRejectionOf: rejected) } }
            try await eventually { await base.waiting == 1 }
            try await Task.sleep(nanoseconds: 50_000_000)
            await base.openGate()
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(refreshed.allSatisfy { $0.keyID == "ST$token-2" && $0.obtainedAt >= rejected.obtainedAt })
        #expect(await base.refreshCalls == 1)
        #expect(try await caching.identity().keyID == "ST$token-2")
    }

    @Test("a rejection with nothing newer cached asks the base to refresh, not for its identity")
    func rejectionAsksBaseRefresh() async throws {
        let clock = self.clock
        let rejected = OCISigningIdentity(keyID: "ST$token-0", privateKey: key, kind: .securityToken, source: "a test script",
                                          expiresAt: HTTPDate(secondsSince1970: Self.start + 600), obtainedAt: clock.now)
        let (base, caching) = provider([.identity(expiresIn: 600), .identity(expiresIn: 600)])
        let refreshed = try await caching.refresh(afterRejectionOf: rejected)
        #expect(refreshed.keyID == "ST$token-1")
        #expect(await base.refreshCalls == 1)
        #expect(await base.identityCalls == 0)
    }

    @Test("a static provider behind the cache answers a rejection with the same identity")
    func staticRejection() async throws {
        let caching = OCICachingIdentityProvider(OCIStaticIdentityProvider(keyID: "ocid1.tenancy.oc1..t/ocid1.user.oc1..u/aa", privateKey: key),
                                                 now: clock.reading)
        let identity = try await caching.identity()
        let refreshed = try await caching.refresh(afterRejectionOf: identity)
        #expect(!refreshed.differs(from: identity))
    }
}
