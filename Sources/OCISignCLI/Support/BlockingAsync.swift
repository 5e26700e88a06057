import Foundation
import OCISigning

/// Runs async work to completion from the synchronous command functions. The auth calls of
/// token-based principals are async; ArgumentParser's `run()` here is not.
///
/// The work runs on its own serial queue (a task executor preference), never on the cooperative
/// pool: the caller blocks its thread while it waits, and when that thread is itself a pool
/// thread (a command run from an async test) work queued on the pool could wait for it forever.
enum BlockingAsync {
    private final class Box<T>: @unchecked Sendable { var result: Result<T, OCISigningError>? }

    static func run<T>(_ body: @escaping @Sendable () async throws(OCISigningError) -> T) throws(OCISigningError) -> T {
        let box = Box<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached(executorPreference: DedicatedQueueExecutor.shared) {
            do throws(OCISigningError) { box.result = .success(try await body()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }
}

/// A task executor on one serial dispatch queue, outside Swift's cooperative thread pool.
final class DedicatedQueueExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = DedicatedQueueExecutor()
    private let queue = DispatchQueue(label: "oci-sign.blocking-async")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
