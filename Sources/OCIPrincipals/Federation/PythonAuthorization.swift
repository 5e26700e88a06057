/// The `Authorization` value as Oracle's Python SDK writes it for its auth-service calls
/// (`algorithm,headers,keyId,signature,version`). OCI reads the parameters in any order, but the
/// known answers recorded from the SDK are byte for byte, so the token requests use this order.
enum PythonAuthorization {
    /// `Signature algorithm="rsa-sha256",headers="…",keyId="…",signature="…",version="1"`.
    static func value(signedHeaders: [String], keyID: String, signatureBase64: String) -> String {
        "Signature algorithm=\"rsa-sha256\",headers=\"\(signedHeaders.joined(separator: " "))\",keyId=\"\(keyID)\",signature=\"\(signatureBase64)\",version=\"1\""
    }
}
