import Foundation
import OCISigning

/// The settings of an ``OCIOKEWorkloadIdentityProvider``. `nil` fields fall back to the
/// environment a pod on Oracle Kubernetes Engine sees, then to the SDKs' defaults.
public struct OCIOKEWorkloadIdentityConfiguration: Sendable {
    /// The service account's token file when neither the parameter nor the variable is set.
    public static let defaultServiceAccountTokenPath = "/var/run/secrets/kubernetes.io/serviceaccount/token"
    /// The cluster CA bundle when neither the parameter nor the variable is set.
    public static let defaultCertificateAuthorityPath = "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt"
    /// The proxymux port, a constant in every Oracle SDK.
    public static let defaultProxymuxPort = 12250

    /// The service-account token file; `nil` means `OCI_KUBERNETES_SERVICE_ACCOUNT_TOKEN_PATH`,
    /// else ``defaultServiceAccountTokenPath``.
    public var serviceAccountTokenPath: String?
    /// The CA bundle, the **only** trust anchor of the proxymux TLS; `nil` means
    /// `OCI_KUBERNETES_SERVICE_ACCOUNT_CERT_PATH`, else ``defaultCertificateAuthorityPath``.
    public var certificateAuthorityPath: String?
    /// The proxymux host; `nil` means `KUBERNETES_SERVICE_HOST`.
    public var host: String?
    /// The proxymux port; `nil` means `OCI_KUBERNETES_PROXYMUX_SERVICE_PORT`, else 12250.
    public var port: Int?
    /// The region; `nil` means `OCI_RESOURCE_PRINCIPAL_REGION` (optional, as in Python).
    public var region: String?
    /// Re-exchange once half of the token's lifetime has passed (Python's
    /// `get_security_token()` rule); otherwise only after a `401` or at expiry.
    public var refreshAtHalfLife: Bool
    /// Re-exchange after a service `401` (``OCIOKEWorkloadIdentityProvider/refresh(afterRejectionOf:)``);
    /// `nil` means `OCI_OKE_WORKLOAD_REFRESH_ENABLED`, else `true`. See
    /// ``resolvedRefreshAfterRejection()`` for the spellings.
    public var refreshAfterRejection: Bool?
    /// The limit of one exchange (Python: 10 s connect + 60 s read).
    public var timeout: Duration
    /// The variables read for the fallbacks.
    public var environment: [String: String]

    /// Creates a configuration.
    public init(serviceAccountTokenPath: String? = nil, certificateAuthorityPath: String? = nil, host: String? = nil,
                port: Int? = nil, region: String? = nil, refreshAtHalfLife: Bool = true, refreshAfterRejection: Bool? = nil,
                timeout: Duration = .seconds(60), environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.serviceAccountTokenPath = serviceAccountTokenPath
        self.certificateAuthorityPath = certificateAuthorityPath
        self.host = host
        self.port = port
        self.region = region
        self.refreshAtHalfLife = refreshAtHalfLife
        self.refreshAfterRejection = refreshAfterRejection
        self.timeout = timeout
        self.environment = environment
    }

    /// The token file and where it came from (`parameter`, the variable, or `default`).
    public var resolvedServiceAccountTokenPath: (path: String, source: String) {
        resolve(serviceAccountTokenPath, "OCI_KUBERNETES_SERVICE_ACCOUNT_TOKEN_PATH", Self.defaultServiceAccountTokenPath)
    }

    /// The CA bundle and where it came from.
    public var resolvedCertificateAuthorityPath: (path: String, source: String) {
        resolve(certificateAuthorityPath, "OCI_KUBERNETES_SERVICE_ACCOUNT_CERT_PATH", Self.defaultCertificateAuthorityPath)
    }

    /// `https://{host}:{port}/resourcePrincipalSessionTokens`.
    ///
    /// - Throws: `missingConfigValue` without a host (`KUBERNETES_SERVICE_HOST`);
    ///   `invalidConfigValue` for a port that is not 1…65535.
    public func resolvedEndpoint() throws(OCISigningError) -> String {
        guard let host = (host ?? variable("KUBERNETES_SERVICE_HOST")), !host.isEmpty else {
            throw OCISigningError(.missingConfigValue, "OKE workload identity needs the proxymux host: KUBERNETES_SERVICE_HOST is not set (is this a pod?)")
        }
        guard host.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "@") }) else {
            throw OCISigningError(.invalidConfigValue, "KUBERNETES_SERVICE_HOST '\(host)' is not a host name or address")
        }
        let port: Int
        if let given = self.port {
            port = given
        } else if let text = variable("OCI_KUBERNETES_PROXYMUX_SERVICE_PORT") {
            guard let parsed = Int(text) else {
                throw OCISigningError(.invalidConfigValue, "OCI_KUBERNETES_PROXYMUX_SERVICE_PORT '\(text)' is not a port number")
            }
            port = parsed
        } else {
            port = Self.defaultProxymuxPort
        }
        guard (1...65535).contains(port) else {
            throw OCISigningError(.invalidConfigValue, "the proxymux port \(port) is not in 1…65535")
        }
        // An IPv6 literal needs brackets in a URL authority (Kubernetes hands out bare ones).
        let authority = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "https://\(authority):\(port)/resourcePrincipalSessionTokens"
    }

    /// The region: the parameter, else `OCI_RESOURCE_PRINCIPAL_REGION`, else `nil`.
    public var resolvedRegion: String? { region ?? variable("OCI_RESOURCE_PRINCIPAL_REGION") }

    /// Whether a `401` makes the provider re-exchange: the parameter, else
    /// `OCI_OKE_WORKLOAD_REFRESH_ENABLED`, else `true`.
    ///
    /// Python enables it when `value.lower() == "true"` and disables it for **any** other
    /// value. Here `true` and `false` in any letter case (the value as given, not trimmed) are
    /// taken as Python takes them; any other value is refused rather than silently disabling
    /// refresh as Python would (`0`, `no`, an empty value, ` true` with a space).
    ///
    /// - Throws: `invalidConfigValue` naming the variable for any other value.
    public func resolvedRefreshAfterRejection() throws(OCISigningError) -> Bool {
        if let refreshAfterRejection { return refreshAfterRejection }
        let name = "OCI_OKE_WORKLOAD_REFRESH_ENABLED"
        guard let value = environment[name] else { return true }
        // Python's str.lower() and Swift's lowercased() share Unicode's mapping.
        switch value.lowercased() {
        case "true": return true
        case "false": return false
        default:
            throw OCISigningError(.invalidConfigValue, "\(name) must be 'true' or 'false' (any letter case), not \(String(reflecting: value)) (Python would take it as false)")
        }
    }

    func variable(_ name: String) -> String? {
        guard let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    private func resolve(_ given: String?, _ name: String, _ fallback: String) -> (path: String, source: String) {
        if let given, !given.isEmpty { return (given, "parameter") }
        if let value = variable(name) { return (value, name) }
        return (fallback, "default")
    }
}
