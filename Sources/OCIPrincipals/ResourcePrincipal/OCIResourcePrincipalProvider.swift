import Foundation
import Logging
import OCICredentials
import OCISigning

/// Resource principals: signs as the OCI resource (a function, a Data Science job or notebook,
/// a Data Flow run, a container instance) whose platform describes it in
/// `OCI_RESOURCE_PRINCIPAL_*` variables.
///
/// - **v2.2**: `OCI_RESOURCE_PRINCIPAL_RPST` (the resource principal session token) and
///   `OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM` (its key, optionally encrypted with
///   `OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM_PASSPHRASE`), each a value or an absolute path to a file
///   holding it; `OCI_RESOURCE_PRINCIPAL_REGION` optional. No network. keyId `ST$<rpst>`.
/// - **v3.0** (nested): the leaf's v2.2 (or v1.1) variables with the `_FOR_LEAF_RESOURCE` suffix; the leaf
///   fetches its parent's token from `OCI_RESOURCE_PRINCIPAL_RPT_URL_FOR_PARENT_RESOURCE` and
///   exchanges it at `OCI_RESOURCE_PRINCIPAL_RPST_ENDPOINT_FOR_PARENT_RESOURCE`; requests are then
///   signed with keyId `ST$<parent rpst>` and the **leaf** key.
/// - **v1.1**: the host's instance principal fetches the resource's token from
///   `OCI_RESOURCE_PRINCIPAL_RPT_ENDPOINT` + `OCI_RESOURCE_PRINCIPAL_RPT_PATH` and exchanges it at
///   `OCI_RESOURCE_PRINCIPAL_RPST_ENDPOINT` (default: the region's auth endpoint) for a session
///   token bound to a new key; requests are signed with `ST$<rpst>` and that key. A v3.0 leaf
///   may be of this version too.
/// - 2.1.x is refused with `unsupportedResourcePrincipalVersion`.
///
/// Refresh: the variables and files are read again (v2.2) or the exchange is made again (v3.0, v1.1)
/// when the token is within ``OCIResourcePrincipalConfiguration/refreshWindow`` of its `exp`,
/// and after a service `401` (``refresh(afterRejectionOf:)``; when the files still hold the
/// rejected token, the rejected identity is returned so the caller does not retry in vain).
/// An expired token is never handed out (`identityExpired`). Concurrent callers share one load.
public actor OCIResourcePrincipalProvider: OCIIdentityProvider {
    typealias Names = OCIResourcePrincipalLoader.Names

    /// The version the environment selects.
    public nonisolated let version: OCIResourcePrincipalVersion
    let configuration: OCIResourcePrincipalConfiguration
    let loader: OCIResourcePrincipalLoader
    let clock: @Sendable () -> HTTPDate

    private var current: OCISigningIdentity?
    /// The instance identity behind `current` (v1.1), replaced after a rejection.
    private var instance: OCISigningIdentity?
    private var flight = OCISingleFlight<OCIResourcePrincipalLoader.Loaded>()
    /// How many times the variables were read (v2.2) or the exchange made (v3.0, v1.1).
    public private(set) var loadCount = 0

    /// Creates a provider, checking the version and that its variables are present and agree;
    /// files are read, and the v3.0 and v1.1 exchanges made, on the first ``identity()``.
    ///
    /// - Parameters:
    ///   - configuration: The environment, delegation token, refresh window, exchange limits and
    ///     (v1.1) the instance principal's settings.
    ///   - transport: The HTTP transport of the v3.0 and v1.1 exchanges (unused by v2.2).
    ///   - clock: The clock of `date` headers and expiry decisions (injectable).
    ///   - sessionKeys: v1.1: makes the instance principal's session key, then the resource
    ///     principal's, at each exchange (RSA-2048 by default; injectable for known-answer tests).
    ///   - logger: Debug logs of variable names, URLs and redacted key ids; never secrets.
    /// - Throws: `missingConfigValue` naming a missing variable, `unsupportedResourcePrincipalVersion`
    ///   naming the version, `invalidConfigValue` for contradictory variables or a relative path,
    ///   `invalidEndpoint` for a malformed URL.
    public init(configuration: OCIResourcePrincipalConfiguration = .init(), transport: any OCIHTTPTransport = OCIURLSessionTransport(),
                clock: @escaping @Sendable () -> HTTPDate = { .now() },
                sessionKeys: @escaping @Sendable () throws(OCISigningError) -> OCIPrivateKey = { () throws(OCISigningError) in try .generateRSA(bits: 2048) },
                logger: Logger? = nil) throws(OCISigningError) {
        let environment = configuration.environment
        do {
            loader = try OCIResourcePrincipalLoader(configuration: configuration, transport: transport, clock: clock,
                                                    sessionKeys: sessionKeys, logger: logger)
        } catch where error.code == .missingConfigValue {
            let version = environment[OCIResourcePrincipalVersion.variable]?.trimmingPythonWhitespace()
            let hint = version != "3.0" && environment.keys.contains(where: { $0.hasSuffix(Names.leafSuffix) })
                ? " (the *\(Names.leafSuffix) variables of version 3.0 are set: is \(OCIResourcePrincipalVersion.variable) meant to be 3.0?)" : ""
            throw OCISigningError(error.code, error.reason + hint)
        }
        version = loader.version
        self.configuration = configuration
        self.clock = clock
    }

    /// The current identity, read (or exchanged) first when there is none or it is due.
    public func identity() async throws(OCISigningError) -> OCISigningIdentity {
        if let current, !isDue(current) { return current }
        return try await loadOnce(renewing: nil)
    }

    /// After a rejection: an identity obtained since, else a new read (or exchange; v1.1 also
    /// federates the instance principal again). When that still gives the rejected token and
    /// key, `rejected` itself: there is nothing to retry with.
    public func refresh(afterRejectionOf rejected: OCISigningIdentity) async throws(OCISigningError) -> OCISigningIdentity {
        if let current, current.obtainedAt >= rejected.obtainedAt, !Self.sameCredential(current, rejected), !isDue(current) {
            return current
        }
        let fresh = try await loadOnce(renewing: instance)
        return Self.sameCredential(fresh, rejected) ? rejected : fresh
    }

    /// Same key id and same public key: a re-read that found nothing new.
    static func sameCredential(_ one: OCISigningIdentity, _ other: OCISigningIdentity) -> Bool {
        guard one.keyID == other.keyID, one.delegationToken == other.delegationToken else { return false }
        let first = try? one.privateKey.publicKey.derRepresentation
        return first != nil && first == (try? other.privateKey.publicKey.derRepresentation)
    }

    /// Due `refreshWindow` seconds before `exp`, or at half the lifetime when that is shorter.
    func isDue(_ identity: OCISigningIdentity) -> Bool {
        guard let expiresAt = identity.expiresAt else { return false }
        let lifetime = expiresAt.secondsSince1970 - identity.obtainedAt.secondsSince1970
        let lead = min(configuration.refreshWindow, max(0, lifetime / 2))
        return clock().secondsSince1970 >= expiresAt.secondsSince1970 - lead
    }

    private func loadOnce(renewing: OCISigningIdentity?) async throws(OCISigningError) -> OCISigningIdentity {
        guard flight.begin() else { return try await withCheckedContinuation { flight.wait($0) }.get().identity }
        let result: Result<OCIResourcePrincipalLoader.Loaded, OCISigningError>
        do throws(OCISigningError) { result = .success(try await loader.load(now: clock(), renewing: renewing)) } catch { result = .failure(error) }
        if case .success(let loaded) = result {
            current = loaded.identity
            instance = loaded.instance
            loadCount += 1
        }
        flight.end(result)
        return try result.get().identity
    }
}
