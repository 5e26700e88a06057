import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HTTPTypes
import OCISigning

extension OCIIdentityProvider {
    /// Signs a `URLRequest` for URLSession with the provider's current identity.
    ///
    /// Asks `OCIIdentityProvider.identity()` once, so call it again for every
    /// attempt. The identity's delegation token, if any, is set as `opc-obo-token` (and signed).
    /// Everything else is as in `OCIRequestSigner.sign(_:body:options:)` for a `URLRequest`.
    ///
    /// ```swift
    /// let provider = OCICachingIdentityProvider(base)
    /// let signed = try await provider.sign(urlRequest)
    /// let (data, response) = try await URLSession.shared.data(for: signed.urlRequest)
    /// ```
    ///
    /// - Parameters:
    ///   - request: The request with its final URL, method, headers and (optionally) `httpBody`.
    ///   - body: The body sent outside the request; must be nil when `httpBody` is set.
    ///   - options: Exclude-body operations and the date to use when the request has none.
    ///   - allowWeakKey: Accept a 1024–2047-bit key (Oracle's published test key).
    /// - Throws: The provider's errors (`identityExpired`, `identityUnavailable`, …) and the
    ///   signer's.
    public func sign(_ request: URLRequest, body: RequestBody? = nil, options: SigningOptions = .init(),
                     allowWeakKey: Bool = false) async throws(OCISigningError) -> SignedURLRequest {
        let identity = try await identity()
        var request = request
        if let delegationToken = identity.delegationToken {
            request.setValue(delegationToken, forHTTPHeaderField: HTTPField.Name.opcOboToken.rawName)
        }
        return try identity.makeSigner(allowWeakKey: allowWeakKey).sign(request, body: body, options: options)
    }
}
