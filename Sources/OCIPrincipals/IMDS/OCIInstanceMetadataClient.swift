import Foundation
import HTTPTypes
import Logging
import OCISigning

/// The instance metadata service, version 2: the instance's identity certificate, its key,
/// the intermediate certificate(s) and the region.
///
/// Every GET carries `Authorization: Bearer Oracle`, as IMDS v2 requires. The base URL is
/// `http://169.254.169.254/opc/v2`, replaced by a parameter or by `OCI_METADATA_BASE_URL`
/// (whitespace-only counts as unset; one trailing `/` is removed).
public struct OCIInstanceMetadataClient: Sendable {
    /// IMDS v2 on every OCI instance.
    public static let defaultBaseURL = "http://169.254.169.254/opc/v2"

    /// The base every path is appended to, without a trailing `/`.
    public let baseURL: String
    let scheme: String
    let authority: String
    let basePath: String
    let transport: any OCIHTTPTransport
    /// The limit for one GET (the Python and OCIKit clients use 10 s to connect).
    public let timeout: Duration
    /// Retries for each GET.
    public let retry: OCIRetryPolicy
    let logger: Logger?

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - baseURL: The base URL; `nil` means `OCI_METADATA_BASE_URL`, else ``defaultBaseURL``.
    ///   - environment: The variables to read (the process environment by default).
    ///   - transport: The HTTP transport.
    ///   - timeout: The limit per GET.
    ///   - retry: Retries per GET (``OCIRetryPolicy/metadata`` by default).
    ///   - logger: Debug logging of URLs and statuses (never bodies).
    /// - Throws: `invalidEndpoint` when the URL is not `http(s)://host[:port][/path]`.
    public init(baseURL: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
                transport: any OCIHTTPTransport = OCIURLSessionTransport(), timeout: Duration = .seconds(10),
                retry: OCIRetryPolicy = .metadata, logger: Logger? = nil) throws(OCISigningError) {
        var base = baseURL ?? environment["OCI_METADATA_BASE_URL"].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        if base?.isEmpty ?? true { base = Self.defaultBaseURL }
        var text = base!
        if text.hasSuffix("/") { text.removeLast() }
        let parts = try OCIEndpointURL(text, what: baseURL != nil ? "the metadata base URL" : "OCI_METADATA_BASE_URL")
        self.baseURL = text
        scheme = parts.scheme
        authority = parts.authority
        basePath = parts.path
        self.transport = transport
        self.timeout = timeout
        self.retry = retry
        self.logger = logger
    }

    /// The URL of `path` (`identity/cert.pem`).
    public func url(_ path: String) -> String { "\(baseURL)/\(path)" }

    /// GETs `path` and returns the body text; `step` says what for, in errors.
    ///
    /// - Throws: `metadataUnavailable` naming the URL, the step and the status or the failure.
    public func text(_ path: String, step: String) async throws(OCISigningError) -> String {
        var request = HTTPRequest(method: .get, scheme: scheme, authority: authority, path: "\(basePath)/\(path)")
        request.headerFields[.authorization] = "Bearer Oracle"
        let url = url(path)
        logger?.debug("IMDS GET", metadata: ["url": .string(url), "step": .string(step)])
        let response: OCIHTTPResponse
        do {
            response = try await retry.run(timeout: timeout) { (limit: Duration) async throws(OCISigningError) -> OCIHTTPResponse in
                try await transport.send(request, body: [], timeout: limit)
            }
        } catch {
            throw OCISigningError(.metadataUnavailable, "\(step): GET \(url) failed: \(error.reason) (instance principals work only on OCI compute instances, or with OCI_METADATA_BASE_URL pointing at a metadata service)")
        }
        logger?.debug("IMDS response", metadata: ["url": .string(url), "status": .stringConvertible(response.status)])
        guard response.isSuccess else {
            throw OCISigningError(.metadataUnavailable, "\(step): GET \(url) answered HTTP \(response.status)")
        }
        return response.text
    }

    /// `identity/cert.pem`: the leaf certificate PEM.
    public func leafCertificatePEM() async throws(OCISigningError) -> String {
        try await text("identity/cert.pem", step: "reading the instance certificate")
    }

    /// `identity/key.pem`: the leaf private key PEM. A secret: never logged or shown.
    public func leafPrivateKeyPEM() async throws(OCISigningError) -> String {
        try await text("identity/key.pem", step: "reading the instance private key")
    }

    /// `identity/intermediate.pem`: the intermediate certificate(s) PEM.
    public func intermediateCertificatesPEM() async throws(OCISigningError) -> String {
        try await text("identity/intermediate.pem", step: "reading the intermediate certificate")
    }

    /// `instance/region`: a short code (`phx`) or a region id, trimmed and lower-cased.
    public func region() async throws(OCISigningError) -> String {
        try await text("instance/region", step: "reading the instance region").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// `instance/regionInfo`: the region's realm and domain, for regions not in the table.
    public func regionInfo() async throws(OCISigningError) -> OCIRegionMetadata {
        let text = try await self.text("instance/regionInfo", step: "reading the instance region information")
        return try OCIRegionMetadata(json: Array(text.utf8), source: url("instance/regionInfo"))
    }
}
