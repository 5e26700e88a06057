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
/// - **v3.0** (nested): the leaf's v2.2 variables with the `_FOR_LEAF_RESOURCE` suffix; the leaf
///   fetches its parent's token from `OCI_RESOURCE_PRINCIPAL_RPT_URL_FOR_PARENT_RESOURCE` and
///   exchanges it at `OCI_RESOURCE_PRINCIPAL_RPST_ENDPOINT_FOR_PARENT_RESOURCE`; requests are then
///   signed with keyId `ST$<parent rpst>` and the **leaf** key.
/// - 1.1 and 2.1.x are refused with `unsupportedResourcePrincipalVersion`.
///
/// Refresh: the variables and files are read again (v2.2) or the exchange is made again (v3.0)
/// when the token is within ``OCIResourcePrincipalConfiguration/refreshWindow`` of its `exp`,
/// and after a service `401` (``refresh(afterRejectionOf:)``; when the files still hold the
/// rejected token, the rejected identity is returned so the caller does not retry in vain).
/// An expired token is never handed out (`identityExpired`). Concurrent callers share one load.
public actor OCIResourcePrincipalProvider: OCIIdentityProvider {
    /// The variable names beyond the v2.2 set.
    enum Names {
        static let leafSuffix = "_FOR_LEAF_RESOURCE"
        static let leafVersion = "OCI_RESOURCE_PRINCIPAL_VERSION_FOR_LEAF_RESOURCE"
        static let parentRPTURL = "OCI_RESOURCE_PRINCIPAL_RPT_URL_FOR_PARENT_RESOURCE"
        static let parentRPSTEndpoint = "OCI_RESOURCE_PRINCIPAL_RPST_ENDPOINT_FOR_PARENT_RESOURCE"
    }

    /// The version the environment selects.
    public nonisolated let version: OCIResourcePrincipalVersion
    let configuration: OCIResourcePrincipalConfiguration
    let exchange: OCIResourcePrincipalTokenExchange
    let clock: @Sendable () -> HTTPDate
    let logger: Logger?

    private var current: OCISigningIdentity?
    private var inFlight: Task<Result<OCISigningIdentity, OCISigningError>, Never>?
    /// How many times the variables were read (v2.2) or the exchange made (v3.0).
    public private(set) var loadCount = 0

    /// Creates a provider, checking the version and that its variables are present and agree;
    /// files are read, and the v3.0 exchange is made, on the first ``identity()``.
    ///
    /// - Parameters:
    ///   - configuration: The environment, delegation token, refresh window and exchange limits.
    ///   - transport: The HTTP transport of the v3.0 exchange (unused by v2.2).
    ///   - clock: The clock of `date` headers and expiry decisions (injectable).
    ///   - logger: Debug logs of variable names, URLs and redacted key ids; never secrets.
    /// - Throws: `missingConfigValue` naming a missing variable, `unsupportedResourcePrincipalVersion`
    ///   naming the version, `invalidConfigValue` for contradictory variables or a relative path,
    ///   `invalidEndpoint` for a malformed v3.0 URL.
    public init(configuration: OCIResourcePrincipalConfiguration = .init(), transport: any OCIHTTPTransport = OCIURLSessionTransport(),
                clock: @escaping @Sendable () -> HTTPDate = { .now() }, logger: Logger? = nil) throws(OCISigningError) {
        let environment = configuration.environment
        version = try OCIResourcePrincipalVersion(environment: environment)
        do {
            try Self.checkVariables(version, environment)
        } catch where error.code == .missingConfigValue {
            let hint = version == .v2_2 && environment.keys.contains(where: { $0.hasSuffix(Names.leafSuffix) })
                ? " (the *\(Names.leafSuffix) variables of version 3.0 are set: is \(OCIResourcePrincipalVersion.variable) meant to be 3.0?)" : ""
            throw OCISigningError(error.code, error.reason + hint)
        }
        self.configuration = configuration
        exchange = OCIResourcePrincipalTokenExchange(transport: transport, timeout: configuration.exchangeTimeout,
                                                     retry: configuration.exchangeRetry, logger: logger)
        self.clock = clock
        self.logger = logger
    }

    /// The current identity, read (or exchanged) first when there is none or it is due.
    public func identity() async throws(OCISigningError) -> OCISigningIdentity {
        if let current, !isDue(current) { return current }
        return try await loadOnce()
    }

    /// After a rejection: an identity obtained since, else a new read (or exchange). When that
    /// still gives the rejected token and key, `rejected` itself: there is nothing to retry with.
    public func refresh(afterRejectionOf rejected: OCISigningIdentity) async throws(OCISigningError) -> OCISigningIdentity {
        if let current, current.obtainedAt >= rejected.obtainedAt, !Self.sameCredential(current, rejected), !isDue(current) {
            return current
        }
        let fresh = try await loadOnce()
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

    private func loadOnce() async throws(OCISigningError) -> OCISigningIdentity {
        if let inFlight { return try await inFlight.value.get() }
        let task = Task { () -> Result<OCISigningIdentity, OCISigningError> in
            do throws(OCISigningError) { return .success(try await self.load()) } catch { return .failure(error) }
        }
        inFlight = task
        let result = await task.value
        inFlight = nil
        if case .success(let identity) = result {
            current = identity
            loadCount += 1
        }
        return try result.get()
    }

    private func load() async throws(OCISigningError) -> OCISigningIdentity {
        let environment = configuration.environment
        let now = clock()
        if version == .v3_0 { return try await loadNested(now: now) }
        let material = try OCIResourcePrincipalV22Material.read(.init(), in: environment, purpose: "resource principal v2.2")
        try checkNotExpired(material.claims, from: material.origin)
        let identity = OCISigningIdentity(
            keyID: "ST$" + material.token, privateKey: material.privateKey, kind: .resourcePrincipal,
            source: "resource principal v2.2 from \(material.origin)", expiresAt: material.claims.expiresAt,
            region: material.region?.id, tenancy: material.claims.stringClaims["res_tenant"],
            delegationToken: configuration.delegationToken, obtainedAt: now)
        logger?.debug("resource principal v2.2 read", metadata: ["keyId": .string(identity.redactedKeyID), "from": .string(material.origin)])
        return identity
    }

    private func loadNested(now: HTTPDate) async throws(OCISigningError) -> OCISigningIdentity {
        let environment = configuration.environment
        let leaf = try OCIResourcePrincipalV22Material.read(.init(suffix: Names.leafSuffix), in: environment, purpose: "the leaf of resource principal v3.0")
        try checkNotExpired(leaf.claims, from: leaf.origin)
        let leafIdentity = OCISigningIdentity(keyID: "ST$" + leaf.token, privateKey: leaf.privateKey, kind: .resourcePrincipal,
                                              source: "resource principal v3.0 leaf from \(leaf.origin)", obtainedAt: now)
        let rptURL = try OCIResourcePrincipalSetting.required(Names.parentRPTURL, in: environment, for: "resource principal v3.0").raw.trimmingPythonWhitespace()
        let endpoint = try Self.parentRPSTEndpoint(environment, leafRegion: leaf.region)
        let token = try await exchange.parentSessionToken(rptURL: rptURL, rpstEndpoint: endpoint, leaf: leafIdentity,
                                                          sessionPublicKey: try leaf.privateKey.publicKey, date: now)
        let claims = try OCISecurityTokenClaims(token: token, source: "POST \(endpoint)/v1/resourcePrincipalSessionToken")
        try checkNotExpired(claims, from: "POST \(endpoint)/v1/resourcePrincipalSessionToken")
        let identity = OCISigningIdentity(
            keyID: "ST$" + token, privateKey: leaf.privateKey, kind: .resourcePrincipal,
            source: "resource principal v3.0: parent token from \(rptURL) via \(endpoint), leaf from \(leaf.origin)",
            expiresAt: claims.expiresAt, region: leaf.region?.id, tenancy: claims.stringClaims["res_tenant"],
            delegationToken: configuration.delegationToken, obtainedAt: now)
        logger?.debug("resource principal v3.0 exchanged", metadata: ["keyId": .string(identity.redactedKeyID), "rpt": .string(rptURL)])
        return identity
    }

    private func checkNotExpired(_ claims: OCISecurityTokenClaims, from origin: String) throws(OCISigningError) {
        guard claims.expiresAt.secondsSince1970 > clock().secondsSince1970 else {
            throw OCISigningError(.identityExpired, "the resource principal token from \(origin) expired at \(claims.expiresAt.imfFixdate); the platform should have replaced it (is the clock right?)")
        }
    }

    /// `OCI_RESOURCE_PRINCIPAL_RPST_ENDPOINT_FOR_PARENT_RESOURCE`, else the auth endpoint of the
    /// leaf's region.
    static func parentRPSTEndpoint(_ environment: [String: String], leafRegion: OCIResolvedRegion?) throws(OCISigningError) -> String {
        var text: String
        if let setting = OCIResourcePrincipalSetting(Names.parentRPSTEndpoint, in: environment) {
            text = setting.raw.trimmingPythonWhitespace()
        } else if let leafRegion {
            text = leafRegion.endpoint(service: "auth")
        } else {
            throw OCISigningError(.missingConfigValue, "\(Names.parentRPSTEndpoint) is not set and neither is OCI_RESOURCE_PRINCIPAL_REGION\(Names.leafSuffix), so the parent's token endpoint is unknown")
        }
        while text.hasSuffix("/") { text.removeLast() }
        _ = try OCIEndpointURL(text, what: Names.parentRPSTEndpoint)
        return text
    }

    /// Presence and agreement of the version's variables, without reading files.
    static func checkVariables(_ version: OCIResourcePrincipalVersion, _ environment: [String: String]) throws(OCISigningError) {
        guard version == .v3_0 else {
            try OCIResourcePrincipalV22Material.check(.init(), in: environment, purpose: "resource principal v2.2")
            return
        }
        let leafVersion = try OCIResourcePrincipalVersion(environment: environment, variable: Names.leafVersion)
        guard leafVersion == .v2_2 else {
            throw OCISigningError(.unsupportedResourcePrincipalVersion, "\(Names.leafVersion)=\(leafVersion): a resource principal v3.0 leaf of version \(leafVersion) is not supported (the leaf must be 2.2)")
        }
        let leafNames = OCIResourcePrincipalV22Material.Names(suffix: Names.leafSuffix)
        try OCIResourcePrincipalV22Material.check(leafNames, in: environment, purpose: "the leaf of resource principal v3.0")
        let url = try OCIResourcePrincipalSetting.required(Names.parentRPTURL, in: environment, for: "resource principal v3.0")
        _ = try OCIRequestURL(url.raw.trimmingPythonWhitespace(), what: Names.parentRPTURL)
        let region = OCIResourcePrincipalSetting(leafNames.region, in: environment).map {
            OCIRegionResolver(environment: environment).resolveOffline($0.raw.trimmingPythonWhitespace())
        }
        _ = try parentRPSTEndpoint(environment, leafRegion: region)
    }
}
