import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HTTPTypes
import OCISigning

/// A signed `URLRequest` and everything that went into its signature.
public struct SignedURLRequest: Sendable {
    /// The request to hand to URLSession: the original plus `date`, the body headers and
    /// `authorization`.
    public let urlRequest: URLRequest
    /// The signature's details (signing string, components, body digest).
    public let signed: SignedRequest
    /// The request-target and `Host` that were signed, as URLSession will send them.
    public let wire: URLSessionWire
}

extension OCIRequestSigner {
    /// Signs a `URLRequest` for URLSession.
    ///
    /// The request-target and host are taken from the URL as URLSession sends them (see
    /// ``URLSessionWire``); URLs it would rewrite (dot segments, user info) are refused. The body
    /// is `httpBody`, or `body` when you send it separately (`upload(for:from:)`,
    /// `upload(for:fromFile:)`). The added header fields (`date`, `content-type` when absent,
    /// `content-length`, `x-content-sha256`, `authorization`) are set on the returned request;
    /// setting `content-type` also stops URLSession from adding its own
    /// `application/x-www-form-urlencoded` to a POST.
    ///
    /// - Parameters:
    ///   - request: The request with its final URL, method, headers and (optionally) `httpBody`.
    ///   - body: The body sent outside the request; must be nil when `httpBody` is set.
    ///   - options: Exclude-body operations and the date to use when the request has none.
    /// - Throws: `OCISigningError`: `unhashableBody` for an `httpBodyStream` without `body`,
    ///   `unsupportedURL` / `invalidTarget` / `missingHost` for URLs that would not be sent as
    ///   written, and everything `OCIRequestSigner/sign(_:body:options:)` throws.
    public func sign(_ request: URLRequest, body: RequestBody? = nil, options: SigningOptions = .init()) throws(OCISigningError) -> SignedURLRequest {
        let (httpRequest, wire) = try HTTPRequest.forURLSession(request)
        let signingBody: RequestBody
        switch (body, request.httpBody, request.httpBodyStream) {
        case (let body?, nil, nil): signingBody = body
        case (nil, let data?, _): signingBody = .bytes(Array(data))
        case (nil, nil, nil): signingBody = .empty
        case (nil, nil, _?):
            throw OCISigningError(.unhashableBody, "the URLRequest has an httpBodyStream, which cannot be hashed without consuming it; pass the bytes, file or digest as body:")
        case (_?, _, _):
            throw OCISigningError(.unhashableBody, "the URLRequest already has a body (httpBody or httpBodyStream) and body: was given too; give the body once")
        }
        let signed = try sign(httpRequest, body: signingBody, options: options)
        var out = request
        out.setValue(nil, forHTTPHeaderField: "Authorization")
        for field in signed.addedFields {
            out.setValue(field.value, forHTTPHeaderField: field.name.rawName)
        }
        return SignedURLRequest(urlRequest: out, signed: signed, wire: wire)
    }
}

extension HTTPRequest {
    /// The `HTTPRequest` URLSession will send for a `URLRequest`: method, wire target and host,
    /// and the request's header fields. A caller-set `Host` field is refused: Linux URLSession
    /// sends it, Apple's URLSession ignores it (a reserved header), so what would be signed
    /// depends on the platform — put the host in the URL instead.
    static func forURLSession(_ request: URLRequest) throws(OCISigningError) -> (HTTPRequest, URLSessionWire) {
        guard let url = request.url else {
            throw OCISigningError(.unsupportedURL, "the URLRequest has no URL")
        }
        let wire = try URLSessionWire(url: url)
        let methodName = request.httpMethod ?? "GET"
        guard let method = HTTPRequest.Method(methodName) else {
            throw OCISigningError(.unsupportedMethod, "'\(methodName)' is not an HTTP method token")
        }
        var fields = BoundedHTTPFields()
        for (name, value) in (request.allHTTPHeaderFields ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let fieldName = HTTPField.Name(name) else {
                throw OCISigningError(.invalidHeaderValue, "'\(name)' is not a valid header name", header: name.lowercased())
            }
            if fieldName == .authorization { continue }
            if fieldName.canonicalName == "host" {
                throw OCISigningError(.unsupportedURL, "a Host header is set on the URLRequest; URLSession takes the host from the URL (Apple platforms ignore a Host header), so put it in the URL", header: "host")
            }
            try fields.append(HTTPField(name: fieldName, value: value))
        }
        let httpRequest = HTTPRequest(method: method, scheme: wire.scheme, authority: wire.authority, path: wire.target, headerFields: fields.fields)
        return (httpRequest, wire)
    }
}
