import OCISigning

/// The fingerprint an API-key keyId names: its third `/`-separated part.
enum KeyIDFingerprint {
    /// The last `/`-separated part of a keyId when it looks like an MD5 fingerprint
    /// (16 colon-separated hex pairs).
    static func of(_ keyID: String) -> String? {
        guard let last = keyID.split(separator: "/").last else { return nil }
        let parts = last.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 16, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isHexDigit) }) else { return nil }
        return String(last)
    }

    /// A warning when `keyID` is an API-key keyId (`<tenancy>/<user>/<fingerprint>`) whose
    /// fingerprint is not `key`'s; nil for session tokens and matching keyIds.
    static func mismatch(keyID: String, key: OCIPrivateKey) throws(OCISigningError) -> String? {
        let parts = keyID.split(separator: "/", omittingEmptySubsequences: false)
        guard !keyID.hasPrefix("ST$"), parts.count == 3 else { return nil }
        let named = String(parts[2])
        let actual = try key.fingerprint
        guard named.lowercased() != actual.lowercased() else { return nil }
        return "the fingerprint in --key-id (\(named)) is not the key's (\(actual)); OCI looks the key up by keyId and will answer 401 (oci-sign fingerprint KEY prints it)"
    }
}
