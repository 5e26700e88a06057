import Foundation
import Logging
import OCICredentials
import OCISigning

/// How one resource-principal identity is obtained for each version: read from the variables
/// (v2.2), fetched by the host's instance principal (v1.1), or exchanged for the parent's token
/// by a leaf of either kind (v3.0). ``OCIResourcePrincipalProvider`` caches and refreshes what
/// this loads.
struct OCIResourcePrincipalLoader: Sendable {
    /// The variable names beyond the v2.2 and v1.1 sets.
    enum Names {
        static let leafSuffix = "_FOR_LEAF_RESOURCE"
        static let leafVersion = "OCI_RESOURCE_PRINCIPAL_VERSION_FOR_LEAF_RESOURCE"
        static let parentRPTURL = "OCI_RESOURCE_PRINCIPAL_RPT_URL_FOR_PARENT_RESOURCE"
        static let parentRPSTEndpoint = "OCI_RESOURCE_PRINCIPAL_RPST_ENDPOINT_FOR_PARENT_RESOURCE"
    }

    /// What a load produced; `instance` is the instance identity a v1.1 exchange signed with.
    struct Loaded: Sendable {
        let identity: OCISigningIdentity
        let instance: OCISigningIdentity?
    }

    let version: OCIResourcePrincipalVersion
    /// v3.0 only: the leaf's version (2.2 or 1.1).
    let leafVersion: OCIResourcePrincipalVersion?
    let configuration: OCIResourcePrincipalConfiguration
    let exchange: OCIResourcePrincipalTokenExchange
    /// v1.1, or a v3.0 leaf of version 1.1: the instance-principal exchange.
    let federation: OCIResourcePrincipalFederation?
    let clock: @Sendable () -> HTTPDate
    let logger: Logger?

    /// Checks the version and its variables (no file or network) and prepares the exchanges.
    init(configuration: OCIResourcePrincipalConfiguration, transport: any OCIHTTPTransport, clock: @escaping @Sendable () -> HTTPDate,
         sessionKeys: @escaping @Sendable () throws(OCISigningError) -> OCIPrivateKey, logger: Logger?) throws(OCISigningError) {
        let environment = configuration.environment
        version = try OCIResourcePrincipalVersion(environment: environment)
        leafVersion = version == .v3_0 ? try Self.checkedLeafVersion(environment) : nil
        let suffix = version == .v3_0 ? Names.leafSuffix : ""
        exchange = OCIResourcePrincipalTokenExchange(transport: transport, timeout: configuration.exchangeTimeout,
                                                     retry: configuration.exchangeRetry, logger: logger)
        if version == .v1_1 || leafVersion == .v1_1 {
            let purpose = version == .v1_1 ? "resource principal v1.1" : "a resource principal v3.0 leaf of version 1.1"
            let settings = try OCIResourcePrincipalV11Settings(.init(suffix: suffix), in: environment, purpose: purpose)
            federation = try OCIResourcePrincipalFederation(
                settings: settings, instanceConfiguration: configuration.instancePrincipal ?? OCIInstancePrincipalConfiguration(environment: environment),
                transport: transport, exchange: exchange, clock: clock, sessionKeys: sessionKeys, logger: logger)
        } else {
            try OCIResourcePrincipalV22Material.check(.init(suffix: suffix), in: environment, purpose: Self.v22Purpose(suffix))
            federation = nil
        }
        if version == .v3_0 {
            let leafRegionKnown = leafVersion == .v1_1
                || OCIResourcePrincipalSetting(OCIResourcePrincipalV22Material.Names(suffix: suffix).region, in: environment) != nil
            try Self.checkParent(environment, leafRegionKnown: leafRegionKnown)
        }
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
    }

    static func v22Purpose(_ suffix: String) -> String { suffix.isEmpty ? "resource principal v2.2" : "the leaf of resource principal v3.0" }

    /// One identity, dated `now`; `renewing` is the instance identity to replace (v1.1, after a rejection).
    func load(now: HTTPDate, renewing: OCISigningIdentity?) async throws(OCISigningError) -> Loaded {
        switch version {
        case .v1_1:
            let result = try await federation!.exchange(now: now, renewing: renewing, delegationToken: configuration.delegationToken)
            try checkNotExpired(result.identity, from: result.identity.source)
            return Loaded(identity: result.identity, instance: result.instance)
        case .v3_0:
            return try await loadNested(now: now, renewing: renewing)
        default:
            return Loaded(identity: try readV22(suffix: "", now: now, delegationToken: configuration.delegationToken), instance: nil)
        }
    }

    /// The v2.2 variables (or their leaf twins) as an identity.
    func readV22(suffix: String, now: HTTPDate, delegationToken: String?) throws(OCISigningError) -> OCISigningIdentity {
        let label = suffix.isEmpty ? "resource principal v2.2" : "resource principal v3.0 leaf"
        let material = try OCIResourcePrincipalV22Material.read(.init(suffix: suffix), in: configuration.environment, purpose: Self.v22Purpose(suffix))
        let identity = OCISigningIdentity(
            keyID: "ST$" + material.token, privateKey: material.privateKey, kind: .resourcePrincipal,
            source: "\(label) from \(material.origin)", expiresAt: material.claims.expiresAt,
            region: material.region?.id, tenancy: material.claims.stringClaims["res_tenant"],
            delegationToken: delegationToken, obtainedAt: now)
        try checkNotExpired(identity, from: material.origin)
        logger?.debug("resource principal read", metadata: ["keyId": .string(identity.redactedKeyID), "from": .string(material.origin)])
        return identity
    }

    /// v3.0: the leaf (2.2 read, or 1.1 exchanged), then the parent's token fetched and
    /// exchanged as the leaf; requests are signed with the parent's token and the leaf's key.
    func loadNested(now: HTTPDate, renewing: OCISigningIdentity?) async throws(OCISigningError) -> Loaded {
        let environment = configuration.environment
        let leaf: Loaded
        if let federation {
            let result = try await federation.exchange(now: now, renewing: renewing, delegationToken: nil)
            leaf = Loaded(identity: result.identity, instance: result.instance)
        } else {
            leaf = Loaded(identity: try readV22(suffix: Names.leafSuffix, now: now, delegationToken: nil), instance: nil)
        }
        let leafRegion = leaf.identity.region.map { OCIRegionResolver(environment: environment).resolveOffline($0) }
        let rptURL = try OCIResourcePrincipalSetting.required(Names.parentRPTURL, in: environment, for: "resource principal v3.0").raw.trimmingPythonWhitespace()
        let endpoint = try Self.parentRPSTEndpoint(environment, leafRegion: leafRegion)
        let token = try await exchange.parentSessionToken(rptURL: rptURL, rpstEndpoint: endpoint, leaf: leaf.identity,
                                                          sessionPublicKey: try leaf.identity.privateKey.publicKey, date: now)
        let claims = try OCISecurityTokenClaims(token: token, source: "POST \(endpoint)/v1/resourcePrincipalSessionToken")
        let identity = OCISigningIdentity(
            keyID: "ST$" + token, privateKey: leaf.identity.privateKey, kind: .resourcePrincipal,
            source: "resource principal v3.0: parent token from \(rptURL) via \(endpoint), leaf: \(leaf.identity.source)",
            expiresAt: claims.expiresAt, region: leaf.identity.region, tenancy: claims.stringClaims["res_tenant"],
            delegationToken: configuration.delegationToken, obtainedAt: now)
        try checkNotExpired(identity, from: "POST \(endpoint)/v1/resourcePrincipalSessionToken")
        logger?.debug("resource principal v3.0 exchanged", metadata: ["keyId": .string(identity.redactedKeyID), "rpt": .string(rptURL)])
        return Loaded(identity: identity, instance: leaf.instance)
    }

    func checkNotExpired(_ identity: OCISigningIdentity, from origin: String) throws(OCISigningError) {
        guard let expiresAt = identity.expiresAt, expiresAt.secondsSince1970 <= clock().secondsSince1970 else { return }
        throw OCISigningError(.identityExpired, "the resource principal token from \(origin) expired at \(expiresAt.imfFixdate); the platform should have replaced it (is the clock right?)")
    }

    /// `OCI_RESOURCE_PRINCIPAL_VERSION_FOR_LEAF_RESOURCE`: 2.2 or 1.1.
    static func checkedLeafVersion(_ environment: [String: String]) throws(OCISigningError) -> OCIResourcePrincipalVersion {
        let leafVersion = try OCIResourcePrincipalVersion(environment: environment, variable: Names.leafVersion)
        guard leafVersion == .v2_2 || leafVersion == .v1_1 else {
            throw OCISigningError(.unsupportedResourcePrincipalVersion, "\(Names.leafVersion)=\(leafVersion): a resource principal v3.0 leaf of version \(leafVersion) is not supported (the leaf must be 2.2 or 1.1)")
        }
        return leafVersion
    }

    /// The parent's variables of v3.0, checked without network. Without an explicit parent
    /// endpoint the leaf's region must be known (a 2.2 leaf's variable, or a 1.1 leaf's instance).
    static func checkParent(_ environment: [String: String], leafRegionKnown: Bool) throws(OCISigningError) {
        let url = try OCIResourcePrincipalSetting.required(Names.parentRPTURL, in: environment, for: "resource principal v3.0")
        _ = try OCIRequestURL(url.raw.trimmingPythonWhitespace(), what: Names.parentRPTURL)
        guard OCIResourcePrincipalSetting(Names.parentRPSTEndpoint, in: environment) != nil || !leafRegionKnown else { return }
        _ = try parentRPSTEndpoint(environment, leafRegion: nil)
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
            throw OCISigningError(.missingConfigValue, "\(Names.parentRPSTEndpoint) is not set and the leaf has no region (OCI_RESOURCE_PRINCIPAL_REGION\(Names.leafSuffix)), so the parent's token endpoint is unknown")
        }
        while text.hasSuffix("/") { text.removeLast() }
        _ = try OCIEndpointURL(text, what: Names.parentRPSTEndpoint)
        return text
    }
}
