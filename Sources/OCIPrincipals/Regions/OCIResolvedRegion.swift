/// A region name resolved to the domain its endpoints live under, and how that was decided.
public struct OCIResolvedRegion: Sendable, Hashable, CustomStringConvertible {
    /// The region id (`us-phoenix-1`), or the given value when it is used as a domain.
    public let id: String
    /// The realm key, when known.
    public let realmKey: String?
    /// The second-level domain (`oraclecloud.com`); `nil` when ``id`` itself is the domain
    /// (a value containing `.`).
    public let domain: String?
    /// Where the answer came from: `built-in table`, `~/.oci/regions-config.json`,
    /// `OCI_REGION_METADATA`, `instance metadata regionInfo`, `OCI_DEFAULT_REALM`, `oc1 fallback`,
    /// `value used as domain`.
    public let source: String

    /// Creates a value.
    public init(id: String, realmKey: String?, domain: String?, source: String) {
        self.id = id
        self.realmKey = realmKey
        self.domain = domain
        self.source = source
    }

    /// `https://{service}.{region}.{domain}` (or `https://{service}.{value}` for a dotted value).
    public func endpoint(service: String) -> String {
        guard let domain else { return "https://\(service).\(id)" }
        return "https://\(service).\(id).\(domain)"
    }

    /// The X.509 federation URL: the `auth` endpoint plus `/v1/x509`.
    public var federationEndpoint: String { endpoint(service: "auth") + "/v1/x509" }

    /// `us-phoenix-1 (oc1, oraclecloud.com, built-in table)`.
    public var description: String {
        "\(id) (\(realmKey ?? "?"), \(domain ?? id), \(source))"
    }
}
