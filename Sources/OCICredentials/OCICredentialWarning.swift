/// A problem that does not stop signing but that a user should fix; the library returns these
/// instead of logging, and `oci-sign config check` prints them.
public struct OCICredentialWarning: Sendable, Hashable, CustomStringConvertible {
    /// What kind of warning this is.
    public struct Code: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
        /// The stable name, such as `fingerprintMismatch`.
        public let rawValue: String
        /// Creates a code from its name.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The name.
        public var description: String { rawValue }

        /// The configured fingerprint is not the MD5 fingerprint of the key: the server will
        /// answer 401 NotAuthenticated.
        public static let fingerprintMismatch = Code(rawValue: "fingerprintMismatch")
        /// A private key file (or the config file) can be read or written by group or others.
        public static let filePermissions = Code(rawValue: "filePermissions")
        /// The RSA key has fewer than 2048 bits (Oracle's minimum for uploaded keys).
        public static let weakKey = Code(rawValue: "weakKey")
        /// The session token is not a JWT with an `exp` claim, so its expiry is unknown.
        public static let tokenExpiryUnknown = Code(rawValue: "tokenExpiryUnknown")
        /// No region in the profile or the environment (signing does not need one; OCI clients do).
        public static let missingRegion = Code(rawValue: "missingRegion")
    }

    /// What kind of warning this is.
    public let code: Code
    /// A sentence saying what is wrong and how to fix it; never contains secrets.
    public let message: String
    /// The file concerned, when there is one.
    public let path: String?
    /// The config line concerned, when there is one.
    public let line: Int?

    /// Creates a warning.
    public init(_ code: Code, _ message: String, path: String? = nil, line: Int? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.line = line
    }

    /// `path:line: message [code]`.
    public var description: String {
        var location = path ?? ""
        if let line { location += location.isEmpty ? "line \(line)" : ":\(line)" }
        return (location.isEmpty ? "" : location + ": ") + "\(message) [\(code.rawValue)]"
    }
}
