/// Builds the OCI `Authorization` header value from a signature base, a key id and a signature:
/// the sending side of ``SignatureAuthorization``.
public enum AuthorizationHeader {
    /// The only algorithm OCI accepts.
    public static let algorithm = "rsa-sha256"

    /// `Signature version="1",headers="…",keyId="…",algorithm="rsa-sha256",signature="…"`, the
    /// parameter order of Oracle's documentation test values (also Go and .NET), no spaces.
    public static func value(signedHeaders: [String], keyID: String, signatureBase64: String) -> String {
        "Signature version=\"1\",headers=\"\(signedHeaders.joined(separator: " "))\",keyId=\"\(keyID)\",algorithm=\"\(algorithm)\",signature=\"\(signatureBase64)\""
    }

    /// The same value built in one buffer from the signature base (the signer's hot path: no
    /// array of names, no joined string, no interpolation buffers).
    static func value(base: SignatureBase, keyID: String, signatureBase64: String) -> String {
        let components = base.components
        var length = 80 + keyID.utf8.count + signatureBase64.utf8.count
        for component in components { length += component.name.utf8.count + 1 }
        var text = ""
        text.reserveCapacity(length)
        text += "Signature version=\"1\",headers=\""
        for (index, component) in components.enumerated() {
            if index > 0 { text += " " }
            text += component.name
        }
        text += "\",keyId=\""
        text += keyID
        text += "\",algorithm=\""
        text += algorithm
        text += "\",signature=\""
        text += signatureBase64
        text += "\""
        return text
    }
}
