import OCISigning

/// A raw request file whose head (request line and headers) is parsed and whose body is left
/// in the file: hashed and copied as a stream, so a request file of any size is signed in
/// constant memory.
///
/// The head is read from the first ``maxHeadBytes`` bytes; the body is everything after the
/// empty line that ends it, to the end of the file, exactly as ``RawHTTPRequest/init(parsing:)``
/// would take it.
public struct RawRequestFile: Sendable {
    /// Most bytes read to find the end of the head: a request line and the most header bytes
    /// `OCIHeaderLimits` allows, with their line endings.
    public static let maxHeadBytes = OCIHeaderLimits.maxTotalBytes + 2 * OCIHeaderLimits.maxFieldCount + (128 << 10)

    /// The file's path.
    public let path: String
    /// The parsed request line and headers; its ``RawHTTPRequest/body`` is empty.
    public var head: RawHTTPRequest
    /// Where the body starts in the file.
    public let bodyOffset: Int
    /// The file's size when the head was read.
    public let fileSize: Int

    /// The body's length in bytes.
    public var bodyLength: Int { fileSize - bodyOffset }

    /// Reads and parses the head of the raw request file at `path`.
    ///
    /// - Throws: `fileUnreadable` (missing, not a regular file, unreadable), or the parser's
    ///   errors (`malformedRequest`, `invalidTarget`, `invalidHeaderValue`, `tooManyHeaders`),
    ///   `malformedRequest` when no empty line ends the head within ``maxHeadBytes``.
    public init(path: String) throws(OCISigningError) {
        let (prefix, size) = try BoundedFile.readPrefix(path, limit: Self.maxHeadBytes, what: "the request file")
        let end = Self.endOfHead(in: prefix)
        let headBytes = end.map { Array(prefix[..<$0]) } ?? prefix
        do {
            head = try RawHTTPRequest(parsing: headBytes)
        } catch where end == nil && size > prefix.count && error.code == .malformedRequest && error.reason.hasPrefix("the headers must end") {
            throw OCISigningError(.malformedRequest, "no empty line ends the headers within the first \(Self.maxHeadBytes) bytes; the request line and headers are limited to that", path: path)
        }
        self.path = path
        // Without an empty line the whole (small) file was parsed and the parser threw; with
        // one, the body is the rest of the file.
        bodyOffset = end ?? prefix.count
        fileSize = size
    }

    /// The index just after the first empty line (`LF LF` or `LF CR LF`), or nil.
    static func endOfHead(in bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count {
            guard let lf = bytes[index...].firstIndex(of: 0x0A) else { return nil }
            let next = lf + 1
            if next < bytes.count, bytes[next] == 0x0A { return next + 1 }
            if next + 1 < bytes.count, bytes[next] == 0x0D, bytes[next + 1] == 0x0A { return next + 2 }
            index = next
        }
        return nil
    }

    /// The body's digest and length, hashed as a stream from the file.
    ///
    /// - Throws: `fileUnreadable`, or `bodyChanged` when the file changed since its head was
    ///   read or while it was hashed.
    public func bodyDigest() throws(OCISigningError) -> ContentDigest {
        let digest = try ContentDigest(contentsOfFile: path, from: bodyOffset)
        guard digest.length == bodyLength else {
            throw OCISigningError(.bodyChanged, "the request file changed after its head was read (\(fileSize) bytes then, \(bodyOffset + digest.length) now)", header: "x-content-sha256", path: path)
        }
        return digest
    }

    /// The body as the signer takes it: its streamed digest, or `.empty`.
    public func signingBody() throws(OCISigningError) -> RequestBody {
        bodyLength == 0 ? .empty : .digest(try bodyDigest())
    }

    /// Calls `body` with the body's bytes in chunks of at most 1 MiB.
    ///
    /// - Throws: `bodyChanged` when the file is no longer the size it had when its head was read.
    public func forEachBodyChunk(_ body: (UnsafeRawBufferPointer) -> Void) throws(OCISigningError) {
        try BoundedFile.forEachChunk(of: path, from: bodyOffset, expectedSize: fileSize, what: "the request file", body)
    }

    /// The whole request with its body in memory, for consumers that need the bytes.
    ///
    /// - Throws: `fileTooLarge` when the body is over `limit` bytes; as ``forEachBodyChunk(_:)``.
    public func loaded(limit: Int) throws(OCISigningError) -> RawHTTPRequest {
        guard bodyLength <= limit else {
            throw OCISigningError(.fileTooLarge, "the request file's body has \(bodyLength) bytes; at most \(limit) are read into memory", path: path)
        }
        var request = head
        request.body.reserveCapacity(bodyLength)
        try forEachBodyChunk { request.body.append(contentsOf: $0) }
        return request
    }
}
