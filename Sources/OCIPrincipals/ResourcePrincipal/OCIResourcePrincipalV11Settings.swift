import OCISigning

/// The variables of resource principal v1.1 (spec §4.3): where the resource principal token
/// (RPT) is fetched and where it is exchanged. The v3.0 leaf reads the same variables with the
/// `_FOR_LEAF_RESOURCE` suffix.
///
/// | variable | meaning |
/// |---|---|
/// | `OCI_RESOURCE_PRINCIPAL_RPT_ENDPOINT` | the RPT service's base URL (required) |
/// | `OCI_RESOURCE_PRINCIPAL_RPT_PATH` | the path, `{id}` replaced (default `/20180711/resourcePrincipalToken/{id}`) |
/// | `OCI_RESOURCE_PRINCIPAL_RPT_ID` | the `{id}` (default: IMDS `instance/id`, lower-cased) |
/// | `OCI_RESOURCE_PRINCIPAL_RPST_ENDPOINT` | the exchange's base URL (default: the instance region's auth endpoint) |
struct OCIResourcePrincipalV11Settings: Sendable {
    /// The path Oracle's SDKs use when `OCI_RESOURCE_PRINCIPAL_RPT_PATH` is unset.
    static let defaultPathTemplate = "/20180711/resourcePrincipalToken/{id}"

    /// The variable names, with an optional suffix (`_FOR_LEAF_RESOURCE`).
    struct Names: Sendable {
        let rptEndpoint: String
        let rptPath: String
        let rptID: String
        let rpstEndpoint: String

        init(suffix: String = "") {
            rptEndpoint = "OCI_RESOURCE_PRINCIPAL_RPT_ENDPOINT" + suffix
            rptPath = "OCI_RESOURCE_PRINCIPAL_RPT_PATH" + suffix
            rptID = "OCI_RESOURCE_PRINCIPAL_RPT_ID" + suffix
            rpstEndpoint = "OCI_RESOURCE_PRINCIPAL_RPST_ENDPOINT" + suffix
        }
    }

    let names: Names
    /// The RPT base URL, without a trailing `/`.
    let rptEndpoint: String
    /// The path template; `{id}` is the only placeholder.
    let pathTemplate: String
    /// Where the template came from (a variable name, or "the default path").
    let pathOrigin: String
    /// The `{id}` from the environment; nil means "ask instance metadata" when the path needs it.
    let rptID: String?
    /// The exchange's base URL from the environment, without a trailing `/`.
    let rpstEndpoint: String?

    /// Reads and checks the variables; no file or network is touched.
    ///
    /// - Throws: `missingConfigValue` naming the endpoint variable when it is unset,
    ///   `invalidEndpoint` for a malformed URL, `invalidConfigValue` for a path that does not
    ///   start with `/`, holds a placeholder other than `{id}`, or an id that is not one path segment.
    init(_ names: Names, in environment: [String: String], purpose: String) throws(OCISigningError) {
        self.names = names
        rptEndpoint = try Self.baseURL(OCIResourcePrincipalSetting.required(names.rptEndpoint, in: environment, for: purpose))
        if let setting = OCIResourcePrincipalSetting(names.rptPath, in: environment) {
            pathTemplate = setting.raw.trimmingPythonWhitespace()
            pathOrigin = names.rptPath
        } else {
            pathTemplate = Self.defaultPathTemplate
            pathOrigin = "the default path \(Self.defaultPathTemplate)"
        }
        try Self.checkTemplate(pathTemplate, variable: names.rptPath)
        rptID = try OCIResourcePrincipalSetting(names.rptID, in: environment).map { (setting) throws(OCISigningError) in
            try Self.checkedID(setting.raw.trimmingPythonWhitespace(), variable: names.rptID)
        }
        rpstEndpoint = try OCIResourcePrincipalSetting(names.rpstEndpoint, in: environment).map { (setting) throws(OCISigningError) in
            try Self.baseURL(setting)
        }
    }

    /// Whether the path has an `{id}` that no variable fills: the id comes from instance metadata.
    var needsInstanceID: Bool { rptID == nil && pathTemplate.contains("{id}") }

    /// The complete RPT URL with `id` in place of `{id}`.
    func rptURL(id: String?) throws(OCISigningError) -> String {
        guard pathTemplate.contains("{id}") else { return rptEndpoint + pathTemplate }
        guard let id = rptID ?? id else {
            throw OCISigningError(.missingConfigValue, "the resource principal token path from \(pathOrigin) needs an {id}, and neither \(names.rptID) nor instance metadata gave one")
        }
        return rptEndpoint + pathTemplate.replacingOccurrences(of: "{id}", with: try Self.checkedID(id, variable: "the instance id from instance metadata"))
    }

    /// A base URL from a variable, trailing `/` removed.
    static func baseURL(_ setting: OCIResourcePrincipalSetting) throws(OCISigningError) -> String {
        var text = setting.raw.trimmingPythonWhitespace()
        while text.hasSuffix("/") { text.removeLast() }
        _ = try OCIEndpointURL(text, what: setting.variable)
        return text
    }

    /// `/…`, printable ASCII, and braces only as `{id}` (Python's `str.format` fails on any other).
    static func checkTemplate(_ template: String, variable: String) throws(OCISigningError) {
        let withoutID = template.replacingOccurrences(of: "{id}", with: "")
        guard template.hasPrefix("/"), template.utf8.count <= 2048,
              template.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }), !withoutID.contains("{"), !withoutID.contains("}") else {
            throw OCISigningError(.invalidConfigValue, "\(variable) must be a path starting with '/', of printable characters without spaces, with {id} as its only placeholder")
        }
    }

    /// One path segment of unreserved characters (an OCID): anything else would change the path.
    static func checkedID(_ id: String, variable: String) throws(OCISigningError) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~".utf8)
        guard !id.isEmpty, id.utf8.count <= 512, id.utf8.allSatisfy(allowed.contains) else {
            throw OCISigningError(.invalidConfigValue, "\(variable) must be one path segment of letters, digits and -._~ (an OCID), at most 512 bytes")
        }
        return id
    }
}
