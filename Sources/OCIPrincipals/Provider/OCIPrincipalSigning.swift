import HTTPTypes
import OCISigning

/// Signs a request as an identity, adding what the identity implies: the `opc-obo-token` of a
/// delegation identity (set when the request has none, signed right after `host`).
public enum OCIPrincipalSigning {
    /// Adds the identity's delegation token, if any, and signs.
    ///
    /// - Throws: the signer's errors (see `OCIRequestSigner.sign(_:body:options:)`).
    public static func sign(_ request: HTTPRequest, body: RequestBody = .empty, options: SigningOptions = .init(),
                            as identity: OCISigningIdentity) throws(OCISigningError) -> SignedRequest {
        var request = request
        if let token = identity.delegationToken, request.headerFields[.opcOboToken] == nil {
            request.headerFields[.opcOboToken] = token
        }
        return try identity.makeSigner().sign(request, body: body, options: options)
    }

    /// Asks `provider` for the current identity and signs with it.
    public static func sign(_ request: HTTPRequest, body: RequestBody = .empty, options: SigningOptions = .init(),
                            with provider: some OCIIdentityProvider) async throws(OCISigningError) -> SignedRequest {
        try sign(request, body: body, options: options, as: try await provider.identity())
    }
}
