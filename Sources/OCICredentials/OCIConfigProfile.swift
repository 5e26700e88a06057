import OCISigning

/// One profile of a config file, seen through the per-key `[DEFAULT]` fallback of the
/// Java/TypeScript SDKs: a key the profile does not set is taken from `[DEFAULT]`; a key it sets,
/// even to an empty value, shadows `[DEFAULT]`.
public struct OCIConfigProfile: Sendable {
    /// The profile name.
    public let name: String
    /// The config file it came from.
    public let path: String
    let own: OCIConfigSection?
    let fallback: OCIConfigSection?

    /// A value and where it was found.
    public struct Value: Sendable, Hashable {
        /// The value text.
        public let value: String
        /// Its line in the config file.
        public let line: Int
        /// The section that supplied it: the profile itself or `DEFAULT`.
        public let section: String

        /// Creates a value (for comparisons in tests and tools).
        public init(value: String, line: Int, section: String) {
            self.value = value
            self.line = line
            self.section = section
        }
    }

    /// The keys the credential layer reads. Others are kept and reported as ignored.
    public static let knownKeys: Set<String> = [
        "user", "tenancy", "fingerprint", "key_file", "pass_phrase", "region", "security_token_file", "key_content",
    ]

    /// The value of `key` (lowercase), from the profile or else from `[DEFAULT]`.
    public func value(_ key: String) -> Value? {
        if let entry = own?.entry(key) { return Value(value: entry.value, line: entry.line, section: name) }
        if let entry = fallback?.entry(key) { return Value(value: entry.value, line: entry.line, section: OCIConfigFile.defaultProfileName) }
        return nil
    }

    /// The value text of `key`, if set.
    public subscript(key: String) -> String? { value(key)?.value }

    /// Every key visible in this profile, in file order (the profile's own first).
    public var keys: [String] {
        var keys: [String] = []
        var seen: Set<String> = []
        for entry in (own?.entries ?? []) + (fallback?.entries ?? []) where seen.insert(entry.key).inserted { keys.append(entry.key) }
        return keys
    }

    /// Visible keys the credential layer does not use (for example `compartment_id`), with where
    /// they are; reported by `oci-sign config check`, never an error.
    public var ignoredKeys: [(key: String, line: Int)] {
        keys.filter { !Self.knownKeys.contains($0) }.compactMap { key in value(key).map { (key, $0.line) } }
    }

    /// An error about `value` at its line, naming this profile.
    func error(_ code: OCISigningError.Code, _ reason: String, at value: Value?) -> OCISigningError {
        var where_ = "profile [\(name)]"
        if let value, value.section != name { where_ += " (inherited from [\(value.section)])" }
        // Without a value to point at, point at the profile's [NAME] line.
        return OCISigningError(code, "\(where_): \(reason)", line: value?.line ?? own?.line, path: path)
    }
}
