/// The error every part of the engine throws.
///
/// Match on ``code``; read ``description`` for a sentence that says what was wrong and where
/// (file, line, header). An error never contains key material, a pass phrase or a token.
public struct OCISigningError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, matchable error kind. The raw values are the error names used by the
    /// conformance vectors (`Vectors/README.md`).
    public struct Code: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
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
        /// A file could not be opened or read.
        public static let fileUnreadable = Code(rawValue: "fileUnreadable")
        /// A date string is not an IMF-fixdate (`Thu, 05 Jan 2014 21:31:40 GMT`).
        public static let invalidDate = Code(rawValue: "invalidDate")
        /// A failure inside libcrypto that none of the other codes describes.
        public static let cryptoFailure = Code(rawValue: "cryptoFailure")
    }

    /// What kind of failure this is.
    public let code: Code
    /// A human-readable sentence; never contains secrets.
    public let reason: String
    /// The header concerned, lowercased, when there is one.
    public var header: String?
    /// The 1-based line of the input concerned, when known.
    public var line: Int?
    /// The file concerned, when known.
    public var path: String?

    /// Creates an error.
    public init(_ code: Code, _ reason: String, header: String? = nil, line: Int? = nil, path: String? = nil) {
        self.code = code
        self.reason = reason
        self.header = header
        self.line = line
        self.path = path
    }

    /// `path:line: reason (code)`, omitting what is unknown.
    public var description: String {
        var location = ""
        if let path { location += path }
        if let line { location += location.isEmpty ? "line \(line)" : ":\(line)" }
        if !location.isEmpty { location += ": " }
        return "\(location)\(reason) [\(code.rawValue)]"
    }

    /// The same error with the file it came from filled in.
    public func at(path: String) -> OCISigningError {
        var copy = self
        if copy.path == nil { copy.path = path }
        return copy
    }
}
