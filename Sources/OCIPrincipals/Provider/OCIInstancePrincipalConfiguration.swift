import Foundation
import OCISigning

/// The settings of an ``OCIInstancePrincipalProvider``. Every field has the SDKs' default;
/// `nil` overrides fall back to the environment, then to what IMDS says.
public struct OCIInstancePrincipalConfiguration: Sendable {
    /// The IMDS base URL; `nil` means `OCI_METADATA_BASE_URL`, else `http://169.254.169.254/opc/v2`.
    public var metadataBaseURL: String?
    /// The full federation URL (`…/v1/x509`); `nil` means `OCI_SDK_AUTH_CLIENT_REGION_URL` +
    /// `/v1/x509`, else `https://auth.{region}.{domain}/v1/x509` from the instance's region.
    public var federationEndpoint: String?
    /// The region; `nil` means IMDS `instance/region`.
    public var region: String?
    /// A delegation token to send and sign as `opc-obo-token` with every request (Cloud Shell).
    public var delegationToken: String?
    /// The body's optional `purpose` (absent unless set, as in Python).
    public var purpose: String?
    /// Seconds before Python's own `exp − 60 s` refresh point at which to re-federate too.
    public var refreshMargin: Int64
    /// The variables read for the overrides.
    public var environment: [String: String]
    /// The limit per IMDS GET.
    public var metadataTimeout: Duration
    /// The limit per federation POST (Python: 10 s connect + 60 s read).
    public var federationTimeout: Duration
    /// Retries per IMDS GET.
    public var metadataRetry: OCIRetryPolicy
    /// Retries per federation POST.
    public var federationRetry: OCIRetryPolicy

    /// Creates a configuration.
    public init(metadataBaseURL: String? = nil, federationEndpoint: String? = nil, region: String? = nil,
                delegationToken: String? = nil, purpose: String? = nil, refreshMargin: Int64 = 0,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                metadataTimeout: Duration = .seconds(10), federationTimeout: Duration = .seconds(60),
                metadataRetry: OCIRetryPolicy = .metadata, federationRetry: OCIRetryPolicy = .federation) {
        self.metadataBaseURL = metadataBaseURL
        self.federationEndpoint = federationEndpoint
        self.region = region
        self.delegationToken = delegationToken
        self.purpose = purpose
        self.refreshMargin = refreshMargin
        self.environment = environment
        self.metadataTimeout = metadataTimeout
        self.federationTimeout = federationTimeout
        self.metadataRetry = metadataRetry
        self.federationRetry = federationRetry
    }

    /// The federation URL for `region`: the parameter, else `OCI_SDK_AUTH_CLIENT_REGION_URL`
    /// (a base URL; `/v1/x509` is appended), else derived from the region.
    public func resolvedFederationEndpoint(region: OCIResolvedRegion) -> (url: String, source: String) {
        if let federationEndpoint, !federationEndpoint.isEmpty { return (federationEndpoint, "parameter") }
        if let base = environment["OCI_SDK_AUTH_CLIENT_REGION_URL"]?.trimmingCharacters(in: .whitespacesAndNewlines), !base.isEmpty {
            var text = base
            while text.hasSuffix("/") { text.removeLast() }
            return (text + "/v1/x509", "OCI_SDK_AUTH_CLIENT_REGION_URL")
        }
        return (region.federationEndpoint, "region \(region.id)")
    }
}
