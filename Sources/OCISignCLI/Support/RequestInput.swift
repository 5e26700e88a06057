import OCIRawRequest
import OCISigning

/// A raw request as `sign` and `verify` use it: the parsed request line and headers, and the
/// body either in memory (standard input) or left in the request file and streamed, so a
/// request file of any size is signed and written in constant memory.
struct RequestInput {
    /// The request line and headers (and, from standard input, the body).
    var raw: RawHTTPRequest
    /// The file the body streams from; nil when the body is in ``raw``.
    let file: RawRequestFile?

    /// The body as the signer and the verifier take it (a file body is hashed as a stream).
    func body() throws(OCISigningError) -> RequestBody {
        if let file { return try file.signingBody() }
        return raw.body.isEmpty ? .empty : .bytes(raw.body)
    }

    /// Writes the body after the signed head: a file body is copied in chunks.
    ///
    /// - Throws: `bodyChanged` when the file changed since its body was hashed.
    func writeBody(to terminal: Terminal) throws(OCISigningError) {
        guard let file else { return }
        try file.forEachBodyChunk { terminal.write(Array($0)) }
    }
}
