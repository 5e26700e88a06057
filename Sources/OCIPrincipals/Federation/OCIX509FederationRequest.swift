import HTTPTypes
import OCISigning

/// The `POST {auth}/v1/x509` request exactly as Oracle's Python SDK sends it (spec §3.2):
/// body `{"certificate": …, "publicKey": …[, "purpose": …], "intermediateCertificates": [...]}`
/// in `json.dumps` form, signed with the instance's leaf key over
/// `date (request-target) content-length content-type x-content-sha256` (no `host`), keyId
/// `{tenancy}/fed-x509/{SHA-1 of the leaf DER}`.
///
/// Pure: given the same inputs (session key and date included) it produces the same bytes.
public struct OCIX509FederationRequest: Sendable {
    /// The signed headers, in signature order (Python and Go; Java and TypeScript also sign `host`).
    public static let signedHeaders = ["date", "(request-target)", "content-length", "content-type", "x-content-sha256"]

    /// The request with every header to send, `authorization` included.
    public let request: HTTPRequest
    /// The JSON body bytes.
    public let body: [UInt8]
    /// The exact bytes signed.
    public let signingString: String
    /// `{tenancy}/fed-x509/{fingerprint}`.
    public let keyID: String
    /// The `Authorization` value, parameters in the Python SDK's order.
    public let authorization: String

    /// Builds and signs the request.
    ///
    /// - Parameters:
    ///   - endpoint: The full federation URL (`https://auth.us-phoenix-1.oraclecloud.com/v1/x509`).
    ///   - leafCertificatePEM: The certificate text as IMDS served it.
    ///   - leafPrivateKey: The instance key that signs this request (never the session key).
    ///   - intermediateCertificatesPEM: One text per intermediate source (Python has one).
    ///   - sessionPublicKey: The public half of the new session key.
    ///   - tenancy: The tenancy OCID from the leaf subject.
    ///   - date: The `date` to sign.
    ///   - purpose: The optional `purpose` field (Python's `purpose=`; absent by default).
    /// - Throws: `invalidEndpoint`, `invalidInstanceIdentity` for a certificate that does not parse.
    public init(endpoint: String, leafCertificatePEM: String, leafPrivateKey: OCIPrivateKey, intermediateCertificatesPEM: [String],
                sessionPublicKey: OCIPublicKey, tenancy: String, date: HTTPDate, purpose: String? = nil) throws(OCISigningError) {
        let url = try OCIEndpointURL(endpoint, what: "the federation endpoint")
        let leaf: OCIX509Certificate
        do { leaf = try OCIX509Certificate(pem: Array(leafCertificatePEM.utf8)) } catch {
            throw OCISigningError(.invalidInstanceIdentity, "the instance certificate is not a PEM certificate: \(error.reason)")
        }
        keyID = "\(tenancy)/fed-x509/\(leaf.sha1Fingerprint)"
        var members: [(String, String)] = [
            ("certificate", PythonJSON.string(SanitizedPEM.sanitize(leafCertificatePEM))),
            ("publicKey", PythonJSON.string(Base64.encode(try sessionPublicKey.derRepresentation))),
        ]
        if let purpose { members.append(("purpose", PythonJSON.string(purpose))) }
        members.append(("intermediateCertificates", PythonJSON.array(intermediateCertificatesPEM.map(SanitizedPEM.sanitize))))
        body = Array(PythonJSON.object(members).utf8)

        let digest = ContentDigest(bytes: body)
        let path = url.path.isEmpty ? "/" : url.path
        let lines = [("date", date.imfFixdate), ("(request-target)", "post \(path)"), ("content-length", String(body.count)),
                     ("content-type", "application/json"), ("x-content-sha256", digest.base64)]
        signingString = lines.map { "\($0.0): \($0.1)" }.joined(separator: "\n")
        let signature = Base64.encode(try leafPrivateKey.sign(Array(signingString.utf8)))
        authorization = PythonAuthorization.value(signedHeaders: Self.signedHeaders, keyID: keyID, signatureBase64: signature)

        var request = HTTPRequest(method: .post, scheme: url.scheme, authority: url.authority, path: path)
        request.headerFields[.accept] = "*/*"
        request.headerFields[.contentLength] = String(body.count)
        request.headerFields[.contentType] = "application/json"
        request.headerFields[.date] = date.imfFixdate
        request.headerFields[.xContentSHA256] = digest.base64
        request.headerFields[.authorization] = authorization
        self.request = request
    }
}
