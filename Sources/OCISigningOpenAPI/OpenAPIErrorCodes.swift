#if OpenAPI
import OCISigning

extension OCISigningError.Code {
    /// A single-use request body is larger than the middleware may buffer to hash it and send
    /// it again: make the operation exclude-body, or give the body as one that can be iterated
    /// twice (`HTTPBody` from bytes or a multi-iteration sequence).
    public static let bodyTooLargeToBuffer = OCISigningError.Code(rawValue: "bodyTooLargeToBuffer")
}
#endif
