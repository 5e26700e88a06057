import HTTPTypes
import OCISigning
import OCIRawRequest

/// Finds out why a signature does not verify: verification with variants (issue 5). The RSA
/// signature is checked against each candidate signing string the other signer may have built;
/// the first that verifies names the mistake. This finds the bug in either party's signer.
struct MismatchExplainer {
    let publicKey: OCIPublicKey
    let options: VerificationOptions

    /// What `explain` found.
    struct Explanation {
        /// The plain verification result.
        let verification: VerificationResult
        /// The signing string rebuilt from the received request (nil when it cannot be rebuilt).
        let received: SignatureCandidate?
        /// Whether the signature verifies against the received request's signing string.
        let signatureMatchesReceived: Bool
        /// The variant(s) and candidate that the signature matches.
        let match: (variants: [MismatchVariant], candidate: SignatureCandidate)?
        /// When the signature is fine but the body does not match its headers: the body change
        /// that explains it.
        let bodyChange: BodyChange?
        /// Every variant tried, with the number of candidate strings checked.
        let checked: [(id: String, title: String, candidates: Int)]
        /// Pairs of variants tried.
        let pairsChecked: Int
        /// Candidate strings checked in all.
        let totalCandidates: Int
    }

    func explain(raw: RawHTTPRequest, request: HTTPRequest) -> Explanation {
        let verification = OCIRequestVerifier(publicKey: publicKey)
            .verify(request, body: raw.body.isEmpty ? .empty : .bytes(raw.body), options: options)
        guard let authorization = try? OCIRequestVerifier.authorization(of: request),
              let components = try? OCIRequestVerifier.signingComponents(of: request, signedHeaders: authorization.signedHeaders)
        else {
            return Explanation(verification: verification, received: nil, signatureMatchesReceived: false, match: nil,
                               bodyChange: nil, checked: [], pairsChecked: 0, totalCandidates: 0)
        }
        let base = SignatureCandidate(components: components)
        let signature = authorization.signature
        func verifies(_ candidate: SignatureCandidate) -> Bool { publicKey.isValidSignature(signature, for: candidate.bytes) }

        if verifies(base) {
            // The signature is right for what was received; if verification still failed, it is
            // the body, the required headers or the clock. For the body, find the change.
            var bodyChange: BodyChange?
            if let reason = verification.failure?.reason {
                switch reason {
                case .bodyHashMismatch, .contentLengthMismatch:
                    bodyChange = MismatchCatalogue.bodyChanges.first { change in
                        guard let signedBody = change.signedBody(raw.body) else { return false }
                        let digest = ContentDigest(bytes: signedBody)
                        let declaredHash = raw.values(of: "x-content-sha256").first.map { String(decoding: $0, as: UTF8.self) }
                        let declaredLength = raw.values(of: "content-length").first.map { String(decoding: $0, as: UTF8.self) }
                        return (declaredHash == nil || declaredHash == digest.base64) && (declaredLength == nil || declaredLength == String(digest.length))
                    }
                default: break
                }
            }
            return Explanation(verification: verification, received: base, signatureMatchesReceived: true, match: nil,
                               bodyChange: bodyChange, checked: [], pairsChecked: 0, totalCandidates: 1)
        }

        let context = VariantContext(headers: raw.headers, body: raw.body, authorization: authorization)
        var checked: [(String, String, Int)] = []
        var seen: Set<[UInt8]> = [base.bytes]
        var total = 1
        // Single variants, in catalogue order.
        var singles: [(MismatchVariant, [SignatureCandidate])] = []
        for variant in MismatchCatalogue.variants {
            let candidates = variant.apply(base, context).filter { seen.insert($0.bytes).inserted }
            checked.append((variant.id, variant.title, candidates.count))
            total += candidates.count
            if let hit = candidates.first(where: verifies) {
                return Explanation(verification: verification, received: base, signatureMatchesReceived: false,
                                   match: ([variant], hit), bodyChange: nil, checked: checked, pairsChecked: 0, totalCandidates: total)
            }
            singles.append((variant, candidates))
        }
        // Two mistakes at once (e.g. host without port and a trailing newline).
        var pairs = 0
        for (firstIndex, (first, firstCandidates)) in singles.enumerated() where !MismatchCatalogue.unpairedIDs.contains(first.id) {
            for (second, _) in singles[(firstIndex + 1)...] where !MismatchCatalogue.unpairedIDs.contains(second.id) {
                pairs += 1
                for candidate in firstCandidates {
                    for combined in second.apply(candidate, context) where seen.insert(combined.bytes).inserted {
                        total += 1
                        if verifies(combined) {
                            return Explanation(verification: verification, received: base, signatureMatchesReceived: false,
                                               match: ([first, second], combined), bodyChange: nil, checked: checked, pairsChecked: pairs, totalCandidates: total)
                        }
                    }
                }
            }
        }
        return Explanation(verification: verification, received: base, signatureMatchesReceived: false, match: nil,
                           bodyChange: nil, checked: checked, pairsChecked: pairs, totalCandidates: total)
    }
}
