#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a small input file (a key, token, config, request, vector file) whole, safely: the
/// one place every such read in this package goes through (Docs/hardening.md, "File limits").
///
/// - opens with `O_NONBLOCK`, so a FIFO without a writer does not block the open;
/// - `fstat`s the open descriptor and refuses anything but a regular file (FIFO, character or
///   block device such as `/dev/zero`, directory, socket) before reading a byte;
/// - refuses a file whose size is over the limit for its kind before reading;
/// - reads at most limit + 1 bytes, so a file that grows while read is still refused.
package enum BoundedFile {
    /// The size limits, per kind of file.
    package enum Limit {
        /// PEM private and public keys: 1 MiB (a 16384-bit key is under 13 KiB).
        package static let key = 1 << 20
        /// Session token files: 1 MiB (real tokens are a few KiB).
        package static let token = 1 << 20
        /// OCI config files: 16 MiB.
        package static let config = 16 << 20
        /// Raw request files: 64 MiB; larger bodies are signed from a body file.
        package static let request = 64 << 20
        /// Conformance-vector files (JSON manifests, stage files): 16 MiB.
        package static let vector = 16 << 20
    }

    /// The whole file, at most `limit` bytes.
    ///
    /// - Parameters:
    ///   - what: What the file is, for the reason ("the config file").
    ///   - notFound: The code for a path that does not exist (`configFileNotFound` for configs).
    /// - Throws: `notFound`, `fileUnreadable` (cannot open, not a regular file, read error) or
    ///   `fileTooLarge`, each naming the path.
    package static func read(_ path: String, limit: Int, what: String = "the file",
                             notFound: OCISigningError.Code = .fileUnreadable) throws(OCISigningError) -> [UInt8] {
        let reader = try FileReader(regularFileAt: path, what: what, notFound: notFound)
        let size = try reader.size()
        guard size <= limit else {
            throw OCISigningError(.fileTooLarge, "\(what) has \(size) bytes; at most \(limit) are read", path: path)
        }
        return try reader.readAll(limit: limit, what: what)
    }

    /// What `st_mode` says a non-regular file is, or nil for a regular file.
    static func nonRegularKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "a directory"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "not a regular file"
        }
    }
}

extension FileReader {
    /// Opens `path` without blocking and checks it is a regular file.
    convenience init(regularFileAt path: String, what: String, notFound: OCISigningError.Code) throws(OCISigningError) {
        // open(2) would stop at the NUL and open the prefix: a different file than named.
        if let nul = path.utf8.firstIndex(of: 0) {
            let offset = path.utf8.distance(from: path.utf8.startIndex, to: nul)
            throw OCISigningError(.fileUnreadable, "the path of \(what) holds a NUL byte at offset \(offset); a path cannot contain one", path: OCIDisplayText.visible(Array(path.utf8)))
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            let code = errno
            let reason = switch code {
            case ENOENT: "\(what) does not exist (No such file or directory)"
            case ELOOP: "\(what) is a symbolic link loop (or too many levels of symbolic links)"
            case EACCES: "\(what) cannot be read: permission denied"
            default: "cannot open \(what): \(String(cString: strerror(code)))"
            }
            throw OCISigningError(code == ENOENT ? notFound : .fileUnreadable, reason, path: path)
        }
        self.init(descriptor: fd, path: path)
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw OCISigningError(.fileUnreadable, "cannot stat \(what): \(String(cString: strerror(errno)))", path: path)
        }
        if let kind = BoundedFile.nonRegularKind(info.st_mode) {
            throw OCISigningError(.fileUnreadable, "\(what) is \(kind), not a regular file", path: path)
        }
    }

    /// Reads to end of file, refusing more than `limit` bytes (at most limit + 1 are read).
    func readAll(limit: Int, what: String) throws(OCISigningError) -> [UInt8] {
        let size = (try? self.size()) ?? 0
        // One allocation of the final size: growing by appends would leave uncleansed copies of
        // key files behind in freed memory.
        var out = [UInt8](repeating: 0, count: min(size, limit) + 1)
        var filled = 0
        while true {
            if filled == out.count {
                guard out.count <= limit else {
                    throw OCISigningError(.fileTooLarge, "\(what) is larger than \(limit) bytes", path: path)
                }
                out.append(contentsOf: repeatElement(0, count: min(64 * 1024, limit + 1 - out.count)))
            }
            let result = out.withUnsafeMutableBytes { buffer in
                Result { () throws(OCISigningError) in try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...])) }
            }
            let n = try result.get()
            if n == 0 { break }
            filled += n
        }
        out.removeSubrange(filled...)
        return out
    }
}
