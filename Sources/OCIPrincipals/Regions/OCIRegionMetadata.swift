import Foundation
import OCISigning

/// The region document of `~/.oci/regions-config.json`, `OCI_REGION_METADATA` and IMDS
/// `instance/regionInfo`: `{realmKey, realmDomainComponent, regionKey, regionIdentifier}`.
/// Values are lower-cased, as the Python SDK does.
public struct OCIRegionMetadata: Sendable, Hashable {
    /// The realm key (`oc1`).
    public let realmKey: String
    /// The realm's second-level domain (`oraclecloud.com`).
    public let realmDomainComponent: String
    /// The short code (`syd`).
    public let regionKey: String
    /// The region id (`ap-sydney-1`).
    public let regionIdentifier: String

    /// Creates a value.
    public init(realmKey: String, realmDomainComponent: String, regionKey: String, regionIdentifier: String) {
        self.realmKey = realmKey.lowercased()
        self.realmDomainComponent = realmDomainComponent.lowercased()
        self.regionKey = regionKey.lowercased()
        self.regionIdentifier = regionIdentifier.lowercased()
    }

    /// Parses one JSON object.
    ///
    /// - Throws: `invalidEndpoint` naming `source` when it is not an object with the four
    ///   non-empty string fields.
    public init(json: [UInt8], source: String) throws(OCISigningError) {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(json))) as? [String: Any],
              let parsed = Self(object: object) else {
            throw OCISigningError(.invalidEndpoint, "\(source) is not a region document {realmKey, realmDomainComponent, regionKey, regionIdentifier}")
        }
        self = parsed
    }

    init?(object: [String: Any]) {
        let keys = ["realmKey", "realmDomainComponent", "regionKey", "regionIdentifier"]
        let values = keys.compactMap { object[$0] as? String }.filter { !$0.isEmpty }
        guard values.count == 4 else { return nil }
        self.init(realmKey: values[0], realmDomainComponent: values[1], regionKey: values[2], regionIdentifier: values[3])
    }

    /// Parses a JSON array of documents (the regions-config file), skipping invalid entries.
    static func list(json: [UInt8]) -> [OCIRegionMetadata] {
        guard let array = (try? JSONSerialization.jsonObject(with: Data(json))) as? [Any] else { return [] }
        return array.compactMap { ($0 as? [String: Any]).flatMap(OCIRegionMetadata.init(object:)) }
    }

    /// Whether the document describes `name` (an id or a short code, lower case).
    func describes(_ name: String) -> Bool { regionIdentifier == name || regionKey == name }
}
