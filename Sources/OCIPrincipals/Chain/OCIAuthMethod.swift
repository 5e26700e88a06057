import OCISigning

/// An authentication method by the `oci` CLI's `--auth` / `OCI_CLI_AUTH` name.
public struct OCIAuthMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The `--auth` name (`instance_principal`).
    public let rawValue: String
    /// Creates a method from its name (not validated; see ``init(parsing:from:)``).
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A user's API key from a config profile.
    public static let apiKey = OCIAuthMethod(rawValue: "api_key")
    /// A session token profile (`security_token_file`).
    public static let securityToken = OCIAuthMethod(rawValue: "security_token")
    /// Instance principals (IMDS + X.509 federation).
    public static let instancePrincipal = OCIAuthMethod(rawValue: "instance_principal")
    /// Instance principals acting for a user with a delegation token (Cloud Shell).
    public static let instanceOboUser = OCIAuthMethod(rawValue: "instance_obo_user")
    /// Resource principals (`OCI_RESOURCE_PRINCIPAL_*` variables: Functions, Data Science, …).
    public static let resourcePrincipal = OCIAuthMethod(rawValue: "resource_principal")

    /// OKE workload identity: a pod's service account, exchanged at the in-cluster proxymux.
    public static let okeWorkloadIdentity = OCIAuthMethod(rawValue: "oke_workload_identity")

    /// Every supported method.
    public static let supported: [OCIAuthMethod] = [.apiKey, .securityToken, .instancePrincipal, .instanceOboUser,
                                                    .resourcePrincipal, .okeWorkloadIdentity]

    /// Parses a name, refusing unknown ones with `unsupportedAuthMethod`.
    public init(parsing name: String, from origin: String = "--auth") throws(OCISigningError) {
        let method = OCIAuthMethod(rawValue: name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
        guard Self.supported.contains(method) else {
            throw OCISigningError(.unsupportedAuthMethod, "\(origin) '\(name)' is not one of \(Self.supported.map(\.rawValue).joined(separator: ", "))")
        }
        self = method
    }

    /// The name.
    public var description: String { rawValue }
}
