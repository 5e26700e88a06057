extension OCISigningError.Code {
    /// An identity (a token) has expired and its provider cannot get a new one.
    public static let identityExpired = OCISigningError.Code(rawValue: "identityExpired")
    /// A provider could not obtain an identity (federation refused, metadata unreachable…);
    /// the reason names the endpoint and the step.
    public static let identityUnavailable = OCISigningError.Code(rawValue: "identityUnavailable")
}
