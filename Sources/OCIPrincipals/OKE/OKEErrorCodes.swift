import OCISigning

extension OCISigningError.Code {
    /// The server's TLS certificate is not signed by the only certificate authority the call
    /// trusts (the OKE service-account `ca.crt`), or that CA file is unusable.
    public static let untrustedServerCertificate = OCISigningError.Code(rawValue: "untrustedServerCertificate")
    /// The OKE proxymux refused the workload-identity exchange or answered something that is
    /// not the quoted base64 of `{"token": "ST$<rpst>"}`; the reason names the endpoint.
    public static let workloadIdentityExchangeFailed = OCISigningError.Code(rawValue: "workloadIdentityExchangeFailed")
}
