/// Reading part of a file: the head of a raw request file, and its body streamed from an
/// offset, so a request file of any size is parsed and sent without being held in memory.
extension BoundedFile {
    /// The first bytes of a regular file, at most `limit`, and the file's size; opened as
    /// ``read(_:limit:what:notFound:)`` opens (never blocking, regular files only).
    ///
    /// - Throws: `fileUnreadable` (cannot open, not a regular file, read error).
    package static func readPrefix(_ path: String, limit: Int, what: String) throws(OCISigningError) -> (bytes: [UInt8], fileSize: Int) {
        let reader = try FileReader(regularFileAt: path, what: what, notFound: .fileUnreadable)
        let size = try reader.size()
        var out = [UInt8](repeating: 0, count: max(0, min(size, limit)))
        var filled = 0
        while filled < out.count {
            let result = out.withUnsafeMutableBytes { buffer in
                Result { () throws(OCISigningError) in try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...])) }
            }
            let n = try result.get()
            if n == 0 { break }
            filled += n
        }
        out.removeSubrange(filled...)
        return (out, size)
    }

    /// Calls `body` with the bytes of the regular file at `path` from `offset` to its end, in
    /// chunks of at most 1 MiB (constant memory whatever the size).
    ///
    /// - Throws: `fileUnreadable`, or `bodyChanged` when the file no longer has `expectedSize`
    ///   bytes or changed while it was read: the bytes written would not be the bytes signed.
    package static func forEachChunk(of path: String, from offset: Int, expectedSize: Int, what: String,
                                     _ body: (UnsafeRawBufferPointer) -> Void) throws(OCISigningError) {
        let reader = try FileReader(regularFileAt: path, what: what, notFound: .fileUnreadable)
        let before = try reader.state()
        var bytesRead = 0
        if before.size == expectedSize, offset <= before.size {
            try reader.forEachChunk(from: offset, size: before.size) { chunk in
                bytesRead += chunk.count
                body(chunk)
            }
        }
        let after = try reader.state()
        guard before == after, after.size == expectedSize, bytesRead == expectedSize - offset else {
            throw OCISigningError(.bodyChanged, "\(what) changed after its body was hashed (\(expectedSize) bytes when hashed, \(after.size) now, \(bytesRead) body bytes copied); sign a file that is not being written", header: "x-content-sha256", path: path)
        }
    }
}
