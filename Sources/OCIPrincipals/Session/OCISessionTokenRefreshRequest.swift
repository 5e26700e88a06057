import HTTPTypes
import OCISigning

/// The session-token (UPST) refresh request as Oracle's tools send it (spec §6):
/// `POST {auth}/v1/authentication/refresh` with body `{"currentToken": "<token>"}` in
/// `json.dumps` form, signed **with that same token** (keyId `ST$<token>`) and the session key
/// over `date (request-target) host content-length content-type x-content-sha256`, the
/// `Authorization` parameters in the Python signer's order.
///
/// Pure: given the same token, key, endpoint and date it produces the same bytes.
public struct OCISessionTokenRefreshRequest: Sendable {
    /// The path appended to the auth service's base URL.
    public static let path = "/v1/authentication/refresh"

    /// The request with every header to send, `authorization` included.
    public let request: HTTPRequest
    /// The JSON body bytes.
    public let body: [UInt8]
    /// The exact bytes signed.
    public let signingString: String
    /// The `Authorization` value (holds the token: never display it).
    public let authorization: String

    /// Builds and signs the request.
    ///
    /// - Parameters:
    ///   - endpoint: The full refresh URL (`https://auth.us-phoenix-1.oraclecloud.com/v1/authentication/refresh`).
    ///   - currentToken: The token being refreshed; it is both the body and the keyId.
    ///   - privateKey: The session key the token is bound to.
    ///   - date: The `date` to sign.
    /// - Throws: `invalidEndpoint`, and the signer's errors (a weak key, a token with bytes that
    ///   cannot stand in a keyId).
    public init(endpoint: String, currentToken: String, privateKey: OCIPrivateKey, date: HTTPDate) throws(OCISigningError) {
        let url = try OCIEndpointURL(endpoint, what: "the session refresh endpoint")
        body = Array(PythonJSON.object([("currentToken", PythonJSON.string(currentToken))]).utf8)
        var unsigned = HTTPRequest(method: .post, scheme: url.scheme, authority: url.authority, path: url.path.isEmpty ? "/" : url.path)
        unsigned.headerFields[.accept] = "*/*"
        unsigned.headerFields[.contentType] = "application/json"
        unsigned.headerFields[.date] = date.imfFixdate
        let signed = try OCIRequestSigner(keyID: "ST$" + currentToken, privateKey: privateKey).sign(unsigned, body: .bytes(body))
        signingString = signed.signingString
        authorization = PythonAuthorization.value(signedHeaders: signed.signedHeaders, keyID: signed.keyID, signatureBase64: signed.signatureBase64)
        var request = signed.request
        request.headerFields[.authorization] = authorization
        self.request = request
    }
}
