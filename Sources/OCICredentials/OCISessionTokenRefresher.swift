import OCISigning

/// Exchanges a session token for a newer one of the same session: the seam between the
/// credential layer, which owns the token file, and the HTTP call (`POST
/// /v1/authentication/refresh`), which `OCIPrincipals.OCISessionTokenRefreshClient` makes.
///
/// Tests conform a fake to it; ``OCISessionTokenIdentityProvider`` and `oci-sign session
/// refresh` call it through ``OCISessionProfile/refresh(credentials:using:now:)``.
public protocol OCISessionTokenRefresher: Sendable {
    /// The new token text for `token`, signed as `ST$<token>` with `privateKey`.
    ///
    /// - Parameters:
    ///   - token: The current (unexpired) token.
    ///   - privateKey: The session key the token is bound to.
    ///   - region: The profile's region, from which the auth endpoint is derived.
    /// - Throws: `OCISigningError` naming the endpoint; never the token.
    func refreshedToken(_ token: SessionToken, privateKey: OCIPrivateKey, region: String?) async throws(OCISigningError) -> String
}
