#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Double-buffered read-ahead: a POSIX thread reads the next chunk of a file into one buffer
/// while the caller hashes the previous chunk from the other.
///
/// Why: hashing a file body costs SHA-256 *plus* the kernel's copy out of the page cache in
/// `read(2)` — 10–15 % of the time at SHA-NI speed. With the copy on a second thread, the
/// caller's thread only hashes, so on two free cores a large body is hashed at the raw SHA-256
/// rate. Memory stays constant: two buffers of `chunkSize`, whatever the file size. No `mmap`
/// (a file truncated under a mapping turns into SIGBUS).
///
/// Ownership: one object owns the mutex, the condition variable, both buffers and the thread;
/// ``forEachChunk(_:)`` always joins the thread before it returns (also when the read fails),
/// and `deinit` destroys the mutex and condition and frees the buffers. The file descriptor
/// stays owned by the ``FileReader``.
final class ReadAheadPipeline {
    private let reader: FileReader
    private let chunkSize: Int
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>
    private let buffers: [UnsafeMutableRawBufferPointer]
    /// The reader thread's name (`/proc/self/task/*/comm`), unique per pipeline so a test can
    /// check that this pipeline's thread is gone after ``forEachChunk(_:)`` returned.
    let threadName = "oci-ra-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)

    // Shared state, read and written only with `mutex` held.
    /// Bytes waiting in each buffer; `nil` when the buffer is free for the reader.
    private var filled: [Int?] = [nil, nil]
    /// The reader thread has stopped: end of file, a read error, or cancelled.
    private var readerFinished = false
    /// The consumer gave up (never in the current API, kept so an early exit cannot hang).
    private var cancelled = false
    private var readError: OCISigningError?

    /// Pipeline over `reader`'s file, reading `chunkSize` bytes at a time.
    ///
    /// 256 KiB: two buffers stay within a core's L2, and peak RSS grew by 2.5 MiB hashing a
    /// 256 MiB file (9 MiB with 1 MiB buffers) at the same speed (Docs/performance.md).
    init(reader: FileReader, chunkSize: Int = 256 << 10) {
        self.reader = reader
        self.chunkSize = chunkSize
        mutex = .allocate(capacity: 1)
        condition = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
        buffers = (0..<2).map { _ in .allocate(byteCount: chunkSize, alignment: 64) }
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
        for buffer in buffers { buffer.deallocate() }
    }

    /// Calls `body` with each chunk of the file in order, until end of file, while the next
    /// chunk is read on another thread. Returns after the reader thread has been joined.
    ///
    /// - Returns: false when no thread could be started (the caller then reads on its own).
    /// - Throws: `fileUnreadable` when a read fails.
    func forEachChunk(_ body: (UnsafeRawBufferPointer) -> Void) throws(OCISigningError) -> Bool {
        guard let thread = startReader() else { return false }
        defer {
            locked { cancelled = true; pthread_cond_broadcast(condition) }
            _ = pthread_join(thread, nil)
        }
        var index = 0
        while true {
            lock()
            while filled[index] == nil && !readerFinished { pthread_cond_wait(condition, mutex) }
            // The reader fills buffers in order and stops only after its last fill, so an
            // empty buffer here after it finished means everything has been consumed.
            guard let count = filled[index] else {
                let failure = readError
                unlock()
                if let failure { throw failure }
                return true
            }
            unlock()
            body(UnsafeRawBufferPointer(rebasing: buffers[index][0..<count]))
            locked { filled[index] = nil; pthread_cond_broadcast(condition) }
            index ^= 1
        }
    }

    /// The reader thread's loop: fill the free buffers in turn until end of file or cancel.
    private func produce() {
        #if os(Linux)
        // pthread_setname_np is a GNU extension Swift's Glibc module does not import.
        let comm = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
        if comm >= 0 {
            _ = threadName.utf8CString.withUnsafeBufferPointer { write(comm, $0.baseAddress, $0.count - 1) }
            close(comm)
        }
        #endif
        var index = 0
        while true {
            lock()
            while filled[index] != nil && !cancelled { pthread_cond_wait(condition, mutex) }
            if cancelled { readerFinished = true; pthread_cond_broadcast(condition); unlock(); return }
            unlock()
            // The copy runs without the lock: that is the overlap with the consumer's hashing.
            let result: Result<Int, OCISigningError>
            do throws(OCISigningError) {
                result = .success(try readFull(into: buffers[index]))
            } catch {
                result = .failure(error)
            }
            lock()
            switch result {
            case .success(let count) where count > 0:
                filled[index] = count
                index ^= 1
                pthread_cond_broadcast(condition)
                unlock()
            case .success:
                readerFinished = true
                pthread_cond_broadcast(condition)
                unlock()
                return
            case .failure(let error):
                readError = error
                readerFinished = true
                pthread_cond_broadcast(condition)
                unlock()
                return
            }
        }
    }

    /// Fills `buffer` unless end of file comes first; returns the byte count (0 at end of file).
    private func readFull(into buffer: UnsafeMutableRawBufferPointer) throws(OCISigningError) -> Int {
        var total = 0
        while total < buffer.count {
            let n = try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[total...]))
            if n == 0 { break }
            total += n
        }
        return total
    }

    private func startReader() -> pthread_t? {
        let context = Unmanaged.passRetained(self).toOpaque()
        #if canImport(Darwin)
        var thread: pthread_t?
        let status = pthread_create(&thread, nil, { context in
            Unmanaged<ReadAheadPipeline>.fromOpaque(context).takeRetainedValue().produce()
            return nil
        }, context)
        guard status == 0, let thread else {
            Unmanaged<ReadAheadPipeline>.fromOpaque(context).release()
            return nil
        }
        return thread
        #else
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { context in
            Unmanaged<ReadAheadPipeline>.fromOpaque(context!).takeRetainedValue().produce()
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<ReadAheadPipeline>.fromOpaque(context).release()
            return nil
        }
        return thread
        #endif
    }

    private func lock() { pthread_mutex_lock(mutex) }
    private func unlock() { pthread_mutex_unlock(mutex) }
    private func locked(_ body: () -> Void) { lock(); body(); unlock() }
}
