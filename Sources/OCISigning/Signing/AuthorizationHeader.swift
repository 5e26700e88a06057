/// Builds the OCI `Authorization` header value.
public enum AuthorizationHeader {
    /// The only algorithm OCI accepts.
    public static let algorithm = "rsa-sha256"

    /// `Signature version="1",headers="…",keyId="…",algorithm="rsa-sha256",signature="…"`, the
    /// parameter order of Oracle's documentation test values (also Go and .NET), no spaces.
    public static func value(signedHeaders: [String], keyID: String, signatureBase64: String) -> String {
        "Signature version=\"1\",headers=\"\(signedHeaders.joined(separator: " "))\",keyId=\"\(keyID)\",algorithm=\"\(algorithm)\",signature=\"\(signatureBase64)\""
    }
}
