#if AsyncHTTPClient
import AsyncHTTPClient
import HTTPTypes
import OCISigning

extension OCIIdentityProvider {
    /// Signs an AsyncHTTPClient request with the provider's current identity and sets its body.
    ///
    /// Asks ``OCISigning/OCIIdentityProvider/identity()`` once, so call it again for every
    /// attempt (a retried request is signed anew). The identity's delegation token, if any, is
    /// added as `opc-obo-token` (and signed). Everything else is as in
    /// `OCIRequestSigner.sign(_:body:options:)` for an `HTTPClientRequest`.
    ///
    /// ```swift
    /// let signed = try await provider.sign(request, body: .bytes(Array(json)))
    /// let response = try await HTTPClient.shared.execute(signed.request, timeout: .seconds(30))
    /// ```
    ///
    /// - Parameters:
    ///   - request: URL, method and headers as they will be sent; `body` must be nil.
    ///   - body: The body to sign and send.
    ///   - options: Exclude-body operations and the date to use when the request has none.
    ///   - allowWeakKey: Accept a 1024–2047-bit key (Oracle's published test key).
    /// - Throws: The provider's errors (`identityExpired`, `identityUnavailable`, …) and the
    ///   signer's.
    public func sign(_ request: HTTPClientRequest, body: SignableHTTPClientBody = .empty, options: SigningOptions = .init(),
                     allowWeakKey: Bool = false) async throws(OCISigningError) -> SignedHTTPClientRequest {
        let identity = try await identity()
        var request = request
        if let delegationToken = identity.delegationToken {
            request.headers.replaceOrAdd(name: HTTPField.Name.opcOboToken.rawName, value: delegationToken)
        }
        return try identity.makeSigner(allowWeakKey: allowWeakKey).sign(request, body: body, options: options)
    }
}
#endif
