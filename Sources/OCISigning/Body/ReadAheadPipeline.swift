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
    /// Where chunk 0 starts in the file (a raw request file's body starts after its head).
    private let baseOffset: Int
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>
    private let buffers: [UnsafeMutableRawBufferPointer]
    /// The reader thread's name (`/proc/self/task/*/comm`), unique per pipeline so a test can
    /// check that this pipeline's thread is gone after ``forEachChunk(_:)`` returned.
    let threadName = "oci-ra-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)

    /// Where a buffer is: chunk `k` always goes into buffer `k % 2`.
    private enum Slot: Equatable {
        /// Free: its previous chunk has been hashed.
        case free
        /// A thread is reading a chunk into it.
        case reading
        /// Holds a chunk of this many bytes, waiting to be hashed.
        case ready(Int)
        /// The read into it failed (`readError`).
        case failed
    }

    // Shared state, read and written only with `mutex` held.
    private var slots: [Slot] = [.free, .free]
    /// The next chunk nobody has started to read.
    private var nextToClaim = 0
    /// A chunk shorter than `chunkSize` was read: the end of the file, claim no more.
    private var reachedEnd = false
    /// The consumer has returned; the helper stops.
    private var cancelled = false
    private var readError: OCISigningError?

    /// Pipeline over `reader`'s file, reading `chunkSize` bytes at a time.
    ///
    /// 1 MiB: on an idle 2-core machine, hashing 1 GiB reached 0.95 of raw SHA-256 with 1 MiB
    /// buffers, 0.92 with 256–512 KiB (more hand-offs), 0.97 with 2 MiB but peak RSS +16.5 MiB
    /// (Docs/performance.md); 1 MiB keeps peak RSS growth at about 9 MiB.
    init(reader: FileReader, chunkSize: Int = 1 << 20, from baseOffset: Int = 0) {
        self.reader = reader
        self.chunkSize = chunkSize
        self.baseOffset = baseOffset
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
    /// When the caller needs a chunk the helper has not started (the helper is not running: on
    /// a loaded machine it may wait for a core), the caller reads it itself with `pread` instead
    /// of waiting, so read-ahead never makes hashing slower than reading alone would.
    ///
    /// - Returns: false when no thread could be started (the caller then reads on its own).
    /// - Throws: `fileUnreadable` when a read fails.
    func forEachChunk(_ body: (UnsafeRawBufferPointer) -> Void) throws(OCISigningError) -> Bool {
        guard let thread = startReader() else { return false }
        defer {
            locked { cancelled = true; pthread_cond_broadcast(condition) }
            _ = pthread_join(thread, nil)
        }
        var chunk = 0
        while true {
            let slot = chunk % 2
            lock()
            if nextToClaim == chunk {
                // Unclaimed, so its buffer is free (chunk - 2 was hashed): read it here.
                nextToClaim += 1
                slots[slot] = .reading
                unlock()
                publish(chunk, readChunk(chunk))
                lock()
            }
            while slots[slot] == .reading { pthread_cond_wait(condition, mutex) }
            let state = slots[slot]
            let failure = readError
            unlock()
            guard case .ready(let count) = state else {
                throw failure ?? OCISigningError(.fileUnreadable, "read-ahead lost a chunk", path: reader.path)
            }
            body(UnsafeRawBufferPointer(rebasing: buffers[slot][0..<count]))
            locked { slots[slot] = .free; pthread_cond_broadcast(condition) }
            // A short chunk is the end of the file (readChunk stops only at a 0-byte read).
            if count < chunkSize { return true }
            chunk += 1
        }
    }

    /// The helper thread's loop: claim the next chunk as soon as its buffer is free, read it.
    private func produce() {
        #if os(Linux)
        // pthread_setname_np is a GNU extension Swift's Glibc module does not import.
        let comm = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
        if comm >= 0 {
            _ = threadName.utf8CString.withUnsafeBufferPointer { write(comm, $0.baseAddress, $0.count - 1) }
            close(comm)
        }
        #endif
        while true {
            lock()
            while !cancelled && !reachedEnd && readError == nil && slots[nextToClaim % 2] != .free {
                pthread_cond_wait(condition, mutex)
            }
            if cancelled || reachedEnd || readError != nil { unlock(); return }
            let chunk = nextToClaim
            nextToClaim += 1
            slots[chunk % 2] = .reading
            unlock()
            // The copy runs without the lock: that is the overlap with the caller's hashing.
            publish(chunk, readChunk(chunk))
        }
    }

    /// Hands a finished read to whoever waits for it.
    private func publish(_ chunk: Int, _ result: Result<Int, OCISigningError>) {
        locked {
            switch result {
            case .success(let count):
                slots[chunk % 2] = .ready(count)
                if count < chunkSize { reachedEnd = true }
            case .failure(let error):
                slots[chunk % 2] = .failed
                if readError == nil { readError = error }
            }
            pthread_cond_broadcast(condition)
        }
    }

    /// Reads chunk `chunk` into its buffer: full unless end of file comes first.
    private func readChunk(_ chunk: Int) -> Result<Int, OCISigningError> {
        let buffer = buffers[chunk % 2]
        let offset = baseOffset + chunk * chunkSize
        var total = 0
        do throws(OCISigningError) {
            while total < buffer.count {
                let n = try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[total...]), at: offset + total)
                if n == 0 { break }
                total += n
            }
        } catch {
            return .failure(error)
        }
        return .success(total)
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
