/// The seam between *who signs* and *how a request is signed*: anything that can hand out a
/// current ``OCISigningIdentity`` — a fixed API key, a config profile, a session token file,
/// instance or resource principals, OKE workload identity.
///
/// Signing adapters take a provider, ask it for an identity before every attempt, sign with
/// ``OCIRequestSigner`` (pure and synchronous) and, when the service answers
/// `401 NotAuthenticated`, call ``refresh(afterRejectionOf:)`` once and retry once.
///
/// Conformers must be safe to call from many tasks at once. Wrap one in
/// ``OCICachingIdentityProvider`` to cache, refresh ahead of expiry and coalesce concurrent
/// refreshes into one.
public protocol OCIIdentityProvider: Sendable {
    /// The identity to sign with now. Never returns an identity that is already expired.
    func identity() async throws(OCISigningError) -> OCISigningIdentity

    /// A new identity after the service rejected a request signed with `rejected`.
    ///
    /// Must not return an identity obtained before `rejected` was: either one obtained since
    /// (another task may already have refreshed) or a freshly fetched one. A provider that has
    /// nothing to refresh (a fixed key) returns `rejected` unchanged; callers then do not retry.
    func refresh(afterRejectionOf rejected: OCISigningIdentity) async throws(OCISigningError) -> OCISigningIdentity
}

extension OCISigningIdentity {
    /// Whether `self` is a different credential from `other`: another key id or another key.
    /// A retry after a rejection is only worth it when the refreshed identity is different.
    public func differs(from other: OCISigningIdentity) -> Bool {
        keyID != other.keyID || !privateKey.isSameKey(as: other.privateKey) || delegationToken != other.delegationToken
    }
}
