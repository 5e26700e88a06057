import Foundation
import OCISigning

/// Resolves a region id or short code to its realm domain in the Python SDK's order (spec §1.6):
/// the built-in table; then, for unknown regions, `~/.oci/regions-config.json`,
/// `OCI_REGION_METADATA`, IMDS `instance/regionInfo` (only when a metadata client is given),
/// a value containing `.` used as the domain itself, `OCI_DEFAULT_REALM`, and finally `oc1`.
public struct OCIRegionResolver: Sendable {
    let environment: [String: String]
    let regionsConfigPath: String?
    let metadata: OCIInstanceMetadataClient?

    /// Creates a resolver.
    ///
    /// - Parameters:
    ///   - environment: The variables to read (`OCI_REGION_METADATA`, `OCI_DEFAULT_REALM`, `HOME`).
    ///   - regionsConfigPath: The regions file; `nil` means `~/.oci/regions-config.json`.
    ///   - metadata: Ask IMDS `instance/regionInfo` for unknown regions (opt-in, as in Python).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, regionsConfigPath: String? = nil,
                metadata: OCIInstanceMetadataClient? = nil) {
        self.environment = environment
        self.regionsConfigPath = regionsConfigPath ?? environment["HOME"].map { "\($0)/.oci/regions-config.json" }
        self.metadata = metadata
    }

    /// Resolves `name`; never fails (an unknown region falls back to `oc1`, as every SDK does).
    public func resolve(_ name: String) async -> OCIResolvedRegion {
        if let known = resolveWithoutMetadata(name, stopBeforeMetadata: true) { return known }
        let lower = name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if let metadata, let info = try? await metadata.regionInfo(), info.describes(lower) {
            return OCIResolvedRegion(id: info.regionIdentifier, realmKey: info.realmKey, domain: info.realmDomainComponent, source: "instance metadata regionInfo")
        }
        return fallback(lower)
    }

    /// Resolves `name` without asking IMDS.
    public func resolveOffline(_ name: String) -> OCIResolvedRegion {
        resolveWithoutMetadata(name, stopBeforeMetadata: false)!
    }

    private func resolveWithoutMetadata(_ name: String, stopBeforeMetadata: Bool) -> OCIResolvedRegion? {
        let lower = name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if let region = OCIRegion.named(lower) {
            let realm = OCIRealm.named(region.realmKey) ?? .oc1
            return OCIResolvedRegion(id: region.id, realmKey: realm.key, domain: realm.domain, source: "built-in table")
        }
        if let path = regionsConfigPath, let data = FileManager.default.contents(atPath: path),
           let match = OCIRegionMetadata.list(json: Array(data.prefix(OCIHTTPLimits.maxResponseBytes))).first(where: { $0.describes(lower) }) {
            return OCIResolvedRegion(id: match.regionIdentifier, realmKey: match.realmKey, domain: match.realmDomainComponent, source: path)
        }
        if let text = environment["OCI_REGION_METADATA"], !text.isEmpty,
           let match = try? OCIRegionMetadata(json: Array(text.utf8), source: "OCI_REGION_METADATA"), match.describes(lower) {
            return OCIResolvedRegion(id: match.regionIdentifier, realmKey: match.realmKey, domain: match.realmDomainComponent, source: "OCI_REGION_METADATA")
        }
        if stopBeforeMetadata && metadata != nil { return nil }
        return fallback(lower)
    }

    private func fallback(_ lower: String) -> OCIResolvedRegion {
        if lower.contains(".") {
            return OCIResolvedRegion(id: lower, realmKey: nil, domain: nil, source: "value used as domain")
        }
        if let realm = environment["OCI_DEFAULT_REALM"], !realm.isEmpty {
            return OCIResolvedRegion(id: lower, realmKey: nil, domain: realm, source: "OCI_DEFAULT_REALM")
        }
        return OCIResolvedRegion(id: lower, realmKey: OCIRealm.oc1.key, domain: OCIRealm.oc1.domain, source: "oc1 fallback")
    }
}
