import Foundation
import HTTPTypes
import OCISigning

/// One OKE workload-identity exchange, as Oracle's Python SDK sends and reads it (spec §5):
/// `POST /resourcePrincipalSessionTokens` with `Authorization: Bearer <service-account token>`,
/// `Content-type: application/json`, `opc-request-id` and `{"podKey": "<base64 SPKI>"}`, no
/// HTTP signature; the answer is a JSON string holding the base64 of `{"token": "ST$<rpst>"}`.
struct OCIProxymuxExchange: Sendable {
    let endpoint: String
    let request: HTTPRequest
    let body: [UInt8]

    init(endpoint: String, serviceAccountToken: String, sessionPublicKey: OCIPublicKey, requestID: String) throws(OCISigningError) {
        let url = try OCIEndpointURL(endpoint, what: "the proxymux endpoint")
        self.endpoint = endpoint
        var fields = HTTPFields()
        fields[.authorization] = "Bearer " + serviceAccountToken
        fields[HTTPField.Name("Content-type")!] = "application/json"
        fields[.opcRequestID] = requestID
        request = HTTPRequest(method: .post, scheme: url.scheme, authority: url.authority, path: url.path, headerFields: fields)
        // Python's json.dumps: `{"podKey": "…"}` with its default separators.
        body = Array(PythonJSON.object([("podKey", PythonJSON.string(Base64.encode(try sessionPublicKey.derRepresentation)))]).utf8)
    }

    /// The RPST inside a proxymux answer: the quotes removed, base64-decoded, JSON-parsed, and
    /// exactly the `ST$` prefix dropped (the keyId adds it back: never `ST$ST$`).
    static func rpst(from response: OCIHTTPResponse, endpoint: String) throws(OCISigningError) -> String {
        let where_ = "POST \(endpoint)"
        guard response.isSuccess else {
            let hint = response.status == 403 ? " (workload identity needs an enhanced OKE cluster)" : ""
            throw OCISigningError(.workloadIdentityExchangeFailed, "\(where_) answered HTTP \(response.status)\(hint)")
        }
        let text = response.text.trimmingPythonWhitespace()
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else {
            throw OCISigningError(.workloadIdentityExchangeFailed, "\(where_) did not answer a quoted base64 string (\(response.body.count) bytes)")
        }
        let encoded = String(text.dropFirst().dropLast())
        guard let decoded = Data(base64Encoded: encoded),
              let object = (try? JSONSerialization.jsonObject(with: decoded)) as? [String: Any] else {
            throw OCISigningError(.workloadIdentityExchangeFailed, "\(where_) answered a string that is not the base64 of a JSON object")
        }
        guard let wrapped = object["token"] as? String else {
            throw OCISigningError(.workloadIdentityExchangeFailed, "\(where_) answered no 'token'")
        }
        guard wrapped.hasPrefix("ST$"), wrapped.count > 3 else {
            throw OCISigningError(.workloadIdentityExchangeFailed, "\(where_) answered a token that does not start with 'ST$'")
        }
        return String(wrapped.dropFirst(3))
    }
}
