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

    /// Creates a policy.
    public init(maxAttempts: Int, budget: Duration, baseDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(30),
                retryableStatuses: Set<Int>, sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) }) {
        self.maxAttempts = max(1, maxAttempts)
        self.budget = budget
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.retryableStatuses = retryableStatuses
        self.sleep = sleep
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
        let clock = ContinuousClock()
        let start = clock.now
        var delay = baseDelay
        var number = 1
        while true {
            let outcome: Result<OCIHTTPResponse, OCISigningError>
            do throws(OCISigningError) { outcome = .success(try await attempt()) } catch { outcome = .failure(error) }
            let retryable: Bool
            switch outcome {
            case .success(let response): retryable = retryableStatuses.contains(response.status)
            case .failure(let error): retryable = error.code == .connectionFailed || error.code == .requestTimedOut
            }
            guard retryable, number < maxAttempts, clock.now - start + delay <= budget else { return try outcome.get() }
            // Decorrelated jitter: a random wait between the base and three times the last one.
            let jittered = Duration.milliseconds(Int64.random(in: 0...max(0, Int64(delay.seconds * 1000))))
            await sleep(min(maxDelay, baseDelay + jittered))
            delay = min(maxDelay, delay * 2)
            number += 1
        }
    }
}
