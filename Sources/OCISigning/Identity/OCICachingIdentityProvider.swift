/// Caches the identity of another provider, refreshes it ahead of expiry and lets only one
/// fetch run at a time, however many tasks ask.
///
/// Wrap any provider whose fetch is expensive or rate-limited (a federation call, instance
/// metadata) in one of these and share the one instance between every task that signs:
///
/// ```swift
/// let provider = OCICachingIdentityProvider(base, refreshMargin: 300)
/// let signed = try await provider.sign(request)
/// ```
///
/// The rules:
/// - ``identity()`` returns the cached identity while it is more than ``refreshMargin`` seconds
///   from its expiry (an identity without expiry is cached until a rejection). Inside the
///   margin it fetches a new one from the base. An identity whose whole remaining lifetime is
///   shorter than the margin is refreshed at half its remaining lifetime instead, so a short
///   token does not make every call fetch.
/// - Concurrent callers that need a fetch all await the same one (single flight): sixteen tasks
///   crossing an expiry cause one call to the base provider.
/// - If a fetch ahead of expiry fails while the cached identity is still valid, the cached one is
///   returned; the next call tries again. A failure is never cached.
/// - An identity is never handed out expired: one the base returns already expired is refused
///   with `identityExpired`.
/// - ``refresh(afterRejectionOf:)`` returns an identity obtained since the rejected one when
///   the cache already holds one (another task refreshed first); otherwise it asks the base to
///   refresh, once for all concurrent callers.
public actor OCICachingIdentityProvider: OCIIdentityProvider {
    /// The provider identities come from.
    public nonisolated let base: any OCIIdentityProvider
    /// Seconds before expiry at which an identity is refreshed.
    public nonisolated let refreshMargin: Int64
    private nonisolated let now: @Sendable () -> HTTPDate

    private var cached: OCISigningIdentity?
    /// When ``cached`` is due for a refresh; `nil` for an identity that does not expire.
    private var refreshDue: HTTPDate?
    private var flight: Flight?
    private var flightCount: UInt64 = 0

    /// One fetch from the base provider that callers share.
    private struct Flight {
        let number: UInt64
        /// The identity whose rejection this fetch answers; `nil` for a plain fetch.
        let rejected: OCISigningIdentity?
        let task: Task<Result<OCISigningIdentity, OCISigningError>, Never>
    }

    /// Creates a caching provider.
    ///
    /// - Parameters:
    ///   - base: The provider to fetch identities from.
    ///   - refreshMargin: Seconds before expiry at which to fetch a new identity; 300 by default,
    ///     negative values count as 0.
    ///   - now: The clock, injectable for tests.
    public init(_ base: any OCIIdentityProvider, refreshMargin: Int64 = 300,
                now: @escaping @Sendable () -> HTTPDate = { .now() }) {
        self.base = base
        self.refreshMargin = max(0, refreshMargin)
        self.now = now
    }

    /// The cached identity, or a fresh one when it is due for a refresh.
    public func identity() async throws(OCISigningError) -> OCISigningIdentity {
        let current = now()
        if let cached, !isDue(at: current) { return cached }
        do throws(OCISigningError) {
            let base = self.base
            let flight = self.flight ?? startFlight(rejected: nil) { () async throws(OCISigningError) -> OCISigningIdentity in
                try await base.identity()
            }
            return try await flight.task.value.get()
        } catch {
            // Refreshing ahead failed: the cached identity is still good until it expires.
            if let cached, !cached.isExpired(at: now()) { return cached }
            throw error
        }
    }

    /// An identity obtained since `rejected`: the cached one if another task already refreshed,
    /// else the base provider's refresh (one for all concurrent callers).
    public func refresh(afterRejectionOf rejected: OCISigningIdentity) async throws(OCISigningError) -> OCISigningIdentity {
        while true {
            if let cached, Self.isNewer(cached, than: rejected), !cached.isExpired(at: now()) { return cached }
            guard let flight else { break }
            // The flight has landed once its task completes, so the loop sees the cache anew.
            switch await flight.task.value {
            case .success(let result) where Self.answers(flight, rejected: rejected, with: result): return result
            case .failure(let error) where Self.answersRejection(flight, of: rejected): throw error
            default: continue
            }
        }
        let base = self.base
        let flight = startFlight(rejected: rejected) { () async throws(OCISigningError) -> OCISigningIdentity in
            try await base.refresh(afterRejectionOf: rejected)
        }
        return try await flight.task.value.get()
    }

    // MARK: Single flight

    /// Starts the one fetch every caller awaits. The task stores its result in the cache before
    /// it completes, so whoever awaits it sees the cache updated.
    private func startFlight(rejected: OCISigningIdentity?,
                             _ fetch: @escaping @Sendable () async throws(OCISigningError) -> OCISigningIdentity) -> Flight {
        flightCount += 1
        let number = flightCount
        let now = self.now
        let task = Task { () async -> Result<OCISigningIdentity, OCISigningError> in
            let result = await Self.fetched(fetch, rejected: rejected, now: now)
            self.land(number, result)
            return result
        }
        let flight = Flight(number: number, rejected: rejected, task: task)
        self.flight = flight
        return flight
    }

    /// Runs `fetch` and refuses what must not be handed out.
    private static func fetched(_ fetch: @Sendable () async throws(OCISigningError) -> OCISigningIdentity,
                                rejected: OCISigningIdentity?, now: @Sendable () -> HTTPDate) async -> Result<OCISigningIdentity, OCISigningError> {
        let identity: OCISigningIdentity
        do throws(OCISigningError) {
            identity = try await fetch()
        } catch {
            return .failure(error)
        }
        if identity.isExpired(at: now()) {
            return .failure(OCISigningError(.identityExpired, "the identity from \(identity.source) expired at \(identity.expiresAt!.imfFixdate) when it was handed out; its provider could not get a newer one"))
        }
        if let rejected, identity.obtainedAt < rejected.obtainedAt {
            return .failure(OCISigningError(.identityUnavailable, "the provider for \(identity.source) answered a rejection with an identity obtained before the rejected one"))
        }
        return .success(identity)
    }

    /// Stores a successful fetch and ends the flight.
    private func land(_ number: UInt64, _ result: Result<OCISigningIdentity, OCISigningError>) {
        guard flight?.number == number else { return }
        flight = nil
        guard case .success(let identity) = result else { return }
        cached = identity
        refreshDue = Self.refreshDue(of: identity, margin: refreshMargin, now: now())
    }

    // MARK: Rules

    private func isDue(at current: HTTPDate) -> Bool {
        guard let refreshDue else { return false }
        return current >= refreshDue
    }

    /// `margin` seconds before expiry, or half the remaining lifetime when that is shorter.
    static func refreshDue(of identity: OCISigningIdentity, margin: Int64, now: HTTPDate) -> HTTPDate? {
        guard let expiresAt = identity.expiresAt else { return nil }
        let remaining = expiresAt.secondsSince1970 - now.secondsSince1970
        let lead = remaining > 2 * margin ? margin : remaining / 2
        return HTTPDate(secondsSince1970: expiresAt.secondsSince1970 - lead)
    }

    /// Another credential, obtained no earlier than `rejected`.
    static func isNewer(_ candidate: OCISigningIdentity, than rejected: OCISigningIdentity) -> Bool {
        candidate.obtainedAt >= rejected.obtainedAt && candidate.differs(from: rejected)
    }

    /// Whether a finished flight's result answers the rejection of `rejected`: a new credential,
    /// or the base provider's own answer to the rejection of this very identity.
    private static func answers(_ flight: Flight, rejected: OCISigningIdentity, with result: OCISigningIdentity) -> Bool {
        isNewer(result, than: rejected) || answersRejection(flight, of: rejected)
    }

    /// Whether `flight` is the base provider's refresh after the rejection of `rejected` itself.
    private static func answersRejection(_ flight: Flight, of rejected: OCISigningIdentity) -> Bool {
        guard let answered = flight.rejected else { return false }
        return !answered.differs(from: rejected) && answered.obtainedAt == rejected.obtainedAt
    }
}
