import Foundation
import Logging
import OCISigning

/// Makes the HTTPS transport of the proxymux exchange, trusting **only** the certificate
/// authorities in the file at the given path (never the system store).
public typealias OCITrustAnchoredTransportFactory = @Sendable (_ certificateAuthorityFile: String) throws(OCISigningError) -> any OCIHTTPTransport

/// OKE workload identity: signs as a Kubernetes service account of an Oracle Kubernetes Engine
/// cluster, with no key on disk.
///
/// For every exchange it re-reads the service-account token (refusing an expired one),
/// generates a fresh RSA-2048 session key and posts its public half to the in-cluster proxymux
/// at `https://$KUBERNETES_SERVICE_HOST:12250/resourcePrincipalSessionTokens`, over TLS that
/// trusts only the cluster CA (`ca.crt`). The answer's RPST signs with keyId `ST$<rpst>` and
/// that session key.
///
/// Refresh: a new exchange once half the token's lifetime has passed (Python's
/// `get_security_token()` rule; ``OCIOKEWorkloadIdentityConfiguration/refreshAtHalfLife``), at
/// expiry, and after a service `401` (``refresh(afterRejectionOf:)``). Concurrent callers share
/// one exchange.
///
/// URLSession on Linux cannot restrict TLS trust to one CA, so the default transport factory
/// needs the `AsyncHTTPClient` trait; without it, creating the provider fails with
/// `unsupportedAuthMethod` saying how to build with it.
public actor OCIOKEWorkloadIdentityProvider: OCIIdentityProvider {
    let configuration: OCIOKEWorkloadIdentityConfiguration
    let endpoint: String
    /// Whether a `401` re-exchanges (`OCI_OKE_WORKLOAD_REFRESH_ENABLED`, read once at creation).
    let refreshesAfterRejection: Bool
    let transport: any OCIHTTPTransport
    let clock: @Sendable () -> HTTPDate
    let sessionKeys: @Sendable () throws(OCISigningError) -> OCIPrivateKey
    let requestIDs: @Sendable () -> String
    let logger: Logger?

    private var current: OCISigningIdentity?
    private var flight = OCISingleFlight<Exchanged>()

    /// One exchange's identity and the token's `iat`.
    struct Exchanged: Sendable {
        let identity: OCISigningIdentity
        let issuedAt: HTTPDate
    }
    /// The current token's `iat`: its half-life is measured from it, as in Python.
    private var currentIssuedAt: HTTPDate?
    /// How many exchanges completed (for diagnostics and tests).
    public private(set) var exchangeCount = 0

    /// Creates a provider; nothing is read or sent until the first ``identity()``.
    ///
    /// - Parameters:
    ///   - configuration: Paths, host, port, region and refresh rule.
    ///   - transportFactory: Makes the transport that trusts only the CA file; the default is
    ///     the AsyncHTTPClient transport (with the trait) and fails without it.
    ///   - clock: Refresh decisions and the service-account token's expiry check.
    ///   - sessionKeys: Makes each exchange's session key (injectable for known-answer tests).
    ///   - requestIDs: Makes each `opc-request-id` (Python's `32hex/32hex/32hex` by default).
    ///   - logger: Debug logs of the endpoint and redacted key ids; never a token.
    /// - Throws: `missingConfigValue` without `KUBERNETES_SERVICE_HOST`, `invalidConfigValue`
    ///   for a bad port or `OCI_OKE_WORKLOAD_REFRESH_ENABLED` value, the factory's error
    ///   (`unsupportedAuthMethod` without the trait).
    public init(configuration: OCIOKEWorkloadIdentityConfiguration = .init(),
                transportFactory: OCITrustAnchoredTransportFactory = OCIOKEWorkloadIdentityProvider.defaultTransportFactory,
                clock: @escaping @Sendable () -> HTTPDate = { .now() },
                sessionKeys: @escaping @Sendable () throws(OCISigningError) -> OCIPrivateKey = { () throws(OCISigningError) in try .generateRSA(bits: 2048) },
                requestIDs: @escaping @Sendable () -> String = OCIOKEWorkloadIdentityProvider.pythonRequestID,
                logger: Logger? = nil) throws(OCISigningError) {
        self.configuration = configuration
        // The transport first: a build that cannot pin the CA refuses before anything else.
        transport = try transportFactory(configuration.resolvedCertificateAuthorityPath.path)
        endpoint = try configuration.resolvedEndpoint()
        refreshesAfterRejection = try configuration.resolvedRefreshAfterRejection()
        self.clock = clock
        self.sessionKeys = sessionKeys
        self.requestIDs = requestIDs
        self.logger = logger
    }

    /// The proxymux URL, the token file and the CA file, each with where it came from.
    public nonisolated var endpoints: (proxymux: String, serviceAccountToken: String, certificateAuthority: String) {
        let token = configuration.resolvedServiceAccountTokenPath
        let authority = configuration.resolvedCertificateAuthorityPath
        return (endpoint, "\(token.path) (\(token.source))", "\(authority.path) (\(authority.source))")
    }

    /// The current identity, exchanging first when there is none or it is due.
    public func identity() async throws(OCISigningError) -> OCISigningIdentity {
        if let current, !isDue(current) { return current }
        return try await exchangeOnce()
    }

    /// A new identity after a service rejected `rejected`: the current one if another task
    /// already replaced it, else a fresh exchange.
    ///
    /// With refresh after rejection disabled (`OCI_OKE_WORKLOAD_REFRESH_ENABLED=false`, or
    /// ``OCIOKEWorkloadIdentityConfiguration/refreshAfterRejection``), `rejected` itself: nothing
    /// is exchanged and adapters do not retry, as in Python.
    public func refresh(afterRejectionOf rejected: OCISigningIdentity) async throws(OCISigningError) -> OCISigningIdentity {
        guard refreshesAfterRejection else {
            logger?.debug("OKE workload identity: not re-exchanging after a rejection (OCI_OKE_WORKLOAD_REFRESH_ENABLED=false or refreshAfterRejection: false)",
                          metadata: ["keyId": .string(rejected.redactedKeyID)])
            return rejected
        }
        if let current, current.keyID != rejected.keyID, !isDue(current) { return current }
        return try await exchangeOnce()
    }

    /// Due at expiry, and (by default) once `now ≥ iat + (exp − iat) / 2`, Python's
    /// `valid_with_half_expiration_time`.
    func isDue(_ identity: OCISigningIdentity) -> Bool {
        guard let expiresAt = identity.expiresAt else { return false }
        let now = clock().secondsSince1970
        if now >= expiresAt.secondsSince1970 { return true }
        guard configuration.refreshAtHalfLife, identity.keyID == current?.keyID, let issued = currentIssuedAt?.secondsSince1970 else { return false }
        return Double(now) + Double(expiresAt.secondsSince1970 - issued) / 2 >= Double(expiresAt.secondsSince1970)
    }

    private func exchangeOnce() async throws(OCISigningError) -> OCISigningIdentity {
        guard flight.begin() else { return try await withCheckedContinuation { flight.wait($0) }.get().identity }
        let result: Result<Exchanged, OCISigningError>
        do throws(OCISigningError) {
            let exchanged = try await exchange()
            result = .success(Exchanged(identity: exchanged.identity, issuedAt: exchanged.issuedAt))
        } catch { result = .failure(error) }
        if case .success(let exchanged) = result {
            current = exchanged.identity
            currentIssuedAt = exchanged.issuedAt
        }
        flight.end(result)
        return try result.get().identity
    }

    /// One exchange: token file, session key, POST, answer checks.
    private func exchange() async throws(OCISigningError) -> (identity: OCISigningIdentity, issuedAt: HTTPDate) {
        let tokenFile = configuration.resolvedServiceAccountTokenPath
        let serviceAccount = try OCIServiceAccountToken.read(path: tokenFile.path, source: tokenFile.source, now: clock())
        let sessionKey = try sessionKeys()
        let exchange = try OCIProxymuxExchange(endpoint: endpoint, serviceAccountToken: serviceAccount.value,
                                               sessionPublicKey: sessionKey.publicKey, requestID: requestIDs())
        logger?.debug("OKE workload identity exchange", metadata: ["endpoint": .string(endpoint)])
        let response = try await transport.send(exchange.request, body: exchange.body, timeout: configuration.timeout)
        let rpst = try OCIProxymuxExchange.rpst(from: response, endpoint: endpoint)
        let claims = try OCISecurityTokenClaims(token: rpst, source: "POST \(endpoint)")
        guard claims.expiresAt.secondsSince1970 > clock().secondsSince1970 else {
            throw OCISigningError(.identityExpired, "the token from POST \(endpoint) expired at \(claims.expiresAt.imfFixdate), before it could be used (is the clock right?)")
        }
        exchangeCount += 1
        let region = configuration.resolvedRegion.map { OCIRegionResolver(environment: configuration.environment).resolveOffline($0).id }
        let identity = OCISigningIdentity(
            keyID: "ST$" + rpst, privateKey: sessionKey, kind: .okeWorkloadIdentity,
            source: "OKE workload identity at \(endpoint)", expiresAt: claims.expiresAt, region: region,
            tenancy: claims.stringClaims["res_tenant"], obtainedAt: clock())
        logger?.debug("OKE workload identity obtained", metadata: ["keyId": .string(identity.redactedKeyID), "expires": .string(claims.expiresAt.imfFixdate)])
        return (identity, claims.issuedAt ?? identity.obtainedAt)
    }
}

extension OCIOKEWorkloadIdentityProvider {
    /// `opc-request-id` as the Python SDK makes it: three groups of 32 lower-case hex digits.
    public static let pythonRequestID: @Sendable () -> String = {
        (0..<3).map { _ in
            (0..<16).map { _ in
                let byte = UInt8.random(in: 0...255)
                return String(byte >> 4, radix: 16) + String(byte & 0x0F, radix: 16)
            }.joined()
        }.joined(separator: "/")
    }

    /// The AsyncHTTPClient transport trusting only the given CA file; without the
    /// `AsyncHTTPClient` trait it refuses, saying how to get it.
    public static let defaultTransportFactory: OCITrustAnchoredTransportFactory = { (file: String) throws(OCISigningError) -> any OCIHTTPTransport in
        #if AsyncHTTPClient
        return OCIAsyncHTTPClientTransport(trustedCertificateAuthorityFile: file)
        #else
        throw OCISigningError(.unsupportedAuthMethod, "oke_workload_identity needs TLS that trusts only the cluster CA \(file), which URLSession on Linux cannot do: build with `swift build --traits AsyncHTTPClient`")
        #endif
    }
}
