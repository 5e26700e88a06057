import OCISigning

/// A session-token profile (`oci session authenticate`) located on disk: its config file, its
/// `security_token_file` and the token in it. Used to inspect a session (`oci-sign session
/// validate`) and to refresh it (`oci-sign session refresh`,
/// ``OCISessionTokenIdentityProvider`` with a refresher).
public struct OCISessionProfile: Sendable {
    /// The parsed profile.
    public let profile: OCIConfigProfile
    /// The token file, `~` expanded.
    public let tokenFile: String
    /// The token read from it.
    public let token: SessionToken

    /// Finds the profile and reads its token (not the key, and without judging the expiry).
    ///
    /// - Parameters:
    ///   - profile: The profile; `nil` means `OCI_CLI_PROFILE` when `readCLIVariables`, else `DEFAULT`.
    ///   - configFile: An explicit config file; `nil` to search where the SDKs look.
    ///   - environment: Variables, home directory and clock.
    ///   - readCLIVariables: Also honour the OCI CLI's variables.
    /// - Throws: `missingConfigValue` for a profile without `security_token_file`, the config
    ///   errors of ``OCICredentials/load(profile:configFile:passphrase:environment:readCLIVariables:)``,
    ///   `fileUnreadable` or `invalidSessionToken` for the token file.
    public static func locate(profile: String? = nil, configFile: String? = nil, environment: CredentialEnvironment = .process,
                              readCLIVariables: Bool = false) throws(OCISigningError) -> OCISessionProfile {
        let source = ProfileIdentitySource(profileName: profile, configFile: configFile, passphrase: PassphraseOptions(),
                                           environment: environment, readCLIVariables: readCLIVariables)
        return try OCISessionProfile(profile: source.profile(), environment: environment)
    }

    init(profile: OCIConfigProfile, environment: CredentialEnvironment) throws(OCISigningError) {
        guard let value = profile.value("security_token_file"), !value.value.isEmpty else {
            throw profile.error(.missingConfigValue, "security_token_file is not set, so this is not a session-token profile (create one with `oci session authenticate`)", at: profile.value("security_token_file"))
        }
        self.profile = profile
        tokenFile = environment.expandingTilde(value.value)
        do { token = try SessionToken(contentsOf: tokenFile) } catch {
            throw OCISigningError(error.code, "profile [\(profile.name)] (security_token_file at \(profile.path):\(value.line)): \(error.reason)", path: tokenFile)
        }
    }

    /// Loads the profile's key (and token) for signing the refresh, whether or not the token
    /// has expired: ``refresh(credentials:using:now:)`` judges that with its own messages.
    public func credentials(passphrase: PassphraseOptions = PassphraseOptions(), environment: CredentialEnvironment = .process,
                            readCLIVariables: Bool = false) throws(OCISigningError) -> OCICredentials {
        try OCICredentials.load(profile: profile, passphrase: passphrase, environment: environment,
                                readCLIVariables: readCLIVariables, warnings: [], checksTokenExpiry: false)
    }

    /// Throws unless `token` can still be refreshed at `now`: a JWT whose session
    /// (`sess_exp`) has not ended and whose own `exp` has not passed.
    ///
    /// - Throws: `invalidSessionToken` (not a JWT with `exp`), `sessionEnded`, `sessionTokenExpired`.
    public func checkRefreshable(at now: Int64) throws(OCISigningError) {
        try Self.checkRefreshable(token, profile: profile.name, at: now)
    }

    static func checkRefreshable(_ token: SessionToken, profile: String, at now: Int64) throws(OCISigningError) {
        guard token.isJWT, let expiry = token.expiresAt else {
            throw OCISigningError(.invalidSessionToken, "profile [\(profile)]: the session token is not a JWT with an 'exp' claim, so it cannot be refreshed; run `oci session authenticate --profile-name \(profile)`", path: token.path)
        }
        if let end = token.sessionExpiresAt, end <= now {
            throw OCISigningError(.sessionEnded, "profile [\(profile)]: the session ended at \(iso8601(end)) (sess_exp, \(roughSpan(now - end)) ago) and can no longer be refreshed; run `oci session authenticate --profile-name \(profile)`", path: token.path)
        }
        if expiry <= now {
            throw OCISigningError(.sessionTokenExpired, "profile [\(profile)]: the session token expired at \(iso8601(expiry)) (\(roughSpan(now - expiry)) ago); only a token that has not expired can be refreshed: run `oci session authenticate --profile-name \(profile)`", path: token.path)
        }
    }

    /// Refreshes the session: checks the token (``checkRefreshable(at:)``), asks `refresher`
    /// for a new one signed with `credentials`' key, checks that it is a JWT that has not
    /// expired, and writes it to ``tokenFile`` atomically with the file's mode kept
    /// (``SessionTokenFile``).
    ///
    /// - Returns: The new token (its `path` is ``tokenFile``).
    /// - Throws: the check's errors, the refresher's, `invalidSessionToken` for an answer that
    ///   is not a usable token, `tokenFileNotWritten`.
    public func refresh(credentials: OCICredentials, using refresher: any OCISessionTokenRefresher,
                        now: @Sendable () -> Int64) async throws(OCISigningError) -> SessionToken {
        try await Self.refresh(token, profile: profile.name, privateKey: credentials.privateKey, region: credentials.region,
                         using: refresher, now: now)
    }

    static func refresh(_ token: SessionToken, profile: String, privateKey: OCIPrivateKey, region: String?,
                        using refresher: any OCISessionTokenRefresher, now: @Sendable () -> Int64) async throws(OCISigningError) -> SessionToken {
        try checkRefreshable(token, profile: profile, at: now())
        let text = try await refresher.refreshedToken(token, privateKey: privateKey, region: region)
        let fresh: SessionToken
        do { fresh = try SessionToken(text: Array(text.utf8), path: token.path) } catch {
            throw OCISigningError(.invalidSessionToken, "profile [\(profile)]: the refreshed token is unusable (\(error.reason)); the file still holds the old token", path: token.path)
        }
        guard fresh.isJWT, let expiry = fresh.expiresAt, expiry > now() else {
            throw OCISigningError(.invalidSessionToken, "profile [\(profile)]: the refreshed token is not a JWT that is still valid; the file still holds the old token", path: token.path)
        }
        try SessionTokenFile.replace(token.path, with: fresh.text)
        return fresh
    }
}
