#if AsyncHTTPClient
import AsyncHTTPClient
import HTTPTypes
import NIOCore
import NIOHTTP1
import OCISigning

/// A signed `HTTPClientRequest` and everything that went into its signature.
public struct SignedHTTPClientRequest: Sendable {
    /// The request to execute: the original with its body set and `date`, the body headers and
    /// `authorization` added.
    public let request: HTTPClientRequest
    /// The signature's details (signing string, components, body digest).
    public let signed: SignedRequest
    /// The request-target and `Host` that were signed, as AsyncHTTPClient will send them.
    public let wire: AsyncHTTPClientWire
}

extension OCIRequestSigner {
    /// Signs an AsyncHTTPClient request and sets its body.
    ///
    /// The request-target and `Host` are what AsyncHTTPClient will send (``AsyncHTTPClientWire``).
    /// The body is passed here rather than in `request.body`, because a `HTTPClientRequest.Body`
    /// cannot be read back to hash it; a request that already has a body is refused.
    ///
    /// ```swift
    /// var request = HTTPClientRequest(url: "https://iaas.us-ashburn-1.oraclecloud.com/20160918/volumeBackups")
    /// request.method = .POST
    /// let signed = try signer.sign(request, body: .bytes(Array(json)))
    /// let response = try await HTTPClient.shared.execute(signed.request, timeout: .seconds(30))
    /// ```
    ///
    /// - Parameters:
    ///   - request: URL, method and headers as they will be sent; `body` must be nil.
    ///   - body: The body to sign and send.
    ///   - options: Exclude-body operations and the date to use when the request has none.
    /// - Throws: `OCISigningError`: `unhashableBody` when `request.body` is set,
    ///   `unsupportedURL` / `missingHost` / `invalidTarget` for the URL, `invalidHeaderValue` for
    ///   a header AsyncHTTPClient would refuse, and everything
    ///   `OCIRequestSigner/sign(_:body:options:)` throws.
    public func sign(_ request: HTTPClientRequest, body: SignableHTTPClientBody = .empty, options: SigningOptions = .init()) throws(OCISigningError) -> SignedHTTPClientRequest {
        guard request.body == nil else {
            throw OCISigningError(.unhashableBody, "the HTTPClientRequest already has a body, which cannot be read back to hash it; pass it as sign(_:body:) instead")
        }
        let wire = try AsyncHTTPClientWire(url: request.url)
        guard let method = HTTPRequest.Method(request.method.rawValue) else {
            throw OCISigningError(.unsupportedMethod, "'\(request.method.rawValue)' is not an HTTP method token")
        }
        var bounded = BoundedHTTPFields()
        for (name, value) in request.headers where name.lowercased() != "authorization" {
            guard let fieldName = HTTPField.Name(name) else {
                throw OCISigningError(.invalidHeaderValue, "'\(name)' is not a valid header name", header: name.lowercased())
            }
            try bounded.append(HTTPField(name: fieldName, value: value))
        }
        let fields = bounded.fields
        // With a Host header of its own, AsyncHTTPClient sends that instead of the URL's host;
        // the engine signs the Host field when it is the only one.
        let hasHostField = fields[values: HTTPField.Name("host")!].isEmpty == false
        let httpRequest = HTTPRequest(method: method, scheme: wire.scheme, authority: hasHostField ? nil : wire.authority, path: wire.target, headerFields: fields)
        let signed = try sign(httpRequest, body: body.signingBody, options: options)

        var out = request
        out.headers.remove(name: "authorization")
        for field in signed.addedFields {
            out.headers.add(name: field.name.rawName, value: field.value)
        }
        out.body = body.requestBody
        let signedWire = hasHostField ? AsyncHTTPClientWire(scheme: wire.scheme, authority: signed.components.first { $0.name == "host" }?.value ?? wire.authority, target: wire.target) : wire
        return SignedHTTPClientRequest(request: out, signed: signed, wire: signedWire)
    }
}

extension AsyncHTTPClientWire {
    init(scheme: String, authority: String, target: String) {
        self.scheme = scheme
        self.authority = authority
        self.target = target
    }
}

extension HTTPClient {
    /// Signs a request with `signer` and executes it: the one call most OCI requests need.
    ///
    /// ```swift
    /// let response = try await HTTPClient.shared.execute(request, body: .bytes(json), signedBy: signer, timeout: .seconds(30))
    /// ```
    ///
    /// Redirects are not re-signed: a redirected OCI request would fail authentication, so
    /// keep redirect following off (or handle 3xx yourself) for signed calls.
    ///
    /// - Parameters:
    ///   - request: URL, method and headers; `body` must be nil.
    ///   - body: The body to sign and send.
    ///   - signer: The key and key id that sign.
    ///   - options: Exclude-body operations and the date to use when the request has none.
    ///   - timeout: The deadline for the whole request, as in `execute(_:timeout:)`.
    /// - Returns: The response (the body still to be read).
    /// - Throws: `OCISigningError` before anything is sent, or AsyncHTTPClient's errors.
    public func execute(
        _ request: HTTPClientRequest, body: SignableHTTPClientBody = .empty, signedBy signer: OCIRequestSigner,
        options: SigningOptions = .init(), timeout: TimeAmount
    ) async throws -> HTTPClientResponse {
        let signed = try signer.sign(request, body: body, options: options)
        return try await execute(signed.request, timeout: timeout)
    }
}
#endif
