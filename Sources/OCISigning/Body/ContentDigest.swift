/// The SHA-256 digest and byte length of a request body: everything the signature needs to
/// know about a body, so large bodies never have to be held in memory to be signed.
public struct ContentDigest: Hashable, Sendable {
    /// The 32-byte SHA-256 of the body.
    public let sha256: [UInt8]
    /// The body length in bytes.
    public let length: Int

    /// The digest of an empty body.
    public static let empty = ContentDigest(bytes: [])

    /// Digest of bytes in memory.
    public init(bytes: some Sequence<UInt8>) {
        // Contiguous bytes (arrays): one-shot EVP_Digest, without the incremental hasher's
        // context object and the context copy its finalize() makes.
        let oneShot = bytes.withContiguousStorageIfAvailable { buffer in
            ContentDigest(uncheckedSHA256: Digest.sha256(UnsafeRawBufferPointer(buffer)), length: buffer.count)
        }
        if let oneShot {
            self = oneShot
            return
        }
        var hasher = SHA256Hasher()
        hasher.update(bytes)
        self = hasher.finalize()
    }

    /// A digest computed elsewhere (for example while streaming an upload).
    ///
    /// - Throws: `bodyHashMismatch` when the digest is not 32 bytes, `contentLengthMismatch` when
    ///   the length is negative.
    public init(sha256: [UInt8], length: Int) throws(OCISigningError) {
        guard sha256.count == 32 else {
            throw OCISigningError(.bodyHashMismatch, "a SHA-256 digest has 32 bytes, got \(sha256.count)", header: "x-content-sha256")
        }
        guard length >= 0 else {
            throw OCISigningError(.contentLengthMismatch, "a body length cannot be negative", header: "content-length")
        }
        self.sha256 = sha256
        self.length = length
    }

    init(uncheckedSHA256 sha256: [UInt8], length: Int) {
        self.sha256 = sha256
        self.length = length
    }

    /// Files at least this large are read ahead on a second thread while hashed.
    static let readAheadThreshold = 4 << 20

    /// Digest of a file, in constant memory whatever the size: files under 4 MiB are read in
    /// 64 KiB chunks; larger ones through two 1 MiB buffers, one read by a helper thread while
    /// the other is hashed (the thread is joined before this returns, also on error).
    ///
    /// - Throws: `fileUnreadable`, or `bodyChanged` when the file's size or modification time
    ///   changed while it was read, or the bytes read differ from its size (a FIFO, `/proc`
    ///   file or a file being appended to): the digest would not describe the body that is sent.
    public init(contentsOfFile path: String) throws(OCISigningError) {
        try self.init(contentsOfFile: path, from: 0)
    }

    /// Digest of the bytes of a file from `offset` to its end, in constant memory (as
    /// ``init(contentsOfFile:)``): the body of a raw request file, which starts after its head.
    ///
    /// - Throws: as ``init(contentsOfFile:)``; `fileUnreadable` when `offset` is negative or past
    ///   the end of the file.
    public init(contentsOfFile path: String, from offset: Int) throws(OCISigningError) {
        let reader = try FileReader(path: path)
        // The file's state is compared before and after hashing, so a body that grows, shrinks
        // or is rewritten mid-hash is refused instead of signed with a stale digest.
        let before = try reader.state()
        guard offset >= 0, offset <= before.size else {
            throw OCISigningError(.fileUnreadable, "the body starts at byte \(offset), but the file has \(before.size) bytes", path: path)
        }
        var hasher = SHA256Hasher()
        var bytesRead = 0
        let hash = { (chunk: UnsafeRawBufferPointer) in
            bytesRead += chunk.count
            hasher.update(chunk)
        }
        try reader.forEachChunk(from: offset, size: before.size, hash)
        let after = try reader.state()
        guard before == after, bytesRead == after.size - offset else {
            throw OCISigningError(.bodyChanged, "the body file changed while it was hashed (size \(before.size) when opened, \(bytesRead) bytes read after byte \(offset), size \(after.size) after); sign a file that is not being written", header: "x-content-sha256", path: path)
        }
        self = hasher.finalize()
    }

    /// The `x-content-sha256` value: standard base64 with padding.
    public var base64: String { Base64.encode(sha256) }

    /// The digest as lowercase hex, for humans comparing with `sha256sum`.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in sha256 { out.append(digits[Int(byte >> 4)]); out.append(digits[Int(byte & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
