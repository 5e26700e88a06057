import OCICredentials
import OCISigning

/// An `OCI_RESOURCE_PRINCIPAL_VERSION` value: which resource-principal protocol the platform
/// set up. Versions 2.2, 3.0 and 1.1 are built; 2.1.x is recognised and refused by name with
/// `unsupportedResourcePrincipalVersion`, never replaced by another method.
public struct OCIResourcePrincipalVersion: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The version text (`2.2`).
    public let rawValue: String
    /// Creates a version from its text (not validated).
    public init(rawValue: String) { self.rawValue = rawValue }

    /// v2.2: the token and its private key are handed over in variables or files; no network.
    public static let v2_2 = OCIResourcePrincipalVersion(rawValue: "2.2")
    /// v3.0: a leaf resource principal exchanges its token for its parent resource's.
    public static let v3_0 = OCIResourcePrincipalVersion(rawValue: "3.0")

    /// v1.1: the instance principal of the host fetches the resource's token and exchanges it
    /// for a session token bound to a new key.
    public static let v1_1 = OCIResourcePrincipalVersion(rawValue: "1.1")

    /// The versions this package signs with.
    public static let supported: [OCIResourcePrincipalVersion] = [.v2_2, .v3_0, .v1_1]
    /// Versions Oracle's SDKs know that this package refuses as not supported: 2.1.x signs its
    /// token request with a `resource/v2.1/…` key id that no fake or recorded exchange covers.
    public static let recognisedUnsupported: [OCIResourcePrincipalVersion] = ["2.1", "2.1.1", "2.1.2"].map(OCIResourcePrincipalVersion.init(rawValue:))

    /// The name of the variable that selects the version.
    public static let variable = "OCI_RESOURCE_PRINCIPAL_VERSION"

    /// Parses and checks the version in `variable` of `environment`.
    ///
    /// - Throws: `missingConfigValue` when unset; `unsupportedResourcePrincipalVersion` naming
    ///   the version for 2.1.x and unknown values.
    public init(environment: [String: String], variable: String = OCIResourcePrincipalVersion.variable) throws(OCISigningError) {
        guard let setting = OCIResourcePrincipalSetting(variable, in: environment) else {
            throw OCISigningError(.missingConfigValue, "\(variable) is not set, so the resource principal version is unknown (expected \(Self.supported.map(\.rawValue).joined(separator: " or ")))")
        }
        let version = OCIResourcePrincipalVersion(rawValue: setting.raw.trimmingPythonWhitespace())
        if Self.recognisedUnsupported.contains(version) {
            throw OCISigningError(.unsupportedResourcePrincipalVersion, "\(variable)=\(version.rawValue): resource principal version \(version.rawValue) is not supported by this library (supported: \(Self.supported.map(\.rawValue).joined(separator: ", ")))")
        }
        guard Self.supported.contains(version) else {
            throw OCISigningError(.unsupportedResourcePrincipalVersion, "\(variable)=\(version.rawValue.prefix(40)) is not a resource principal version (Oracle's SDKs know 2.2, 3.0, 2.1, 2.1.1, 2.1.2, 1.1; this library supports \(Self.supported.map(\.rawValue).joined(separator: ", ")))")
        }
        self = version
    }

    /// The version text.
    public var description: String { rawValue }
}
