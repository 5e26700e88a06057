/// A request body as the signer and the verifier receive it: bytes in memory, a file streamed
/// from disk, or a digest computed beforehand, so a body of any size can be signed.
public enum RequestBody: Sendable {
    /// No body (signed as an empty body for POST, PUT and PATCH).
    case empty
    /// The exact bytes that will be sent.
    case bytes([UInt8])
    /// A file whose exact bytes will be sent; hashed in chunks when signing.
    case file(path: String)
    /// A digest computed beforehand (for example while streaming).
    case digest(ContentDigest)

    /// The body's digest and length: bytes hashed in memory, files streamed from disk.
    func digest() throws(OCISigningError) -> ContentDigest {
        switch self {
        case .empty: return .empty
        case .bytes(let bytes): return ContentDigest(bytes: bytes)
        case .file(let path): return try ContentDigest(contentsOfFile: path)
        case .digest(let digest): return digest
        }
    }
}

extension RequestBody {
    /// The body length without hashing (files are measured, not read).
    package func length() throws(OCISigningError) -> Int {
        switch self {
        case .empty: return 0
        case .bytes(let bytes): return bytes.count
        case .file(let path): return try FileReader(path: path).size()
        case .digest(let digest): return digest.length
        }
    }
}
