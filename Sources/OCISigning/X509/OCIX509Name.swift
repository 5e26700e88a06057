/// A parsed X.509 distinguished name: its relative distinguished names (RDNs) in encoded order,
/// each a set of one or more attributes.
///
/// Real OCI instance certificates come in more than one layout (one attribute per RDN, or the
/// four `OU`s in one multi-valued RDN, in any order), so code that looks for a value walks the
/// attributes instead of scanning bytes.
public struct OCIX509Name: Sendable, Hashable, CustomStringConvertible {
    /// One attribute: its type and its value as text.
    public struct Attribute: Sendable, Hashable {
        /// The dotted OID, e.g. `2.5.4.11`.
        public let oid: String
        /// The OpenSSL short name, e.g. `OU`, `CN`; the OID when OpenSSL has none.
        public let shortName: String
        /// The value decoded to UTF-8.
        public let value: String

        /// Creates an attribute.
        public init(oid: String, shortName: String, value: String) {
            self.oid = oid
            self.shortName = shortName
            self.value = value
        }
    }

    /// The RDNs in the order they are encoded; each holds its attributes in encoded order.
    public let relativeNames: [[Attribute]]

    /// Creates a name from RDNs.
    public init(relativeNames: [[Attribute]]) { self.relativeNames = relativeNames }

    /// Every attribute of every RDN, flattened in encoded order.
    public var attributes: [Attribute] { relativeNames.flatMap { $0 } }

    /// The values of the attributes with short name `shortName` (e.g. `OU`), in order.
    public func values(of shortName: String) -> [String] {
        attributes.filter { $0.shortName == shortName }.map(\.value)
    }

    /// `CN=…, OU=…+OU=…` (multi-valued RDNs joined by `+`), in encoded order.
    public var description: String {
        relativeNames.map { $0.map { "\($0.shortName)=\($0.value)" }.joined(separator: "+") }.joined(separator: ", ")
    }
}
