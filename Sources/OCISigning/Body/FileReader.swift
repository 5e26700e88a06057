#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
private let systemRead = Glibc.read
#elseif canImport(Musl)
private let systemRead = Musl.read
#elseif canImport(Darwin)
private let systemRead = Darwin.read
#endif

/// Minimal POSIX file access, so the engine needs no Foundation.
///
/// Owns one file descriptor and closes it in `deinit`.
final class FileReader {
    private let fd: Int32
    var fdForStat: Int32 { fd }
    let path: String

    init(path: String) throws(OCISigningError) {
        guard !path.utf8.contains(0) else {
            throw OCISigningError(.fileUnreadable, "the path holds a NUL byte; a path cannot contain one", path: OCIDisplayText.visible(Array(path.utf8)))
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw OCISigningError(.fileUnreadable, "cannot open file: \(String(cString: strerror(errno)))", path: path)
        }
        self.fd = fd
        self.path = path
    }

    /// Takes ownership of an open descriptor.
    init(descriptor: Int32, path: String) {
        self.fd = descriptor
        self.path = path
    }

    deinit { close(fd) }

    /// Reads up to `buffer.count` bytes; 0 means end of file.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(OCISigningError) -> Int {
        while true {
            let n = systemRead(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw OCISigningError(.fileUnreadable, "cannot read file: \(String(cString: strerror(errno)))", path: path)
        }
    }

    /// Tells the kernel the file will be read once from start to end, so it reads ahead
    /// further. Advice only: a failure changes nothing and is ignored.
    func adviseSequential() {
        #if os(Linux)
        _ = posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)
        #endif
    }

    /// Reads up to `buffer.count` bytes at `offset` without moving the file position (`pread`),
    /// so two threads can read different parts of the file; 0 means end of file.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(OCISigningError) -> Int {
        while true {
            let n = pread(fd, buffer.baseAddress, buffer.count, off_t(offset))
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw OCISigningError(.fileUnreadable, "cannot read file: \(String(cString: strerror(errno)))", path: path)
        }
    }

    /// Calls `body` with successive chunks of at most `chunkSize` bytes until end of file.
    func forEachChunk(chunkSize: Int = 64 * 1024, _ body: (UnsafeRawBufferPointer) -> Void) throws(OCISigningError) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = try read(into: buffer)
            if n == 0 { return }
            body(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
    }

    /// Calls `body` with successive chunks from `offset` to end of file. Large regions are
    /// read ahead on a second thread so the kernel's copy out of the page cache overlaps the
    /// caller's work (Docs/performance.md); small ones use one thread and one 64 KiB buffer —
    /// a thread start costs more than the copy it would hide.
    func forEachChunk(from offset: Int, size: Int, _ body: (UnsafeRawBufferPointer) -> Void) throws(OCISigningError) {
        if size - offset >= ContentDigest.readAheadThreshold {
            adviseSequential()
            if try ReadAheadPipeline(reader: self, from: offset).forEachChunk(body) { return }
        }
        // No seek from the start: a FIFO cannot seek, and is refused by the caller's size check.
        if offset != 0 { try seek(to: offset) }
        try forEachChunk(body)
    }

    /// Moves the file position to `offset` from the start.
    func seek(to offset: Int) throws(OCISigningError) {
        guard lseek(fd, off_t(offset), SEEK_SET) >= 0 else {
            throw OCISigningError(.fileUnreadable, "cannot seek in file: \(String(cString: strerror(errno)))", path: path)
        }
    }

    /// Reads the whole file through ``BoundedFile``: small files only (keys, requests, configs).
    static func readAll(path: String, limit: Int = BoundedFile.Limit.request) throws(OCISigningError) -> [UInt8] {
        try BoundedFile.read(path, limit: limit)
    }
}

extension FileReader {
    /// What `fstat` says about the open file: enough to notice it changed while being read.
    struct State: Equatable {
        var size: Int
        var modifiedSeconds: Int
        var modifiedNanoseconds: Int
    }

    /// The file's size and modification time now.
    func state() throws(OCISigningError) -> State {
        var info = stat()
        guard fstat(fdForStat, &info) == 0 else {
            throw OCISigningError(.fileUnreadable, "cannot stat file: \(String(cString: strerror(errno)))", path: path)
        }
        #if canImport(Darwin)
        return State(size: Int(info.st_size), modifiedSeconds: Int(info.st_mtimespec.tv_sec), modifiedNanoseconds: Int(info.st_mtimespec.tv_nsec))
        #else
        return State(size: Int(info.st_size), modifiedSeconds: Int(info.st_mtim.tv_sec), modifiedNanoseconds: Int(info.st_mtim.tv_nsec))
        #endif
    }

    /// The file size from `fstat`, without reading it.
    func size() throws(OCISigningError) -> Int {
        var info = stat()
        guard fstat(fdForStat, &info) == 0 else {
            throw OCISigningError(.fileUnreadable, "cannot stat file: \(String(cString: strerror(errno)))", path: path)
        }
        return Int(info.st_size)
    }
}
