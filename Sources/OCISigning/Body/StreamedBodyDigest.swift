import HTTPTypes

extension ContentDigest {
    /// Digest of a body that arrives as an asynchronous sequence of byte chunks, hashed chunk by
    /// chunk as the sequence produces them: memory stays constant whatever the body size.
    ///
    /// A signature goes in the headers, so the body must be hashed *before* it is sent. Use this
    /// on a sequence you can iterate again to send (a file read in chunks, a staged upload), or
    /// on the first of two passes; the bytes hashed must be exactly the bytes sent.
    ///
    /// ```swift
    /// let digest = try await ContentDigest(chunks: fileChunks)   // any AsyncSequence of [UInt8], ArraySlice, Data…
    /// let signed = try signer.sign(request, body: .digest(digest))
    /// ```
    ///
    /// - Parameter chunks: The body, in order, as chunks of bytes (any `Sequence<UInt8>` element).
    /// - Throws: Whatever the sequence throws, unchanged.
    public init<Chunks: AsyncSequence>(chunks: Chunks) async throws where Chunks.Element: Sequence<UInt8> {
        var hasher = SHA256Hasher()
        for try await chunk in chunks {
            hasher.update(chunk)
        }
        self = hasher.finalize()
    }
}

extension OCIRequestSigner {
    /// Signs a request whose body is an asynchronous sequence of byte chunks, hashing the chunks
    /// as they stream (constant memory), then signing exactly like ``sign(_:body:options:)``.
    ///
    /// The sequence is iterated once, here. Send the same bytes afterwards: iterate the sequence
    /// again if it supports that (a file re-read, an array-backed sequence), or produce the body a
    /// second time from its source. A single-pass stream (`AsyncStream`) is consumed by signing.
    ///
    /// - Parameters:
    ///   - request: The request as it will be sent; `path` and `authority` are signed byte for byte.
    ///   - bodyChunks: The body, in order.
    ///   - options: Exclude-body operations and the date to use when the request has none.
    /// - Returns: The signed request (with its added header fields in ``SignedRequest/request``)
    ///   and every intermediate value.
    /// - Throws: Whatever the sequence throws, or an ``OCISigningError``.
    public func sign<Chunks: AsyncSequence>(
        _ request: HTTPRequest, bodyChunks: Chunks, options: SigningOptions = .init()
    ) async throws -> SignedRequest where Chunks.Element: Sequence<UInt8> {
        let digest = try await ContentDigest(chunks: bodyChunks)
        return try sign(request, body: .digest(digest), options: options)
    }
}
