/// A provider for one fixed identity: an API key and its key id, or any identity built by hand.
///
/// Refreshing cannot change a fixed key, so ``refresh(afterRejectionOf:)`` returns the same
/// identity and adapters do not retry. An identity that expires is refused once expired.
public struct OCIStaticIdentityProvider: OCIIdentityProvider {
    /// The identity handed out.
    public let fixedIdentity: OCISigningIdentity
    private let now: @Sendable () -> HTTPDate

    /// Creates a provider for `identity`.
    ///
    /// - Parameters:
    ///   - identity: The identity to hand out.
    ///   - now: The clock expiry is checked against.
    public init(_ identity: OCISigningIdentity, now: @escaping @Sendable () -> HTTPDate = { .now() }) {
        self.fixedIdentity = identity
        self.now = now
    }

    /// An API-key provider: `tenancy/user/fingerprint` and its key.
    ///
    /// - Parameters:
    ///   - keyID: The key id.
    ///   - privateKey: The key.
    ///   - region: The region, if known.
    public init(keyID: String, privateKey: OCIPrivateKey, region: String? = nil) {
        self.init(OCISigningIdentity(keyID: keyID, privateKey: privateKey, kind: .apiKey, source: "a key given in code",
                                     region: region, tenancy: keyID.split(separator: "/").first.map(String.init)))
    }

    /// The fixed identity; an `identityExpired` error once it has expired.
    public func identity() async throws(OCISigningError) -> OCISigningIdentity {
        if fixedIdentity.isExpired(at: now()) {
            throw OCISigningError(.identityExpired, "the identity from \(fixedIdentity.source) expired at \(fixedIdentity.expiresAt!.imfFixdate) and cannot be refreshed")
        }
        return fixedIdentity
    }

    /// The same identity: nothing to refresh.
    public func refresh(afterRejectionOf rejected: OCISigningIdentity) async throws(OCISigningError) -> OCISigningIdentity {
        try await identity()
    }
}
