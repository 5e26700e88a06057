/// Hides the body of a session-token keyId (`ST$<token>`): a token is a bearer credential.
public enum KeyIDRedaction {
    /// `ST$…(N chars)` for a session-token keyId; other keyIds (OCIDs and a fingerprint, which
    /// are not secret) unchanged.
    public static func redacted(_ keyID: String) -> String {
        guard keyID.hasPrefix("ST$") else { return keyID }
        return "ST$…(\(keyID.utf8.count - 3) chars redacted)"
    }
}
