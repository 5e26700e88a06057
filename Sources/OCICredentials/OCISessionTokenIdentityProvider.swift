import Logging
import OCISigning

/// Signs with a session token (`oci session authenticate`): a profile whose
/// `security_token_file` holds the token and whose `key_file` holds the session's key.
///
/// Every ``identity()`` compares the config, token and key files with what was read last
/// (device, inode, size, modification and change times): when any of them changed — `oci session
/// refresh` rewrote the token, `oci session authenticate` wrote a new key and token — it reads the
/// profile, the token **and** the key again, together. A read during which any of the files
/// changed is discarded and done again, so a new token is never paired with an old key.
///
/// An expired token is reported as `sessionTokenExpired` with its expiry time and the command
/// that refreshes it; as soon as the file is refreshed, the next call signs again.
///
/// With ``OCISessionTokenAutoRefresh`` (opt-in) the provider refreshes the token itself ahead
/// of its expiry, for as long as the session lasts (`sess_exp`): one refresh for any number of
/// concurrent callers, the new token written back to the token file and used with the same
/// key. A refresh that fails while the old token is still valid leaves the old one in use
/// (retried after ``OCISessionTokenAutoRefresh/retryDelay``).
///
/// ```swift
/// let provider = OCISessionTokenIdentityProvider(profile: "my-session")
/// let signed = try await provider.sign(request)
/// ```
public actor OCISessionTokenIdentityProvider: OCIIdentityProvider {
    private let source: ProfileIdentitySource
    private let logger: Logger?
    private let autoRefresh: OCISessionTokenAutoRefresh?
    private var current: Snapshot?
    private var answeredRejection: OCISigningIdentity?
    private var refreshFlight = OCISingleFlight<OCISigningIdentity>()
    private var lastRefreshFailure: Int64?
    /// How many refreshes succeeded (for diagnostics and tests).
    public private(set) var refreshCount = 0

    /// What was read, and the stamps of the files it was read from.
    private struct Snapshot {
        let identity: OCISigningIdentity
        let files: [String]
        let stamps: [FileStamp?]
        let tokenFile: String
        let profile: String
        let token: SessionToken?
    }

    /// How often a read is repeated when the files keep changing under it.
    static let readAttempts = 3

    /// Creates a provider; nothing is read until the first ``identity()``.
    ///
    /// - Parameters:
    ///   - profile: The profile; `nil` means `OCI_CLI_PROFILE` when `readCLIVariables`, else `DEFAULT`.
    ///   - configFile: An explicit config file; `nil` to search where the SDKs look.
    ///   - passphrase: Where the session key's pass phrase may come from (usually it has none).
    ///   - environment: Variables, home directory and the clock expiry is checked against.
    ///   - readCLIVariables: Also honour the OCI CLI's variables.
    ///   - autoRefresh: Refresh the token ahead of expiry until the session ends; `nil` (the
    ///     default) never makes a network call.
    ///   - logger: Where to log reads (debug) and file checks (trace); never a key or token.
    public init(profile: String? = nil, configFile: String? = nil, passphrase: PassphraseOptions = PassphraseOptions(),
                environment: CredentialEnvironment = .process, readCLIVariables: Bool = false,
                autoRefresh: OCISessionTokenAutoRefresh? = nil, logger: Logger? = nil) {
        source = ProfileIdentitySource(profileName: profile, configFile: configFile, passphrase: passphrase,
                                       environment: environment, readCLIVariables: readCLIVariables)
        self.autoRefresh = autoRefresh
        self.logger = logger
    }

    /// The current token's identity, re-read when a file changed.
    /// - Throws: `sessionTokenExpired` (with the expiry time) when the token has expired,
    ///   `missingConfigValue` for a profile without `security_token_file`, and the errors of
    ///   `OCICredentials.load`.
    public func identity() async throws(OCISigningError) -> OCISigningIdentity {
        let identity = try fileIdentity()
        guard let autoRefresh, let snapshot = current, let token = snapshot.token,
              autoRefresh.isDue(token, at: source.environment.now()) else { return identity }
        if let failed = lastRefreshFailure, source.environment.now() < failed + autoRefresh.retryDelay { return identity }
        return try await refreshAhead(snapshot, token: token, using: autoRefresh)
    }

    /// The identity the files hold now, re-read when one of them changed.
    private func fileIdentity() throws(OCISigningError) -> OCISigningIdentity {
        if let current, FileStamp.of(current.files) == current.stamps {
            logger?.trace("session token files unchanged", metadata: ["profile": "\(current.profile)"])
            try Self.checkExpiry(current, now: source.now)
            return current.identity
        }
        return try read(because: current == nil ? "first use" : "a token, key or config file changed")
    }

    /// Joins the refresh in flight or starts one. A failure leaves the old identity in use while
    /// it is valid (retried after the delay); once it has expired the failure is thrown.
    private func refreshAhead(_ snapshot: Snapshot, token: SessionToken, using autoRefresh: OCISessionTokenAutoRefresh) async throws(OCISigningError) -> OCISigningIdentity {
        let result: Result<OCISigningIdentity, OCISigningError>
        if refreshFlight.begin() {
            do throws(OCISigningError) { result = .success(try await performRefresh(snapshot, token: token, using: autoRefresh)) } catch { result = .failure(error) }
            refreshFlight.end(result)
        } else {
            result = await withCheckedContinuation { refreshFlight.wait($0) }
        }
        switch result {
        case .success(let identity): return identity
        case .failure(let error):
            lastRefreshFailure = source.environment.now()
            let fallback = current?.identity ?? snapshot.identity
            guard !fallback.isExpired(at: source.now) else { throw error }
            logger?.debug("refreshing the session token ahead of expiry failed; using the current one", metadata: ["error": "\(error)"])
            return fallback
        }
    }

    /// One refresh: the call, the file write, and the new snapshot with the same key.
    private func performRefresh(_ snapshot: Snapshot, token: SessionToken, using autoRefresh: OCISessionTokenAutoRefresh) async throws(OCISigningError) -> OCISigningIdentity {
        logger?.debug("refreshing the session token ahead of expiry", metadata: ["profile": "\(snapshot.profile)", "keyId": "\(token.redacted)"])
        let old = snapshot.identity
        let environment = source.environment
        let fresh = try await OCISessionProfile.refresh(token, profile: snapshot.profile, privateKey: old.privateKey, region: old.region,
                                                        using: autoRefresh.refresher, now: { environment.now() })
        let identity = OCISigningIdentity(
            keyID: fresh.keyID, privateKey: old.privateKey, kind: old.kind, source: old.source,
            expiresAt: fresh.expiresAt.map(HTTPDate.init(secondsSince1970:)), region: old.region, tenancy: old.tenancy,
            obtainedAt: source.now)
        current = Snapshot(identity: identity, files: snapshot.files, stamps: FileStamp.of(snapshot.files),
                           tokenFile: snapshot.tokenFile, profile: snapshot.profile, token: fresh)
        lastRefreshFailure = nil
        refreshCount += 1
        logger?.debug("refreshed the session token", metadata: ["keyId": "\(fresh.redacted)"])
        return identity
    }

    /// An identity obtained since `rejected`: the files are read again once per rejected
    /// identity. When they still give the same token and key, and self-refresh is on, the token
    /// is exchanged for a new one (while it and the session are still valid; concurrent callers
    /// share the call). Otherwise, or when that fails, `rejected` is returned unchanged (there
    /// is nothing to retry with).
    public func refresh(afterRejectionOf rejected: OCISigningIdentity) async throws(OCISigningError) -> OCISigningIdentity {
        let latest = try await identity()
        if latest.obtainedAt >= rejected.obtainedAt, !ProfileIdentitySource.sameCredential(latest, rejected) { return latest }
        if let answered = answeredRejection, ProfileIdentitySource.sameCredential(answered, rejected),
           answered.obtainedAt == rejected.obtainedAt {
            return rejected
        }
        var fresh = try read(because: "the service rejected \(rejected.redactedKeyID)")
        if ProfileIdentitySource.sameCredential(fresh, rejected), let autoRefresh, let snapshot = current, let token = snapshot.token,
           autoRefresh.canRefresh(token, at: source.environment.now()) {
            logger?.debug("the files still hold the rejected session token; exchanging it for a new one")
            fresh = try await refreshAhead(snapshot, token: token, using: autoRefresh)
        }
        answeredRejection = rejected
        return ProfileIdentitySource.sameCredential(fresh, rejected) ? rejected : fresh
    }

    /// Reads profile, token and key; repeats when a file changed during the read.
    private func read(because reason: String) throws(OCISigningError) -> OCISigningIdentity {
        logger?.debug("reading the session token profile", metadata: ["reason": "\(reason)"])
        var lastFiles: [String] = []
        for _ in 0..<Self.readAttempts {
            let configFile = try OCIConfigLocation.resolve(explicitPath: source.configFile, environment: source.environment,
                                                           readCLIVariables: source.readCLIVariables)
            let configStamp = FileStamp.of(configFile)
            let profile = try source.profile()
            guard let tokenValue = profile.value("security_token_file"), !tokenValue.value.isEmpty else {
                throw profile.error(.missingConfigValue, "security_token_file is not set, so this is not a session-token profile (use OCIConfigProfileIdentityProvider for an API key)", at: profile.value("security_token_file"))
            }
            let files = source.files(of: profile)
            let before = [configStamp] + FileStamp.of(Array(files.dropFirst()))
            let loaded = try source.load(profile)
            lastFiles = files
            guard FileStamp.of(files) == before else {
                logger?.debug("a session file changed while it was read; reading again")
                continue
            }
            let snapshot = Snapshot(identity: loaded.identity, files: files, stamps: before,
                                    tokenFile: source.environment.expandingTilde(tokenValue.value), profile: profile.name,
                                    token: loaded.credentials.sessionToken)
            current = snapshot
            logger?.debug("loaded the signing identity", metadata: ["identity": "\(loaded.identity.logSummary)"])
            return loaded.identity
        }
        throw OCISigningError(.identityUnavailable, "the session token, key or config file changed during each of \(Self.readAttempts) reads (\(lastFiles.joined(separator: ", "))); try again once `oci session` has finished writing them")
    }

    /// `sessionTokenExpired` once the token's `exp` has passed.
    private static func checkExpiry(_ snapshot: Snapshot, now: HTTPDate) throws(OCISigningError) {
        guard snapshot.identity.isExpired(at: now), let expiry = snapshot.identity.expiresAt else { return }
        let ago = now.secondsSince1970 - expiry.secondsSince1970
        throw OCISigningError(.sessionTokenExpired, "profile [\(snapshot.profile)]: the session token expired at \(iso8601(expiry.secondsSince1970)) (\(roughSpan(ago)) ago); run `oci session refresh --profile \(snapshot.profile)` or `oci session authenticate`", path: snapshot.tokenFile)
    }
}
