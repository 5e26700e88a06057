import Foundation
import OCISigning

/// Bounded retries with exponential backoff and decorrelated jitter (Oracle's SDK rules, spec
/// §3.3): a number of attempts, a total time budget, and which outcomes are worth retrying.
public struct OCIRetryPolicy: Sendable {
    /// The most attempts, the first included (1 = no retry).
    public var maxAttempts: Int
    /// The total time after which no new attempt starts.
    public var budget: Duration
    /// The first backoff.
    public var baseDelay: Duration
    /// The largest single backoff.
    public var maxDelay: Duration
    /// HTTP statuses retried (in addition to connection failures and timeouts).
    public var retryableStatuses: Set<Int>
    /// Sleeps between attempts (injectable so tests do not wait).
    public var sleep: @Sendable (Duration) async -> Void
    /// A hard bound on all attempts together, waits included: no attempt starts after it, no
    /// wait runs past it, and each attempt's timeout is cut to what is left. `nil` (the
    /// default) leaves only ``budget``, which bounds when an attempt may *start*. When the
    /// deadline stops the retries, the error says how many attempts ran in how long.
    public var deadline: Duration?

    /// Creates a policy.
    public init(maxAttempts: Int, budget: Duration, baseDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(30),
                retryableStatuses: Set<Int>, sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) },
                deadline: Duration? = nil) {
        self.maxAttempts = max(1, maxAttempts)
        self.budget = budget
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.retryableStatuses = retryableStatuses
        self.sleep = sleep
        self.deadline = deadline
    }

    /// IMDS reads in the Python SDK: 8 attempts within 180 s; 404, 429 and 5xx retried.
    public static let metadata = OCIRetryPolicy(maxAttempts: 8, budget: .seconds(180), retryableStatuses: Set([404, 429]).union(500...599))
    /// The X.509 federation call: 3 attempts within 100 s; 5xx retried, never 4xx.
    public static let federation = OCIRetryPolicy(maxAttempts: 3, budget: .seconds(100), retryableStatuses: Set(500...599))
    /// One attempt.
    public static let none = OCIRetryPolicy(maxAttempts: 1, budget: .zero, retryableStatuses: [])

    /// Runs `attempt` until it succeeds, fails with something not retryable, or the policy is spent.
    /// Returns the last response (possibly an error status) or throws the last transport error.
    func run(_ attempt: () async throws(OCISigningError) -> OCIHTTPResponse) async throws(OCISigningError) -> OCIHTTPResponse {
        try await run(timeout: .seconds(Int64.max / 4)) { (_: Duration) async throws(OCISigningError) -> OCIHTTPResponse in try await attempt() }
    }

    /// Like ``run(_:)``, giving each attempt its timeout: `timeout`, cut to what is left of
    /// ``deadline`` when there is one.
    func run(timeout: Duration, _ attempt: (Duration) async throws(OCISigningError) -> OCIHTTPResponse) async throws(OCISigningError) -> OCIHTTPResponse {
        let clock = ContinuousClock()
        let start = clock.now
        var delay = baseDelay
        var number = 1
        while true {
            let left = deadline.map { $0 - (clock.now - start) }
            let outcome: Result<OCIHTTPResponse, OCISigningError>
            do throws(OCISigningError) { outcome = .success(try await attempt(min(timeout, left ?? timeout))) } catch { outcome = .failure(error) }
            let retryable: Bool
            switch outcome {
            case .success(let response): retryable = retryableStatuses.contains(response.status)
            case .failure(let error): retryable = error.code == .connectionFailed || error.code == .requestTimedOut
            }
            // Decorrelated jitter: a random wait between the base and three times the last one.
            let jittered = Duration.milliseconds(Int64.random(in: 0...max(0, Int64(delay.seconds * 1000))))
            let wait = min(maxDelay, baseDelay + jittered)
            guard retryable, number < maxAttempts, clock.now - start + delay <= budget else { return try outcome.get() }
            if let deadline, clock.now - start + wait >= deadline {
                return try gaveUp(outcome, attempts: number, after: clock.now - start, deadline: deadline)
            }
            await sleep(wait)
            // A busy machine can oversleep: never start an attempt past the deadline.
            if let deadline, clock.now - start >= deadline {
                return try gaveUp(outcome, attempts: number, after: clock.now - start, deadline: deadline)
            }
            delay = min(maxDelay, delay * 2)
            number += 1
        }
    }

    /// The last outcome, an error saying that the deadline ended the retries.
    private func gaveUp(_ outcome: Result<OCIHTTPResponse, OCISigningError>, attempts: Int, after elapsed: Duration,
                        deadline: Duration) throws(OCISigningError) -> OCIHTTPResponse {
        let note = "gave up after \(attempts) attempt\(attempts == 1 ? "" : "s") in \(Self.seconds(elapsed)) s (deadline \(Self.seconds(deadline)) s)"
        switch outcome {
        case .success(let response): return response   // an HTTP status: the caller reports it
        case .failure(let error): throw OCISigningError(error.code, "\(error.reason); \(note)", header: error.header, line: error.line, path: error.path)
        }
    }

    /// `2.1` for a duration.
    static func seconds(_ duration: Duration) -> String {
        String(format: "%.1f", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }
}
