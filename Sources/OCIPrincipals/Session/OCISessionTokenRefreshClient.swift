import Foundation
import HTTPTypes
import Logging
import OCICredentials
import OCISigning

/// Refreshes session tokens at the auth service: `POST {auth}/v1/authentication/refresh`
/// (``OCISessionTokenRefreshRequest``), answer `{"token": "<new token>"}`.
///
/// The endpoint is the `endpoint` parameter (a full URL), else `OCI_SDK_AUTH_CLIENT_REGION_URL`
/// (a base URL, as for instance principals) plus `/v1/authentication/refresh`, else
/// `https://auth.{region}.{domain}/v1/authentication/refresh` from the profile's region. One
/// attempt, bounded in time and in response size; a refused refresh is `sessionRefreshFailed`
/// naming the endpoint and the service's error code, never the token.
public struct OCISessionTokenRefreshClient: OCISessionTokenRefresher {
    /// The full refresh URL, when given.
    public let endpoint: String?
    let environment: [String: String]
    let transport: any OCIHTTPTransport
    let timeout: Duration
    let clock: @Sendable () -> HTTPDate
    let logger: Logger?

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - endpoint: The full refresh URL; `nil` to derive it (see the type's documentation).
    ///   - environment: The variables read for `OCI_SDK_AUTH_CLIENT_REGION_URL` and region resolution.
    ///   - transport: The HTTP transport (bounded to ``OCIHTTPLimits/maxResponseBytes`` by default).
    ///   - timeout: The limit for the exchange (Python's tools: 10 s connect + 60 s read).
    ///   - clock: The `date` to sign (injectable for known-answer tests).
    ///   - logger: Debug logs of the URL and status; never the token.
    public init(endpoint: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
                transport: any OCIHTTPTransport = OCIURLSessionTransport(), timeout: Duration = .seconds(60),
                clock: @escaping @Sendable () -> HTTPDate = { .now() }, logger: Logger? = nil) {
        self.endpoint = endpoint
        self.environment = environment
        self.transport = transport
        self.timeout = timeout
        self.clock = clock
        self.logger = logger
    }

    /// The refresh URL for a profile in `region`, and where it came from.
    ///
    /// - Throws: `invalidEndpoint` when there is neither an override nor a region.
    public func resolvedEndpoint(region: String?) throws(OCISigningError) -> (url: String, source: String) {
        if let endpoint, !endpoint.isEmpty { return (endpoint, "parameter") }
        if let base = environment["OCI_SDK_AUTH_CLIENT_REGION_URL"]?.trimmingCharacters(in: .whitespacesAndNewlines), !base.isEmpty {
            var text = base
            while text.hasSuffix("/") { text.removeLast() }
            return (text + OCISessionTokenRefreshRequest.path, "OCI_SDK_AUTH_CLIENT_REGION_URL")
        }
        guard let region, !region.isEmpty else {
            throw OCISigningError(.invalidEndpoint, "the session refresh endpoint is unknown: the profile has no region (set region, or OCI_SDK_AUTH_CLIENT_REGION_URL to the auth service's base URL)")
        }
        let resolved = OCIRegionResolver(environment: environment).resolveOffline(region)
        return (resolved.endpoint(service: "auth") + OCISessionTokenRefreshRequest.path, "region \(resolved.id)")
    }

    /// Posts the refresh and returns the new token; see `OCISessionTokenRefresher` (OCICredentials).
    public func refreshedToken(_ token: SessionToken, privateKey: OCIPrivateKey, region: String?) async throws(OCISigningError) -> String {
        let url = try resolvedEndpoint(region: region).url
        let refresh = try OCISessionTokenRefreshRequest(endpoint: url, currentToken: token.text, privateKey: privateKey, date: clock())
        logger?.debug("session refresh POST", metadata: ["url": .string(url), "keyId": .string(token.redacted)])
        let response: OCIHTTPResponse
        do { response = try await transport.send(refresh.request, body: refresh.body, timeout: timeout) } catch {
            throw OCISigningError(.sessionRefreshFailed, "refreshing the session token: POST \(url) failed: \(error.reason)")
        }
        logger?.debug("session refresh response", metadata: ["url": .string(url), "status": .stringConvertible(response.status)])
        guard response.isSuccess else {
            throw OCISigningError(.sessionRefreshFailed, "refreshing the session token: POST \(url) answered HTTP \(response.status)\(OCIX509FederationClient.serviceError(response.body))")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] else {
            throw OCISigningError(.sessionRefreshFailed, "refreshing the session token: the answer of POST \(url) is not JSON")
        }
        guard let fresh = object["token"] as? String, !fresh.isEmpty else {
            throw OCISigningError(.sessionRefreshFailed, "refreshing the session token: the answer of POST \(url) has no 'token'")
        }
        _ = try OCISecurityTokenClaims(token: fresh, source: "POST \(url)")
        return fresh
    }
}
