import Foundation
import OCISigning

/// Runs async work to completion from the synchronous command functions. The auth calls of
/// token-based principals are async; ArgumentParser's `run()` here is not.
enum BlockingAsync {
    private final class Box<T>: @unchecked Sendable { var result: Result<T, OCISigningError>? }

    static func run<T>(_ body: @escaping @Sendable () async throws(OCISigningError) -> T) throws(OCISigningError) -> T {
        let box = Box<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do throws(OCISigningError) { box.result = .success(try await body()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }
}
