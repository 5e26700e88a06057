import Foundation
import Logging
import OCISigning

/// Instance principals: signs as the compute instance, with no key on disk.
///
/// Reads the instance's certificate, key and intermediates from IMDS v2, generates a fresh
/// RSA-2048 session key, federates them at `POST {auth}/v1/x509` exactly as Oracle's Python SDK
/// does, and hands out identities with keyId `ST$<token>` and that session key. The token and
/// the key always come from the same exchange.
///
/// Refresh follows the Python SDK: before handing out an identity, re-federate when
/// `now > exp − 60 s` (minus the optional ``OCIInstancePrincipalConfiguration/refreshMargin``);
/// after a service `401`, ``refresh(afterRejectionOf:)`` re-federates once. The provider is an
/// actor with its own single flight: any number of concurrent callers that find the token due
/// share one federation. A tenancy that changes between federations is an error (`tenancyChanged`).
public actor OCIInstancePrincipalProvider: OCIIdentityProvider {
    /// Python's rule: a token is due for refresh this many seconds before `exp`.
    public static let pythonRefreshWindow: Int64 = 60

    let configuration: OCIInstancePrincipalConfiguration
    let metadata: OCIInstanceMetadataClient
    let federation: OCIX509FederationClient
    let clock: @Sendable () -> HTTPDate
    let sessionKeys: @Sendable () throws(OCISigningError) -> OCIPrivateKey
    let logger: Logger?

    private var current: OCISigningIdentity?
    private var flight = OCISingleFlight<OCISigningIdentity>()
    private var tenancy: String?
    private var region: OCIResolvedRegion?
    /// How many federations completed (for diagnostics and tests).
    public private(set) var federationCount = 0

    /// Creates a provider; nothing is fetched until the first ``identity()``.
    ///
    /// - Parameters:
    ///   - configuration: Endpoints, overrides, timeouts and retries.
    ///   - transport: The HTTP transport for IMDS and the auth service.
    ///   - clock: The clock for the `date` header and refresh decisions (injectable).
    ///   - sessionKeys: Makes each federation's session key (RSA-2048 by default; injectable
    ///     for known-answer tests).
    ///   - logger: Debug logs of URLs, statuses and redacted key ids; never secrets.
    /// - Throws: `invalidEndpoint` for a malformed metadata URL.
    public init(configuration: OCIInstancePrincipalConfiguration = .init(), transport: any OCIHTTPTransport = OCIURLSessionTransport(),
                clock: @escaping @Sendable () -> HTTPDate = { .now() },
                sessionKeys: @escaping @Sendable () throws(OCISigningError) -> OCIPrivateKey = { () throws(OCISigningError) in try .generateRSA(bits: 2048) },
                logger: Logger? = nil) throws(OCISigningError) {
        self.configuration = configuration
        metadata = try OCIInstanceMetadataClient(baseURL: configuration.metadataBaseURL, environment: configuration.environment,
                                                 transport: transport, timeout: configuration.metadataTimeout,
                                                 retry: configuration.metadataRetry, logger: logger)
        federation = OCIX509FederationClient(transport: transport, timeout: configuration.federationTimeout,
                                             retry: configuration.federationRetry, logger: logger)
        self.clock = clock
        self.sessionKeys = sessionKeys
        self.logger = logger
    }

    /// The current identity, federating first when there is none or it is due.
    public func identity() async throws(OCISigningError) -> OCISigningIdentity {
        if let current, !isDue(current) { return current }
        return try await federateOnce()
    }

    /// A new identity after a service rejected `rejected`: the current one if another task has
    /// already replaced `rejected`, else a fresh federation.
    public func refresh(afterRejectionOf rejected: OCISigningIdentity) async throws(OCISigningError) -> OCISigningIdentity {
        if let current, current.keyID != rejected.keyID, !isDue(current) { return current }
        return try await federateOnce()
    }

    /// The resolved region and federation endpoint (reading IMDS `instance/region` if needed).
    public func endpoints() async throws(OCISigningError) -> (region: OCIResolvedRegion, federation: String, federationSource: String, metadata: String) {
        let region = try await resolvedRegion()
        let federation = configuration.resolvedFederationEndpoint(region: region)
        return (region, federation.url, federation.source, metadata.baseURL)
    }

    func isDue(_ identity: OCISigningIdentity) -> Bool {
        guard let expiresAt = identity.expiresAt else { return false }
        return clock().secondsSince1970 > expiresAt.secondsSince1970 - Self.pythonRefreshWindow - configuration.refreshMargin
    }

    /// Joins the federation in flight, or starts one. Callers arriving while it runs share it.
    private func federateOnce() async throws(OCISigningError) -> OCISigningIdentity {
        guard flight.begin() else { return try await withCheckedContinuation { flight.wait($0) }.get() }
        let result: Result<OCISigningIdentity, OCISigningError>
        do throws(OCISigningError) { result = .success(try await federate()) } catch { result = .failure(error) }
        if case .success(let identity) = result { current = identity }
        flight.end(result)
        return try result.get()
    }

    private func resolvedRegion() async throws(OCISigningError) -> OCIResolvedRegion {
        if let region { return region }
        let name: String
        if let given = configuration.region, !given.isEmpty { name = given } else { name = try await metadata.region() }
        let resolved = OCIRegionResolver(environment: configuration.environment).resolveOffline(name)
        region = resolved
        return resolved
    }

    /// One federation: region (first time), IMDS identity, session key, POST, token checks.
    private func federate() async throws(OCISigningError) -> OCISigningIdentity {
        let region = try await resolvedRegion()
        let endpoint = configuration.resolvedFederationEndpoint(region: region).url
        let material = try await OCIInstanceIdentityMaterial.read(from: metadata)
        if let tenancy, tenancy != material.tenancy {
            throw OCISigningError(.tenancyChanged, "the tenancy in the instance certificate from \(metadata.url("identity/cert.pem")) changed from \(tenancy) to \(material.tenancy); instance principals cannot move between tenancies")
        }
        let sessionKey = try sessionKeys()
        let now = clock()
        let request = try OCIX509FederationRequest(
            endpoint: endpoint, leafCertificatePEM: material.leafCertificatePEM, leafPrivateKey: material.leafPrivateKey,
            intermediateCertificatesPEM: [material.intermediateCertificatesPEM], sessionPublicKey: sessionKey.publicKey,
            tenancy: material.tenancy, date: now, purpose: configuration.purpose)
        let token = try await federation.token(for: request, endpoint: endpoint)
        let claims = try OCISecurityTokenClaims(token: token, source: "POST \(endpoint)")
        guard claims.expiresAt.secondsSince1970 > clock().secondsSince1970 else {
            throw OCISigningError(.identityExpired, "the token from POST \(endpoint) expired at \(claims.expiresAt.imfFixdate), before it could be used (is the clock right?)")
        }
        tenancy = material.tenancy
        federationCount += 1
        let identity = OCISigningIdentity(
            keyID: "ST$" + token, privateKey: sessionKey, kind: .instancePrincipal,
            source: "instance metadata at \(metadata.baseURL), federated at \(endpoint)", expiresAt: claims.expiresAt,
            region: region.id, tenancy: material.tenancy, delegationToken: configuration.delegationToken, obtainedAt: now)
        logger?.debug("instance principal federated", metadata: ["keyId": .string(identity.redactedKeyID), "expires": .string(claims.expiresAt.imfFixdate)])
        return identity
    }
}
