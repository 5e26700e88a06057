import Foundation
import HTTPTypes
import Logging
import OCISigning

/// The two calls of a nested (v3.0) resource principal, as Oracle's Python SDK makes them
/// (spec §4.5, observed on the wire); v1.1 makes the same two calls signed as the instance
/// principal, for the resource's own token:
///
/// 1. `GET {parent RPT URL}` signed as the leaf (`ST$<leaf RPST>`, leaf key) over
///    `date (request-target) host`; the answer is
///    `{"resourcePrincipalToken": …, "servicePrincipalSessionToken": …}`.
/// 2. `POST {parent RPST endpoint}/v1/resourcePrincipalSessionToken` with
///    `{"resourcePrincipalToken", "servicePrincipalSessionToken", "sessionPublicKey"}` in
///    `json.dumps` form, `sessionPublicKey` the base64 SPKI of the **leaf** key, signed as the
///    leaf over the six body headers; the answer is `{"token": "<parent RPST>"}`.
struct OCIResourcePrincipalTokenExchange: Sendable {
    let transport: any OCIHTTPTransport
    let timeout: Duration
    let retry: OCIRetryPolicy
    let logger: Logger?

    /// The parent's resource principal and service principal session tokens.
    struct ParentTokens: Sendable {
        let resourcePrincipalToken: String
        let servicePrincipalSessionToken: String
    }

    /// A signed exchange request, `Authorization` parameters in the Python SDK's order.
    struct SignedExchange: Sendable {
        let request: HTTPRequest
        let body: [UInt8]
        let signingString: String
        let authorization: String

        /// Re-emits the signer's `Authorization` in the order Python writes it
        /// (`algorithm,headers,keyId,signature,version`): same signature, same bytes on the wire.
        init(_ signed: SignedRequest, body: [UInt8]) {
            authorization = PythonAuthorization.value(signedHeaders: signed.signedHeaders, keyID: signed.keyID, signatureBase64: signed.signatureBase64)
            var request = signed.request
            request.headerFields[.authorization] = authorization
            self.request = request
            self.body = body
            signingString = signed.signingString
        }
    }

    /// Step 1, signed: the GET of the parent's resource principal token.
    static func parentTokenRequest(url: String, leaf: OCISigningIdentity, date: HTTPDate) throws(OCISigningError) -> SignedExchange {
        let target = try OCIRequestURL(url, what: OCIResourcePrincipalLoader.Names.parentRPTURL)
        var request = HTTPRequest(method: .get, scheme: target.scheme, authority: target.authority, path: target.pathAndQuery)
        request.headerFields[.accept] = "*/*"
        return SignedExchange(try leaf.sign(request, options: SigningOptions(date: date)), body: [])
    }

    /// Step 2, signed: the POST that exchanges the parent's tokens for its session token.
    static func sessionTokenRequest(endpoint: String, tokens: ParentTokens, sessionPublicKey: OCIPublicKey, leaf: OCISigningIdentity,
                                    date: HTTPDate) throws(OCISigningError) -> SignedExchange {
        let base = try OCIEndpointURL(endpoint, what: OCIResourcePrincipalLoader.Names.parentRPSTEndpoint)
        let body = Array(PythonJSON.object([
            ("resourcePrincipalToken", PythonJSON.string(tokens.resourcePrincipalToken)),
            ("servicePrincipalSessionToken", PythonJSON.string(tokens.servicePrincipalSessionToken)),
            ("sessionPublicKey", PythonJSON.string(Base64.encode(try sessionPublicKey.derRepresentation))),
        ]).utf8)
        var request = HTTPRequest(method: .post, scheme: base.scheme, authority: base.authority, path: base.path + "/v1/resourcePrincipalSessionToken")
        request.headerFields[.accept] = "*/*"
        request.headerFields[.contentType] = "application/json"
        return SignedExchange(try leaf.sign(request, body: .bytes(body), options: SigningOptions(date: date)), body: body)
    }

    /// Whose token the two steps obtain, for error messages and the one protocol difference:
    /// only a v3.0 parent may answer with `opc-parent-rpt-url` (a further parent).
    enum Kind: Sendable {
        /// v3.0: the parent resource's token, fetched as the leaf.
        case parent
        /// v1.1: the resource's own token, fetched as the instance.
        case resource

        var tokenName: String { self == .parent ? "the parent resource principal token" : "the resource principal token" }
    }

    /// Both steps: the parent's RPST.
    func parentSessionToken(rptURL: String, rpstEndpoint: String, leaf: OCISigningIdentity, sessionPublicKey: OCIPublicKey,
                            date: HTTPDate) async throws(OCISigningError) -> String {
        try await sessionToken(rptURL: rptURL, rpstEndpoint: rpstEndpoint, signer: leaf, sessionPublicKey: sessionPublicKey, date: date, kind: .parent)
    }

    /// Both steps, signed by `signer` (the v3.0 leaf, or the v1.1 instance principal): the
    /// session token bound to `sessionPublicKey`.
    func sessionToken(rptURL: String, rpstEndpoint: String, signer: OCISigningIdentity, sessionPublicKey: OCIPublicKey,
                      date: HTTPDate, kind: Kind) async throws(OCISigningError) -> String {
        let fetching = "fetching \(kind.tokenName)"
        let first = try Self.parentTokenRequest(url: rptURL, leaf: signer, date: date)
        let answer = try await send(first.request, body: [], step: fetching, url: rptURL)
        if kind == .parent, answer.headerFields[HTTPField.Name("opc-parent-rpt-url")!] != nil {
            throw OCISigningError(.resourcePrincipalExchangeFailed, "GET \(rptURL) answered with opc-parent-rpt-url (a further parent resource): more than one level of nesting is not supported")
        }
        let object = try Self.jsonObject(answer.body, step: fetching, url: "GET \(rptURL)")
        guard let rpt = object["resourcePrincipalToken"] as? String, !rpt.isEmpty,
              let spst = object["servicePrincipalSessionToken"] as? String, !spst.isEmpty else {
            throw OCISigningError(.resourcePrincipalExchangeFailed, "the answer of GET \(rptURL) lacks resourcePrincipalToken or servicePrincipalSessionToken")
        }
        let tokens = ParentTokens(resourcePrincipalToken: rpt, servicePrincipalSessionToken: spst)
        let second = try Self.sessionTokenRequest(endpoint: rpstEndpoint, tokens: tokens, sessionPublicKey: sessionPublicKey, leaf: signer, date: date)
        let url = "\(rpstEndpoint)/v1/resourcePrincipalSessionToken"
        let exchanging = "exchanging \(kind.tokenName)"
        let response = try await send(second.request, body: second.body, step: exchanging, url: url)
        let token = try Self.jsonObject(response.body, step: exchanging, url: "POST \(url)")["token"] as? String
        guard let token, !token.isEmpty else {
            throw OCISigningError(.resourcePrincipalExchangeFailed, "the answer of POST \(url) has no 'token'")
        }
        return token
    }

    private func send(_ request: HTTPRequest, body: [UInt8], step: String, url: String) async throws(OCISigningError) -> OCIHTTPResponse {
        let method = request.method.rawValue
        logger?.debug("resource principal exchange", metadata: ["step": .string(step), "url": .string(url)])
        let response: OCIHTTPResponse
        do {
            response = try await retry.run { () async throws(OCISigningError) -> OCIHTTPResponse in
                try await transport.send(request, body: body, timeout: timeout)
            }
        } catch {
            throw OCISigningError(.resourcePrincipalExchangeFailed, "\(step): \(method) \(url) failed: \(error.reason)")
        }
        logger?.debug("resource principal exchange response", metadata: ["url": .string(url), "status": .stringConvertible(response.status)])
        guard response.isSuccess else {
            throw OCISigningError(.resourcePrincipalExchangeFailed, "\(step): \(method) \(url) answered HTTP \(response.status)\(OCIX509FederationClient.serviceError(response.body))")
        }
        return response
    }

    private static func jsonObject(_ body: [UInt8], step: String, url: String) throws(OCISigningError) -> [String: Any] {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {
            throw OCISigningError(.resourcePrincipalExchangeFailed, "\(step): the answer of \(url) is not a JSON object")
        }
        return object
    }
}

/// A complete `http(s)://authority/path[?query]` URL, split for an `HTTPRequest` (the parent
/// RPT URL is a full URL, path included, unlike the base URLs of ``OCIEndpointURL``).
struct OCIRequestURL: Sendable {
    let scheme: String
    let authority: String
    let pathAndQuery: String

    init(_ text: String, what: String) throws(OCISigningError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.percentEncodedHost, !host.isEmpty,
              components.fragment == nil, components.user == nil else {
            throw OCISigningError(.invalidEndpoint, "\(what) '\(text)' is not an http(s)://host[:port]/path URL")
        }
        self.scheme = scheme
        authority = components.port.map { "\(host):\($0)" } ?? host
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        pathAndQuery = components.percentEncodedQuery.map { "\(path)?\($0)" } ?? path
    }
}
