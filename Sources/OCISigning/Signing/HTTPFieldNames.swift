import HTTPTypes

/// The header names OCI signing reads and writes, built once (building a name lowercases and
/// validates its text).
extension HTTPField.Name {
    /// `x-date`: signed instead of `date` when present.
    public static let xDate = HTTPField.Name("x-date")!
    /// `x-content-sha256`: base64 SHA-256 of the body.
    public static let xContentSHA256 = HTTPField.Name("x-content-sha256")!
    /// `opc-obo-token`: a delegation ("on behalf of") token, signed when present.
    public static let opcOboToken = HTTPField.Name("opc-obo-token")!
    /// `opc-request-id`: the id OCI echoes for support requests.
    public static let opcRequestID = HTTPField.Name("opc-request-id")!
    /// `x-cross-tenancy-request`: signed when present.
    public static let xCrossTenancyRequest = HTTPField.Name("x-cross-tenancy-request")!
    /// `x-subscription`: signed when present.
    public static let xSubscription = HTTPField.Name("x-subscription")!
    /// `host`: signed from the authority.
    public static let host = HTTPField.Name("host")!
}
