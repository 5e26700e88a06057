/// One load that concurrent callers inside an actor share, without an unstructured task.
///
/// The first caller runs the load itself, in its own task; callers that arrive while it runs
/// wait for its result:
///
/// ```swift
/// guard flight.begin() else { return try await withCheckedContinuation { flight.wait($0) }.get() }
/// let result = await load()          // a Result
/// current = try? result.get()        // state first, so the waiters see it
/// flight.end(result)
/// ```
///
/// Why not `Task { … }`: an unstructured task does not inherit the caller's task-executor
/// preference, so it always needs a thread of the global concurrent pool. A caller that blocks
/// pool threads while it waits (a synchronous bridge, a test on a two-core machine) can take
/// the last one, and the load then never runs. Here the load runs where its caller runs.
/// A cancelled leader's error (if its load throws one) reaches the waiters too.
package struct OCISingleFlight<Value: Sendable>: Sendable {
    private var waiters: [CheckedContinuation<Result<Value, OCISigningError>, Never>] = []
    /// Whether a load is running.
    package private(set) var isRunning = false

    /// An idle flight.
    package init() {}

    /// Starts a load: `true` for the caller that must run it, `false` when one is running
    /// (then ``wait(_:)`` for it).
    package mutating func begin() -> Bool {
        guard !isRunning else { return false }
        isRunning = true
        return true
    }

    /// Queues a caller for the result of the running load.
    package mutating func wait(_ waiter: CheckedContinuation<Result<Value, OCISigningError>, Never>) {
        precondition(isRunning, "OCISingleFlight.wait without a running load")
        waiters.append(waiter)
    }

    /// Ends the load and hands `result` to every waiting caller.
    package mutating func end(_ result: Result<Value, OCISigningError>) {
        let waiting = waiters
        waiters = []
        isRunning = false
        for waiter in waiting { waiter.resume(returning: result) }
    }
}
