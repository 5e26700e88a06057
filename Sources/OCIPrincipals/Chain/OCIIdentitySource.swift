import OCISigning

/// One place the default chain looks for credentials.
///
/// Returns `nil` when the source is *not configured here* (no config file, no metadata
/// service), and throws when it is configured but broken. Resource principals and OKE workload
/// identity plug in here as further sources.
public protocol OCIIdentitySource: Sendable {
    /// For people: `config profile [DEFAULT] in ~/.oci/config`, `instance metadata at …`.
    var name: String { get }
    /// The provider, `nil` when not configured here.
    func provider() async throws(OCISigningError) -> (any OCIIdentityProvider)?
}

extension Array where Element == OCIDefaultIdentityChain.Attempt {
    /// `- name: outcome` lines.
    var report: String { map { "  - \($0.source): \($0.outcome)" }.joined(separator: "\n") }
}
