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
            checked.append(.init(id: variant.id, title: variant.title, candidates: candidates.count, scope: variant.scope(received, context)))
            total += candidates.count
            bytes += candidates.reduce(0) { $0 + $1.bytes.count }
            if let hit = candidates.first(where: verifies) {
                return .init(verification: verification, received: received, match: .init(variants: [variant], candidate: hit),
                             checked: checked, totalCandidates: total)
            }
            singles.append((variant, candidates))
        }
        var (match, pairs, stopped) = pairSearch(singles, seen: &seen, total: &total, bytes: bytes)
        var scanned = 0
        if match == nil, stopped == nil, let (scanMatch, count) = scanPorts() {
            match = scanMatch
            // Its own budget (maxPortScan): not counted against maxCandidates.
            scanned = count
            checked.append(.init(id: MismatchCatalogue.hostPortScan.id, title: MismatchCatalogue.hostPortScan.title, candidates: count,
                                 scope: "every other port, 1–65535, after nothing else matched"))
        }
        var explanation = MismatchExplainer.Explanation(verification: verification, received: received, match: match, checked: checked,
                                                        pairsChecked: pairs, totalCandidates: total)
        explanation.notTried = stopped
        explanation.portsScanned = scanned
        if match == nil { explanation.untried = untried() }
        return explanation
    }

    /// Most ports the last-resort scan tries.
    static let maxPortScan = 65_535

    /// The last resort for a host signed with a port nobody names: every port 1–65535 but the
    /// Host's own and those ``MismatchCatalogue/hostWithPort`` tried, built lazily, one RSA
    /// verification each (about a second for a 2048-bit key). The match (if any) and the
    /// number of ports tried; nil when the request has no host line.
    func scanPorts() -> (MismatchExplainer.Explanation.Match?, Int)? {
        guard let host = received.value("host") else { return nil }
        let parsed = HostInspection(host)
        let tried = Set(MismatchCatalogue.hostPorts(parsed, context)).union([parsed.port ?? ""])
        var scanned = 0
        for port in 1...Self.maxPortScan where !tried.contains(String(port)) {
            scanned += 1
            if let candidate = received.replacing("host", with: "\(parsed.name):\(port)", "host '\(parsed.name):\(port)' instead of '\(host)'"),
               verifies(candidate) {
                return (.init(variants: [MismatchCatalogue.hostPortScan], candidate: candidate), scanned)
            }
        }
        return (nil, scanned)
    }

    /// What the search did not try, for a request nothing explained.
    func untried() -> [String] {
        var out = ["pairs involving \(MismatchCatalogue.unpairedIDs.sorted().joined(separator: ", ")) (each gives hundreds of candidates), and three or more changes at once"]
        if received.value("date") != nil || received.value("x-date") != nil {
            out.append("a signed date more than \(MismatchCatalogue.dateSearchSeconds) s from the date sent")
        }
        if received.value("host") != nil {
            out.append("a host other than " + (context.hostHints.isEmpty ? "the Host sent" : "the Host sent and \(context.hostHints.joined(separator: ", "))")
                       + " (give the capture with the client's connection, or an X-Forwarded-Host)")
        }
        out.append("a change to a header value other than those above (the received values are taken as signed)")
        return out
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
