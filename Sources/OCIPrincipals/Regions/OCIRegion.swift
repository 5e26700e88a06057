/// One OCI region: its id (`us-phoenix-1`), its short code (`phx`) and its realm (`oc1`).
public struct OCIRegion: Sendable, Hashable, CustomStringConvertible {
    /// The region identifier, lower case.
    public let id: String
    /// The three-letter region key, lower case (IMDS `instance/region` answers this for older regions).
    public let shortCode: String
    /// The realm key (`oc1`).
    public let realmKey: String

    /// Creates a region.
    public init(id: String, shortCode: String, realmKey: String) {
        self.id = id
        self.shortCode = shortCode
        self.realmKey = realmKey
    }

    /// The region with id or short code `name` (any case) in ``known``.
    public static func named(_ name: String) -> OCIRegion? {
        let lower = name.lowercased()
        return byName[lower]
    }

    private static let byName: [String: OCIRegion] = {
        var table: [String: OCIRegion] = [:]
        for region in known {
            table[region.id] = region
            if !region.shortCode.isEmpty { table[region.shortCode] = region }
        }
        return table
    }()

    /// The id.
    public var description: String { id }
}

/// One OCI realm: its key (`oc1`) and second-level domain (`oraclecloud.com`).
public struct OCIRealm: Sendable, Hashable {
    /// The realm key, lower case.
    public let key: String
    /// The second-level domain endpoints end in.
    public let domain: String

    /// Creates a realm.
    public init(key: String, domain: String) {
        self.key = key
        self.domain = domain
    }

    /// The realm with key `key` (any case) in ``known``.
    public static func named(_ key: String) -> OCIRealm? {
        let lower = key.lowercased()
        return known.first { $0.key == lower }
    }

    /// The commercial realm, the fallback for unknown regions.
    public static let oc1 = OCIRealm(key: "oc1", domain: "oraclecloud.com")
}
