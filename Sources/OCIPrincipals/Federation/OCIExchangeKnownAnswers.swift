import HTTPTypes
import OCISigning

/// The token-service requests the providers send, built exactly as the providers build them
/// but not sent: the resource-principal v3.0 parent-token GET and session-token POST, and the
/// OKE proxymux POST. `oci-sign vectors` compares them with Oracle's recorded bytes.
package enum OCIExchangeKnownAnswers {
    /// One built request: its head, body and (when signed) signing string and `Authorization`.
    package struct Built: Sendable {
        /// Method, scheme, authority, path and header fields as sent.
        package let request: HTTPRequest
        /// The body as sent.
        package let body: [UInt8]
        /// The signing string; `nil` for an unsigned request.
        package let signingString: String?
        /// The `Authorization` value (Python's parameter order); the bearer value when unsigned.
        package let authorization: String?
    }

    /// RP v3.0 step 1: `GET {parent RPT URL}` signed as the leaf at `date`.
    package static func resourcePrincipalParentToken(url: String, leaf: OCISigningIdentity, date: HTTPDate) throws(OCISigningError) -> Built {
        let signed = try OCIResourcePrincipalTokenExchange.parentTokenRequest(url: url, leaf: leaf, date: date)
        return Built(request: signed.request, body: signed.body, signingString: signed.signingString, authorization: signed.authorization)
    }

    /// RP v3.0 step 2: `POST {endpoint}/v1/resourcePrincipalSessionToken` signed as the leaf at
    /// `date`, posting `sessionPublicKey` (the leaf key's public half).
    package static func resourcePrincipalSessionToken(endpoint: String, resourcePrincipalToken: String, servicePrincipalSessionToken: String,
                                                      sessionPublicKey: OCIPublicKey, leaf: OCISigningIdentity,
                                                      date: HTTPDate) throws(OCISigningError) -> Built {
        let tokens = OCIResourcePrincipalTokenExchange.ParentTokens(resourcePrincipalToken: resourcePrincipalToken,
                                                                   servicePrincipalSessionToken: servicePrincipalSessionToken)
        let signed = try OCIResourcePrincipalTokenExchange.sessionTokenRequest(endpoint: endpoint, tokens: tokens, sessionPublicKey: sessionPublicKey,
                                                                              leaf: leaf, date: date)
        return Built(request: signed.request, body: signed.body, signingString: signed.signingString, authorization: signed.authorization)
    }

    /// OKE: `POST {endpoint}` with the service-account token, `opc-request-id` and `podKey`.
    package static func okeProxymux(endpoint: String, serviceAccountToken: String, sessionPublicKey: OCIPublicKey,
                                    requestID: String) throws(OCISigningError) -> Built {
        let exchange = try OCIProxymuxExchange(endpoint: endpoint, serviceAccountToken: serviceAccountToken,
                                               sessionPublicKey: sessionPublicKey, requestID: requestID)
        return Built(request: exchange.request, body: exchange.body, signingString: nil, authorization: exchange.request.headerFields[.authorization])
    }

    /// OKE: the RPST in a proxymux answer, read as the provider reads it.
    package static func okeRPST(fromAnswer body: [UInt8], endpoint: String) throws(OCISigningError) -> String {
        try OCIProxymuxExchange.rpst(from: OCIHTTPResponse(status: 200, body: body), endpoint: endpoint)
    }
}
