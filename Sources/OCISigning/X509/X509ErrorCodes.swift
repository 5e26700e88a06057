extension OCISigningError.Code {
    /// Text or bytes that are not a readable X.509 certificate (PEM or DER).
    public static let invalidCertificate = OCISigningError.Code(rawValue: "invalidCertificate")
}
