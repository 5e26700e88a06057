#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import OCISigning

/// Writes a refreshed session token back to its `security_token_file`.
///
/// The new token goes to a temporary file in the same folder, which gets the old file's mode
/// (`0600` when there was none), is flushed to disk and then renamed over the old one: a reader
/// (another `oci-sign`, the OCI CLI, an SDK) sees the old token or the new one, never half of
/// either. A symbolic link is followed, so the file it points at is replaced and the link kept.
public enum SessionTokenFile {
    /// The mode of a token file that did not exist before.
    public static let defaultMode: UInt32 = 0o600

    /// Replaces the file at `path` with `token` (no trailing newline, as the OCI CLI writes it).
    ///
    /// - Throws: `tokenFileNotWritten` naming the file and the system error; the old file is
    ///   then unchanged and no temporary file is left behind. Never shows the token.
    public static func replace(_ path: String, with token: String) throws(OCISigningError) {
        let target = resolvedPath(path)
        var info = stat()
        var mode = mode_t(defaultMode)
        if stat(target, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFREG else {
                throw OCISigningError(.tokenFileNotWritten, "the session token file is not a regular file, so it was not replaced", path: path)
            }
            mode = info.st_mode & 0o7777
        }
        var template = Array("\(directory(of: target))/.\(fileName(of: target)).oci-sign-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw failure("cannot create a temporary file beside it", errno, path: path) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var renamed = false
        defer { if !renamed { unlink(temporary) } }
        let written = writeAll(Array(token.utf8), to: descriptor) && fchmod(descriptor, mode) == 0 && fsync(descriptor) == 0
        let writeError = errno
        guard close(descriptor) == 0, written else {
            throw failure("cannot write the new token to a temporary file beside it", written ? errno : writeError, path: path)
        }
        guard rename(temporary, target) == 0 else { throw failure("cannot rename the temporary file over it", errno, path: path) }
        renamed = true
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            offset += count
        }
        return true
    }

    /// The file a symbolic link points at (the path itself when it is none or cannot be resolved).
    private static func resolvedPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func fileName(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    }

    private static func failure(_ what: String, _ code: Int32, path: String) -> OCISigningError {
        OCISigningError(.tokenFileNotWritten, "the refreshed session token was not saved: \(what) (\(String(cString: strerror(code)))); the file still holds the old token", path: path)
    }
}
