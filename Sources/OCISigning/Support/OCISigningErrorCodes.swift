/// Every ``OCISigningError/Code`` of this module, in one place. (`OCICredentials` adds the
/// credential layer's codes in its own single file.)
extension OCISigningError {
    /// A stable, matchable error kind. The raw values are the error names used by the
    /// conformance vectors (`Vectors/README.md`).
    public struct Code: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
        /// The code's stable name, as written in vectors, JSON output and error descriptions.
        public let rawValue: String
        /// A code with this name; other modules (OCICredentials) add their own this way.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The ``rawValue``.
        public var description: String { rawValue }

        /// The raw request text cannot be parsed (request line, header line, truncation).
        public static let malformedRequest = Code(rawValue: "malformedRequest")
        /// A method other than GET, HEAD, DELETE, POST, PUT or PATCH.
        public static let unsupportedMethod = Code(rawValue: "unsupportedMethod")
        /// The request-target is empty, not origin-form, or holds bytes that cannot be sent as is.
        public static let invalidTarget = Code(rawValue: "invalidTarget")
        /// A header value holds CR, LF, NUL or another control character.
        public static let invalidHeaderValue = Code(rawValue: "invalidHeaderValue")
        /// Neither an authority nor a `Host` header was given.
        public static let missingHost = Code(rawValue: "missingHost")
        /// The request has more header fields or header bytes than ``OCIHeaderLimits`` allows.
        public static let tooManyHeaders = Code(rawValue: "tooManyHeaders")
        /// A header that must be signed occurs more than once.
        public static let duplicateSignedHeader = Code(rawValue: "duplicateSignedHeader")
        /// A signed header value holds a byte outside ASCII.
        public static let nonASCIISignedValue = Code(rawValue: "nonASCIISignedValue")
        /// A caller-supplied `x-content-sha256` does not match the body.
        public static let bodyHashMismatch = Code(rawValue: "bodyHashMismatch")
        /// A caller-supplied `content-length` does not match the body.
        public static let contentLengthMismatch = Code(rawValue: "contentLengthMismatch")
        /// A body file changed (size or modification time) while it was being hashed, or is not a
        /// regular file whose size can be sent as `content-length`.
        public static let bodyChanged = Code(rawValue: "bodyChanged")
        /// The RSA key has fewer than 1024 bits: refused always.
        public static let keyTooSmall = Code(rawValue: "keyTooSmall")
        /// The RSA key has 1024 to 2047 bits and weak keys were not allowed explicitly.
        public static let weakKey = Code(rawValue: "weakKey")
        /// The RSA public exponent is not an odd number of at least 3 (with e = 1 anyone can
        /// forge a signature; an even e is not an RSA key).
        public static let insecurePublicExponent = Code(rawValue: "insecurePublicExponent")
        /// The PEM text holds more than one key (two private keys, or a private key and a
        /// different public key, or a public key file that also holds a private key).
        public static let ambiguousKeyFile = Code(rawValue: "ambiguousKeyFile")
        /// The key is encrypted with a cipher, key-derivation function or pass-phrase length this
        /// library cannot decrypt (never reported as a wrong pass phrase).
        public static let unsupportedKeyEncryption = Code(rawValue: "unsupportedKeyEncryption")
        /// The encrypted key asks for more key-derivation work (PBKDF2 iterations, scrypt cost
        /// or memory) than the documented maximum.
        public static let keyDerivationTooCostly = Code(rawValue: "keyDerivationTooCostly")
        /// The key is not an RSA key.
        public static let unsupportedKeyType = Code(rawValue: "unsupportedKeyType")
        /// The key text could not be read as a PEM private or public key.
        public static let invalidKey = Code(rawValue: "invalidKey")
        /// An encrypted key was given without a pass phrase.
        public static let missingPassphrase = Code(rawValue: "missingPassphrase")
        /// The pass phrase does not decrypt the key.
        public static let wrongPassphrase = Code(rawValue: "wrongPassphrase")
        /// A public key or certificate was given where a private key is needed.
        public static let notAPrivateKey = Code(rawValue: "notAPrivateKey")
        /// A file could not be opened or read, or is not a regular file (a FIFO, device,
        /// directory or socket is refused without reading it).
        public static let fileUnreadable = Code(rawValue: "fileUnreadable")
        /// A file is larger than the limit for its kind (Docs/hardening.md); refused before
        /// it is read.
        public static let fileTooLarge = Code(rawValue: "fileTooLarge")
        /// A date string is not an IMF-fixdate (`Thu, 05 Jan 2014 21:31:40 GMT`).
        public static let invalidDate = Code(rawValue: "invalidDate")
        /// A failure inside libcrypto that none of the other codes describes.
        public static let cryptoFailure = Code(rawValue: "cryptoFailure")

        // MARK: HTTP client adapters (URLSession, AsyncHTTPClient)

        /// A URL that an HTTP client would not send as written (a scheme other than http/https,
        /// user info that the client turns into its own `Authorization`, a host it would rewrite):
        /// refused rather than signed, since the server would see something else.
        public static let unsupportedURL = Code(rawValue: "unsupportedURL")
        /// The body cannot be hashed without consuming it (a `URLRequest.httpBodyStream`, an
        /// opaque `HTTPClientRequest.Body`): pass the bytes, a file or a precomputed digest instead.
        public static let unhashableBody = Code(rawValue: "unhashableBody")

        // MARK: Verification (the receiving side)

        /// An `Authorization: Signature …` value cannot be parsed (scheme, quoting, duplicate or
        /// missing parameter, signature encoding).
        public static let malformedAuthorization = Code(rawValue: "malformedAuthorization")
        /// The `Authorization` header names an algorithm or version other than `rsa-sha256` / `1`.
        public static let unsupportedAlgorithm = Code(rawValue: "unsupportedAlgorithm")

        // MARK: Identities and identity providers

        /// An identity (a token) has expired and its provider cannot get a new one.
        public static let identityExpired = Code(rawValue: "identityExpired")
        /// A provider could not obtain an identity (federation refused, metadata unreachable…);
        /// the reason names the endpoint and the step.
        public static let identityUnavailable = Code(rawValue: "identityUnavailable")
    }
}
