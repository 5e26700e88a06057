import OCISigning

/// The search behind ``MismatchExplainer``: every catalogue variant singly, then every pair,
/// each distinct candidate checked once against the signature.
struct CandidateSearch {
    let received: SignatureCandidate
    let signature: [UInt8]
    let publicKey: OCIPublicKey
    let context: VariantContext

    func verifies(_ candidate: SignatureCandidate) -> Bool {
        publicKey.isValidSignature(signature, for: candidate.bytes)
    }

    /// Singles first, in catalogue order; then pairs.
    func run(_ verification: VerificationResult) -> MismatchExplainer.Explanation {
        var seen: Set<[UInt8]> = [received.bytes]
        var checked: [MismatchExplainer.Explanation.Checked] = []
        var total = 1
        var singles: [(MismatchVariant, [SignatureCandidate])] = []
        var bytes = received.bytes.count
        for (index, variant) in MismatchCatalogue.variants.enumerated() {
            guard total < MismatchExplainer.maxCandidates, bytes < MismatchExplainer.maxCandidateBytes else {
                var bounded = MismatchExplainer.Explanation(verification: verification, received: received, checked: checked, totalCandidates: total)
                bounded.notTried = "\(MismatchCatalogue.variants.count - index) variants and every pair: the search stopped at \(total) candidates (\(bytes) bytes)"
                return bounded
            }
            let candidates = variant.apply(received, context).filter { seen.insert($0.bytes).inserted }
            checked.append(.init(id: variant.id, title: variant.title, candidates: candidates.count))
            total += candidates.count
            bytes += candidates.reduce(0) { $0 + $1.bytes.count }
            if let hit = candidates.first(where: verifies) {
                return .init(verification: verification, received: received, match: .init(variants: [variant], candidate: hit),
                             checked: checked, totalCandidates: total)
            }
            singles.append((variant, candidates))
        }
        let (match, pairs, stopped) = pairSearch(singles, seen: &seen, total: &total, bytes: bytes)
        var explanation = MismatchExplainer.Explanation(verification: verification, received: received, match: match, checked: checked,
                                                        pairsChecked: pairs, totalCandidates: total)
        explanation.notTried = stopped
        return explanation
    }

    /// Two mistakes at once (e.g. host without port and a trailing newline): the second variant
    /// applied to each candidate of the first.
    func pairSearch(_ singles: [(MismatchVariant, [SignatureCandidate])], seen: inout Set<[UInt8]>,
                    total: inout Int, bytes start: Int) -> (MismatchExplainer.Explanation.Match?, Int, String?) {
        var pairs = 0
        var bytes = start
        let pairable = singles.filter { !MismatchCatalogue.unpairedIDs.contains($0.0.id) }
        for (firstIndex, (first, firstCandidates)) in pairable.enumerated() {
            for (second, _) in pairable[(firstIndex + 1)...] {
                pairs += 1
                for candidate in firstCandidates {
                    guard total < MismatchExplainer.maxCandidates, bytes < MismatchExplainer.maxCandidateBytes else {
                        return (nil, pairs, "pairs from \(first.id)+\(second.id) on: the search stopped at \(total) candidates (\(bytes) bytes)")
                    }
                    for combined in second.apply(candidate, context) where seen.insert(combined.bytes).inserted {
                        total += 1
                        bytes += combined.bytes.count
                        if verifies(combined) { return (.init(variants: [first, second], candidate: combined), pairs, nil) }
                    }
                }
            }
        }
        return (nil, pairs, nil)
    }
}
