import Foundation
import HTTPTypes
import OCISigning

extension BenchCases {
    /// Oracle's GET example signed through `OCICachingIdentityProvider` holding a valid identity:
    /// the cost of the provider seam (an actor call and a signer per request) beside raw RSA.
    ///
    /// The signing runs in a task on the concurrency pool while the bench thread waits, so both
    /// sides are timed with the process CPU clock (the bench thread's own clock would miss it).
    func providerSmallGet() -> BenchResult {
        let provider = OCICachingIdentityProvider(OCIStaticIdentityProvider(keyID: signer.keyID, privateKey: signer.privateKey))
        let request = BenchRequests.smallGet
        let work: BenchTiming.Workload = { count in
            Self.waitFor {
                for _ in 0..<count { _ = try! await provider.sign(request) }
            }
            return count
        }
        let pair = BenchTiming.interleaved(seconds: seconds, clock: .processCPU, work: work, baseline: rawRSAWorkload())
        return BenchResult(name: "provider-small-get", description: "GET with a query, signed through the caching identity provider",
                           unit: "ops/s", opsPerSecond: pair.rate, rawOpsPerSecond: pair.baselineRate, ratio: pair.ratio, target: 0.95)
    }

    /// Runs `body` in a task and blocks this thread until it is done: one hand-off per timing
    /// slice, not per signature. The task prefers the CLI's dedicated queue (as `BlockingAsync`),
    /// so a caller on a cooperative-pool thread (a test) does not wait for pool work it blocks.
    static func waitFor(_ body: @escaping @Sendable () async -> Void) {
        let done = DispatchSemaphore(value: 0)
        Task.detached(executorPreference: DedicatedQueueExecutor.shared) {
            await body()
            done.signal()
        }
        done.wait()
    }
}
