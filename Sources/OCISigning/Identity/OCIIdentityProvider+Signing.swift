import HTTPTypes

extension OCISigningIdentity {
    /// Signs `request` as this identity: adds `opc-obo-token` when the identity carries a
    /// delegation token (so it is sent and signed), then signs with ``OCIRequestSigner``.
    ///
    /// - Parameters:
    ///   - request: The request as it will be sent; see ``OCIRequestSigner/sign(_:body:options:)``.
    ///   - body: The exact body bytes that will be sent, or their digest.
    ///   - options: Exclude-body operations and the date to use when the request has none.
    ///   - allowWeakKey: Accept a 1024–2047-bit key (Oracle's published test key).
    /// - Throws: What ``OCIRequestSigner/init(keyID:privateKey:allowWeakKey:)`` and
    ///   ``OCIRequestSigner/sign(_:body:options:)`` throw.
    public func sign(_ request: HTTPRequest, body: RequestBody = .empty, options: SigningOptions = .init(),
                     allowWeakKey: Bool = false) throws(OCISigningError) -> SignedRequest {
        var request = request
        if let delegationToken { request.headerFields[.opcOboToken] = delegationToken }
        return try makeSigner(allowWeakKey: allowWeakKey).sign(request, body: body, options: options)
    }
}

extension OCIIdentityProvider {
    /// Signs `request` with the provider's current identity.
    ///
    /// Asks ``identity()`` once, so call it again for every attempt: a retried request must be
    /// signed anew (new date, maybe a new token). The identity's delegation token, if any, is
    /// added as `opc-obo-token`.
    ///
    /// ```swift
    /// let provider = OCICachingIdentityProvider(OCIStaticIdentityProvider(keyID: keyID, privateKey: key))
    /// let signed = try await provider.sign(request, body: .bytes(json))
    /// ```
    ///
    /// - Parameters:
    ///   - request: The request as it will be sent; see ``OCIRequestSigner/sign(_:body:options:)``.
    ///   - body: The exact body bytes that will be sent, or their digest.
    ///   - options: Exclude-body operations and the date to use when the request has none.
    ///   - allowWeakKey: Accept a 1024–2047-bit key (Oracle's published test key).
    /// - Throws: The provider's errors (`identityExpired`, `identityUnavailable`, …) and the
    ///   signer's.
    public func sign(_ request: HTTPRequest, body: RequestBody = .empty, options: SigningOptions = .init(),
                     allowWeakKey: Bool = false) async throws(OCISigningError) -> SignedRequest {
        try await identity().sign(request, body: body, options: options, allowWeakKey: allowWeakKey)
    }
}
