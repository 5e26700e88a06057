extension OCISigningError.Code {
    /// A URL that an HTTP client would not send as written (a scheme other than http/https,
    /// user info that the client turns into its own `Authorization`, a host it would rewrite):
    /// refused rather than signed, since the server would see something else.
    public static let unsupportedURL = OCISigningError.Code(rawValue: "unsupportedURL")
    /// The body cannot be hashed without consuming it (a `URLRequest.httpBodyStream`, an
    /// opaque `HTTPClientRequest.Body`): pass the bytes, a file or a precomputed digest instead.
    public static let unhashableBody = OCISigningError.Code(rawValue: "unhashableBody")
}
