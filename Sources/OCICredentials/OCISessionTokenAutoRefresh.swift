/// The opt-in self-refresh of an ``OCISessionTokenIdentityProvider``: ahead of the token's
/// expiry, and for as long as the session lasts (`sess_exp`), the provider exchanges the token
/// for a new one through ``refresher`` and writes it back to the token file. It does the same
/// once after a service rejects a token that the files still hold.
///
/// ```swift
/// import OCIPrincipals
/// let provider = OCISessionTokenIdentityProvider(
///     profile: "my-session", autoRefresh: OCISessionTokenAutoRefresh(refresher: OCISessionTokenRefreshClient()))
/// ```
public struct OCISessionTokenAutoRefresh: Sendable {
    /// Makes the refresh call (`OCIPrincipals.OCISessionTokenRefreshClient` in production).
    public var refresher: any OCISessionTokenRefresher
    /// Seconds before `exp` at which to refresh; half the token's lifetime when that is shorter.
    public var margin: Int64
    /// Seconds to wait after a failed refresh before trying again (the old token is used
    /// meanwhile, while it lasts).
    public var retryDelay: Int64

    /// Creates the setting.
    ///
    /// - Parameters:
    ///   - refresher: Makes the refresh call.
    ///   - margin: Seconds before expiry at which to refresh (300 by default, negative counts as 0).
    ///   - retryDelay: Seconds between attempts after a failure (30 by default).
    public init(refresher: any OCISessionTokenRefresher, margin: Int64 = 300, retryDelay: Int64 = 30) {
        self.refresher = refresher
        self.margin = max(0, margin)
        self.retryDelay = max(0, retryDelay)
    }

    /// Whether `token` is due for a refresh at `now`: inside the margin, before `exp`, and
    /// before the session's end.
    func isDue(_ token: SessionToken, at now: Int64) -> Bool {
        guard canRefresh(token, at: now), let expiry = token.expiresAt else { return false }
        let lifetime = token.issuedAt.map { expiry - $0 } ?? Int64.max
        return now >= expiry - min(margin, max(0, lifetime / 2))
    }

    /// Whether the auth service can still exchange `token` at `now`: before its `exp` and
    /// before the session's end (`sess_exp`).
    func canRefresh(_ token: SessionToken, at now: Int64) -> Bool {
        guard let expiry = token.expiresAt, expiry > now else { return false }
        if let end = token.sessionExpiresAt, end <= now { return false }
        return true
    }
}
