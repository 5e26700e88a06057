#if AsyncHTTPClient
import AsyncHTTPClient
import NIOCore
import OCISigning

/// A request body given to the signer together with what is needed to hash it.
///
/// `HTTPClientRequest.Body` is opaque (its bytes cannot be read back), so the signer takes the
/// body in this form, hashes it and sets `HTTPClientRequest.body` itself: the bytes signed are
/// the bytes sent.
public struct SignableHTTPClientBody: Sendable {
    /// What AsyncHTTPClient sends; nil for no body.
    let requestBody: HTTPClientRequest.Body?
    /// What the signer hashes.
    let signingBody: RequestBody
    /// Whether the body can be sent a second time (a retry after a `401`).
    var replayable = true

    /// No body (signed as an empty body for POST, PUT and PATCH; AsyncHTTPClient then sends
    /// `Content-Length: 0`).
    public static let empty = SignableHTTPClientBody(requestBody: nil, signingBody: .empty)

    /// A buffered body.
    public static func bytes(_ buffer: ByteBuffer) -> SignableHTTPClientBody {
        SignableHTTPClientBody(requestBody: .bytes(buffer), signingBody: .digest(ContentDigest(bytes: buffer.readableBytesView)))
    }

    /// A buffered body.
    public static func bytes(_ bytes: [UInt8]) -> SignableHTTPClientBody {
        SignableHTTPClientBody(requestBody: .bytes(bytes), signingBody: .bytes(bytes))
    }

    /// A streamed body of known length whose digest was computed beforehand (for example with
    /// `ContentDigest(contentsOfFile:)` for a file you then stream).
    ///
    /// - Throws: `contentLengthMismatch` when `digest` describes a different length than
    ///   `length`.
    public static func stream<Chunks: AsyncSequence & Sendable>(
        _ chunks: Chunks, length: Int, digest: ContentDigest
    ) throws(OCISigningError) -> SignableHTTPClientBody where Chunks.Element == ByteBuffer {
        guard digest.length == length else {
            throw OCISigningError(.contentLengthMismatch, "the stream is declared as \(length) bytes but the digest covers \(digest.length)", header: "content-length")
        }
        return SignableHTTPClientBody(requestBody: .stream(chunks, length: .known(Int64(length))), signingBody: .digest(digest), replayable: false)
    }

    /// A streamed body of known length that can be iterated twice: once here, hashed chunk by
    /// chunk, and again by AsyncHTTPClient when it sends. A single-pass stream (`AsyncStream`)
    /// would be empty the second time — use ``stream(_:length:digest:)`` for those.
    ///
    /// - Throws: Whatever the sequence throws, or `contentLengthMismatch` when the sequence
    ///   does not hold exactly `length` bytes.
    public static func replayableStream<Chunks: AsyncSequence & Sendable>(
        _ chunks: Chunks, length: Int
    ) async throws -> SignableHTTPClientBody where Chunks.Element == ByteBuffer {
        let digest = try await ContentDigest(chunks: chunks.map { $0.readableBytesView })
        var body = try stream(chunks, length: length, digest: digest)
        body.replayable = true
        return body
    }
}
#endif
