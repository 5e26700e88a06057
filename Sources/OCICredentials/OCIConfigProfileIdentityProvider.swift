import Logging
import OCISigning

/// Signs as a profile of an OCI config file (`~/.oci/config`): the profile's key id and key,
/// with its region and tenancy, loaded on first use through ``OCICredentials/load(profile:configFile:passphrase:environment:readCLIVariables:)``.
///
/// The profile is read once and kept. After a `401` the adapters call
/// ``refresh(afterRejectionOf:)``, which re-reads the profile once per rejected identity (the
/// user may have fixed the fingerprint or rotated the key): when the re-read gives the same
/// credential, the rejected identity is returned unchanged and the request is not retried.
///
/// A `security_token_file` profile works too, but its token is only re-read after a rejection
/// or once it has expired; ``OCISessionTokenIdentityProvider`` notices `oci session refresh`
/// as soon as it happens.
///
/// ```swift
/// let provider = OCIConfigProfileIdentityProvider(profile: "DEFAULT")
/// let signed = try await provider.sign(request)
/// ```
public actor OCIConfigProfileIdentityProvider: OCIIdentityProvider {
    private let source: ProfileIdentitySource
    private let logger: Logger?
    private var loaded: OCISigningIdentity?
    /// The last identity whose rejection made this provider re-read the profile.
    private var answeredRejection: OCISigningIdentity?

    /// Creates a provider; nothing is read until the first ``identity()``.
    ///
    /// - Parameters:
    ///   - profile: The profile; `nil` means `OCI_CLI_PROFILE` when `readCLIVariables`, else `DEFAULT`.
    ///   - configFile: An explicit config file; `nil` to search where the SDKs look.
    ///   - passphrase: Where the key's pass phrase may come from.
    ///   - environment: Variables, home directory and clock.
    ///   - readCLIVariables: Also honour the OCI CLI's variables.
    ///   - logger: Where to log loads and refreshes (debug level; never a key, pass phrase or token).
    public init(profile: String? = nil, configFile: String? = nil, passphrase: PassphraseOptions = PassphraseOptions(),
                environment: CredentialEnvironment = .process, readCLIVariables: Bool = false, logger: Logger? = nil) {
        source = ProfileIdentitySource(profileName: profile, configFile: configFile, passphrase: passphrase,
                                       environment: environment, readCLIVariables: readCLIVariables)
        self.logger = logger
    }

    /// The profile's identity, read on first use (and again once a session token in it expired).
    /// - Throws: The errors of `OCICredentials.load`, naming the file, line and profile.
    public func identity() async throws(OCISigningError) -> OCISigningIdentity {
        if let loaded, !loaded.isExpired(at: source.now) { return loaded }
        return try read(because: loaded == nil ? "first use" : "the loaded identity expired")
    }

    /// Re-reads the profile once for `rejected`; returns `rejected` itself when the profile still
    /// gives the same credential (nothing to retry with).
    public func refresh(afterRejectionOf rejected: OCISigningIdentity) async throws(OCISigningError) -> OCISigningIdentity {
        if let loaded, loaded.obtainedAt >= rejected.obtainedAt, !ProfileIdentitySource.sameCredential(loaded, rejected) {
            return loaded
        }
        if let loaded, let answered = answeredRejection, ProfileIdentitySource.sameCredential(answered, rejected),
           answered.obtainedAt == rejected.obtainedAt {
            return ProfileIdentitySource.sameCredential(loaded, rejected) ? rejected : loaded
        }
        let fresh = try read(because: "the service rejected \(rejected.redactedKeyID)")
        answeredRejection = rejected
        guard ProfileIdentitySource.sameCredential(fresh, rejected) else { return fresh }
        logger?.debug("the profile still gives the rejected credential; nothing to retry with")
        return rejected
    }

    private func read(because reason: String) throws(OCISigningError) -> OCISigningIdentity {
        logger?.debug("reading the OCI config profile", metadata: ["reason": "\(reason)"])
        let identity = try source.load(source.profile()).identity
        loaded = identity
        logger?.debug("loaded the signing identity", metadata: ["identity": "\(identity.logSummary)"])
        return identity
    }
}
