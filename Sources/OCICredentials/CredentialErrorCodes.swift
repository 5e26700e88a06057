import OCISigning

/// Error codes of the credential layer. They extend `OCISigningError.Code` so one error type
/// flows from the config file to the signature.
extension OCISigningError.Code {
    /// No config file was found where the SDKs look (or the named one does not exist).
    public static let configFileNotFound = OCISigningError.Code(rawValue: "configFileNotFound")
    /// A config file line breaks the parsing rules (no `=`, empty key, key outside a profile,
    /// duplicate key or profile, invalid UTF-8).
    public static let malformedConfig = OCISigningError.Code(rawValue: "malformedConfig")
    /// The requested profile is not in the config file.
    public static let profileNotFound = OCISigningError.Code(rawValue: "profileNotFound")
    /// A key the profile needs (`user`, `tenancy`, `fingerprint`, `key_file`) is absent or empty.
    public static let missingConfigValue = OCISigningError.Code(rawValue: "missingConfigValue")
    /// A config value has the wrong shape (fingerprint, OCID).
    public static let invalidConfigValue = OCISigningError.Code(rawValue: "invalidConfigValue")
    /// `key_content` appears in a config file, which the SDKs refuse for security reasons.
    public static let keyContentInFile = OCISigningError.Code(rawValue: "keyContentInFile")
    /// The session token file is empty or holds bytes that cannot go in a keyId.
    public static let invalidSessionToken = OCISigningError.Code(rawValue: "invalidSessionToken")
    /// The session token's JWT `exp` is in the past.
    public static let sessionTokenExpired = OCISigningError.Code(rawValue: "sessionTokenExpired")
    /// The configured fingerprint is not the key's (an error only where a caller makes it one,
    /// such as the CLI; the library reports it as a warning).
    public static let fingerprintMismatch = OCISigningError.Code(rawValue: "fingerprintMismatch")
    /// The session's `sess_exp` has passed: its tokens can no longer be refreshed, only a new
    /// `oci session authenticate` helps.
    public static let sessionEnded = OCISigningError.Code(rawValue: "sessionEnded")
    /// A refreshed session token could not be written back to its file.
    public static let tokenFileNotWritten = OCISigningError.Code(rawValue: "tokenFileNotWritten")
}
