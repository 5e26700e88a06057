/// What a successful verification established: who signed, what they signed and when, for
/// a server to act on (authorise the keyId, log the skew).
public struct VerifiedRequest: Sendable, Hashable {
    /// The parsed `Authorization` header.
    public let authorization: SignatureAuthorization
    /// The signature base rebuilt from the request, in `headers=` order.
    public let signatureBase: SignatureBase
    /// The signed date (from `x-date` when that is signed, else `date`).
    public let date: HTTPDate
    /// The signed date minus the verifier's clock, in seconds.
    public let skew: Int64
    /// The digest of the body received, when it was hashed.
    public let bodyDigest: ContentDigest?

    /// The keyId that signed.
    public var keyID: String { authorization.keyID }
    /// The signing-string lines rebuilt from the request, in `headers=` order.
    public var components: [SignedComponent] { signatureBase.components }
    /// The rebuilt signing string.
    public var signingString: String { signatureBase.signingString }
}
