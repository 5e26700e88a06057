import HTTPTypes
import OCISigning

/// Finds out why a signature does not verify. The RSA signature is checked against each
/// candidate signing string the other signer may have built (``MismatchCatalogue``, singly and
/// in pairs); the first that verifies names the mistake. This finds the bug in either party's
/// signer, so a client debugging a 401 and a server logging one can both use it.
public struct MismatchExplainer: Sendable {
    /// The key that must have made the signature.
    public let publicKey: OCIPublicKey
    /// The verification the request failed (clock, excluded body).
    public let options: VerificationOptions

    /// An explainer for signatures made by `publicKey`'s private half.
    public init(publicKey: OCIPublicKey, options: VerificationOptions = .init()) {
        self.publicKey = publicKey
        self.options = options
    }

    /// Most names in `headers=` the search runs for; a longer list is reported, not searched
    /// (each variant multiplies over the signed headers, and pairs over that again).
    public static let maxSignedHeaders = 64
    /// Most candidate signing strings checked in one search.
    public static let maxCandidates = 20_000
    /// Most candidate bytes built in one search (256 MiB).
    public static let maxCandidateBytes = 256 << 20

    /// Verifies `request` with `body` and, when it fails, searches for the variant that the
    /// signature matches.
    public func explain(_ request: HTTPRequest, body: [UInt8]) -> Explanation {
        let verification = OCIRequestVerifier(publicKey: publicKey)
            .verify(request, body: body.isEmpty ? .empty : .bytes(body), options: options)
        guard let authorization = try? OCIRequestVerifier.authorization(of: request) else {
            return Explanation(verification: verification)
        }
        // Before the signing string is rebuilt: each name is a lookup over every field.
        guard authorization.signedHeaders.count <= Self.maxSignedHeaders else {
            var bounded = Explanation(verification: verification)
            bounded.notTried = "every variant: headers= lists \(authorization.signedHeaders.count) names, more than the \(Self.maxSignedHeaders) the search runs for"
            return bounded
        }
        guard let components = try? OCIRequestVerifier.signingComponents(of: request, signedHeaders: authorization.signedHeaders)
        else {
            return Explanation(verification: verification)
        }
        let search = CandidateSearch(
            received: SignatureCandidate(base: SignatureBase(components)), signature: authorization.signature, publicKey: publicKey,
            context: VariantContext(headerFields: request.headerFields, body: body, authorization: authorization))
        if search.verifies(search.received) {
            return Explanation(verification: verification, received: search.received, signatureMatchesReceived: true,
                               bodyChange: Self.bodyChange(verification, request: request, body: body), totalCandidates: 1)
        }
        return search.run(verification)
    }

    /// When the signature is right but verification failed on the body: the body change that
    /// makes the body match its declared headers.
    static func bodyChange(_ verification: VerificationResult, request: HTTPRequest, body: [UInt8]) -> BodyChange? {
        switch verification.failure?.reason {
        case .bodyHashMismatch?, .contentLengthMismatch?: break
        default: return nil
        }
        let declaredHash = request.headerFields[values: .xContentSHA256].first
        let declaredLength = request.headerFields[values: .contentLength].first
        return MismatchCatalogue.bodyChanges.first { change in
            guard let signedBody = change.signedBody(body) else { return false }
            let digest = ContentDigest(bytes: signedBody)
            return (declaredHash == nil || declaredHash == digest.base64) && (declaredLength == nil || declaredLength == String(digest.length))
        }
    }
}
