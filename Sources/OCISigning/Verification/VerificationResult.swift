/// The outcome of verifying one request, as ``OCIRequestVerifier/verify(_:body:options:)``
/// returns it: a server answers `401` for ``invalid(_:)``.
public enum VerificationResult: Sendable, Hashable {
    /// The signature verifies, the required headers are signed, the body matches and the date
    /// is fresh.
    case valid(VerifiedRequest)
    /// The first check that failed.
    case invalid(VerificationFailure)

    /// Whether the request was accepted.
    public var isValid: Bool { if case .valid = self { true } else { false } }
    /// The failure, when there is one.
    public var failure: VerificationFailure? { if case .invalid(let failure) = self { failure } else { nil } }
}
