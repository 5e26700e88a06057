import OCISigning

extension OCISigningError.Code {
    /// The HTTP connection could not be made (refused, no route, DNS): the endpoint is not there.
    public static let connectionFailed = OCISigningError.Code(rawValue: "connectionFailed")
    /// An HTTP exchange did not finish within its time limit.
    public static let requestTimedOut = OCISigningError.Code(rawValue: "requestTimedOut")
    /// An HTTP response body was larger than the limit for that call.
    public static let responseTooLarge = OCISigningError.Code(rawValue: "responseTooLarge")
    /// The instance metadata service (IMDS) answered with an error or not at all; the reason
    /// names the URL and the step.
    public static let metadataUnavailable = OCISigningError.Code(rawValue: "metadataUnavailable")
    /// What the instance metadata service served is unusable: not PEM, a key that does not
    /// match the certificate, no `opc-tenant` in the subject.
    public static let invalidInstanceIdentity = OCISigningError.Code(rawValue: "invalidInstanceIdentity")
    /// The auth service refused the X.509 federation or answered something that is not a token.
    public static let federationFailed = OCISigningError.Code(rawValue: "federationFailed")
    /// A security token that is not a JWT, or has no `exp` claim.
    public static let invalidSecurityToken = OCISigningError.Code(rawValue: "invalidSecurityToken")
    /// The tenancy in the instance certificate changed between two federations.
    public static let tenancyChanged = OCISigningError.Code(rawValue: "tenancyChanged")
    /// No credential source in the default chain produced an identity; the reason lists each.
    public static let noCredentialsFound = OCISigningError.Code(rawValue: "noCredentialsFound")
    /// An authentication method name that is not one of `api_key`, `security_token`,
    /// `instance_principal`, `instance_obo_user`.
    public static let unsupportedAuthMethod = OCISigningError.Code(rawValue: "unsupportedAuthMethod")
    /// A region or endpoint value that cannot be used (not a URL, unknown realm).
    public static let invalidEndpoint = OCISigningError.Code(rawValue: "invalidEndpoint")
    /// The auth service refused a session-token refresh, or answered something that is not a token.
    public static let sessionRefreshFailed = OCISigningError.Code(rawValue: "sessionRefreshFailed")
}
