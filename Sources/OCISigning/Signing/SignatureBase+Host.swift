import HTTPTypes

extension SignatureBase {
    /// The `host` value OCI signs for a request: its authority, or its `Host` field when it has
    /// no authority. The signer and the verifier both take the host from here, so what one
    /// signs is what the other rebuilds.
    ///
    /// - Throws: `duplicateSignedHeader` when the request has two `Host` fields or an authority
    ///   and a `Host` field that differ; `missingHost` when it has neither (or both are empty).
    public static func host(of request: HTTPRequest) throws(OCISigningError) -> String {
        let hostFields = request.headerFields[values: .host]
        if hostFields.count > 1 {
            throw OCISigningError(.duplicateSignedHeader, "the Host header is given \(hostFields.count) times", header: "host")
        }
        switch (request.authority, hostFields.first) {
        case (let authority?, let field?) where authority != field:
            throw OCISigningError(.duplicateSignedHeader, "the authority '\(authority)' and the Host header '\(field)' differ", header: "host")
        case (let authority?, _) where !authority.isEmpty:
            return authority
        case (_, let field?) where !field.isEmpty:
            return field
        default:
            throw OCISigningError(.missingHost, "the request has no host: set the authority or a Host header", header: "host")
        }
    }
}
