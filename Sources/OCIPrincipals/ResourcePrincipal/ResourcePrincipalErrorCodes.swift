import OCISigning

extension OCISigningError.Code {
    /// `OCI_RESOURCE_PRINCIPAL_VERSION` (or its leaf twin) names a version this library does
    /// not sign with (1.1, 2.1.x) or no version at all; the reason names the value.
    public static let unsupportedResourcePrincipalVersion = OCISigningError.Code(rawValue: "unsupportedResourcePrincipalVersion")
    /// A resource principal v3.0 exchange failed: the parent's resource principal token could
    /// not be fetched or exchanged; the reason names the step and the URL.
    public static let resourcePrincipalExchangeFailed = OCISigningError.Code(rawValue: "resourcePrincipalExchangeFailed")
}
