#if OpenAPI
import OCISigning
import OpenAPIRuntime

/// A request body made ready to be signed and sent (again, after a `401`): what to hash and
/// what to hand to the transport.
struct SignableOpenAPIBody: Sendable {
    /// What the transport sends: always of known length and iterable more than once.
    let body: HTTPBody?
    /// What the signer signs.
    let signingBody: RequestBody

    /// Prepares `body`:
    /// - none → an empty body;
    /// - iterable more than once → hashed as a stream now (constant memory), sent as is (with
    ///   its length made known when it was not);
    /// - single-use → read into memory up to `limit` bytes, then hashed and sent from memory;
    /// - excluded and of known length → not read at all (only its length is signed).
    static func prepare(_ body: HTTPBody?, excluded: Bool, limit: Int, operationID: String) async throws -> SignableOpenAPIBody {
        guard let body else { return SignableOpenAPIBody(body: nil, signingBody: .empty) }
        if case .known(let length) = body.length {
            if excluded && body.iterationBehavior == .multiple {
                return SignableOpenAPIBody(body: body, signingBody: .digest(try lengthOnly(Int(length))))
            }
            if body.iterationBehavior == .single && length > limit {
                throw tooLarge(declared: Int(length), limit: limit, operationID: operationID)
            }
        }
        switch body.iterationBehavior {
        case .multiple:
            let digest = try await ContentDigest(chunks: body)
            try checkLength(body.length, counted: digest.length)
            let sent = body.length == .unknown ? HTTPBody(body, length: .known(Int64(digest.length)), iterationBehavior: .multiple) : body
            return SignableOpenAPIBody(body: sent, signingBody: excluded ? .digest(try lengthOnly(digest.length)) : .digest(digest))
        case .single:
            let bytes = try await buffered(body, limit: limit, operationID: operationID)
            try checkLength(body.length, counted: bytes.count)
            return SignableOpenAPIBody(body: HTTPBody(bytes), signingBody: .bytes(bytes))
        }
    }

    /// A stand-in digest for an exclude-body operation: the signer reads only its length (the
    /// body lines are not signed), so the body is never read to hash it.
    static func lengthOnly(_ length: Int) throws(OCISigningError) -> ContentDigest {
        try ContentDigest(sha256: [UInt8](repeating: 0, count: 32), length: length)
    }

    /// The bytes of a single-use body, refusing more than `limit`.
    static func buffered(_ body: HTTPBody, limit: Int, operationID: String) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await chunk in body {
            guard bytes.count + chunk.count <= limit else {
                throw tooLarge(declared: nil, limit: limit, operationID: operationID)
            }
            bytes.append(contentsOf: chunk)
        }
        return bytes
    }

    static func checkLength(_ declared: HTTPBody.Length, counted: Int) throws(OCISigningError) {
        if case .known(let length) = declared, length != counted {
            throw OCISigningError(.contentLengthMismatch, "the HTTPBody declares \(length) bytes but holds \(counted)", header: "content-length")
        }
    }

    static func tooLarge(declared: Int?, limit: Int, operationID: String) -> OCISigningError {
        let size = declared.map { "\($0) bytes" } ?? "more than \(limit) bytes"
        return OCISigningError(.bodyTooLargeToBuffer, "the body of operation '\(operationID)' is a single-use stream of \(size); the signer buffers at most \(limit) bytes of such a body to hash it and resend it. Make the operation exclude-body (OCIExcludeBodyRule), give a body that can be iterated more than once (its digest is then computed as it streams), or raise maximumBufferedBodySize", header: "x-content-sha256")
    }
}
#endif
