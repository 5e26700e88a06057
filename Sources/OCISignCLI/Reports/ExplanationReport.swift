import OCISigning
import OCISigningDiagnostics

/// Renders an ``MismatchExplainer/Explanation``.
struct ExplanationReport {
    let explanation: MismatchExplainer.Explanation
    let file: String

    var verdict: String {
        let e = explanation
        if e.verification.isValid { return "valid" }
        if e.received == nil { return "unexplainable" }
        if e.signatureMatchesReceived { return "signature-ok-other-failure" }
        return e.match == nil ? "no-variant-matched" : "variant-matched"
    }

    var diff: [String] {
        guard let received = explanation.received, let match = explanation.match else { return [] }
        return LineDiff.diff(VisibleBytes.lines(received.bytes), VisibleBytes.lines(match.candidate.bytes))
    }

    var text: String {
        let e = explanation
        var out: [String] = []
        switch e.verification {
        case .valid(let details):
            out.append("valid: the signature verifies (signed headers: \(details.authorization.signedHeaders.joined(separator: " ")))")
            return out.joined(separator: "\n")
        case .invalid(let failure):
            out.append("verification: \(failure.code): \(failure.description)")
        }
        if let mismatch = e.fingerprintMismatch {
            out.append("key: the keyId names the key with fingerprint \(mismatch.keyIDFingerprint), but the key given has \(mismatch.keyFingerprint): OCI looks the key up by keyId and checks the signature with that one (fix the keyId, or give the key it names; 'oci-sign fingerprint KEY' prints a key's)")
        }
        if let operation = e.excludeBodyOperation {
            out.append("this is \(operation): OCI does not sign its body; use --exclude-body")
        }
        guard let received = e.received else {
            if let notTried = e.notTried {
                out.append("cannot explain: not tried (search bound): \(notTried)")
                return out.joined(separator: "\n")
            }
            out.append("cannot explain: the signing string cannot be rebuilt from this request (see the reason above)")
            return out.joined(separator: "\n")
        }
        if e.signatureMatchesReceived {
            out.append("signature: verifies against the request as received — the signature is not the problem")
            if let operation = e.excludeBodyOperation {
                out.append("explanation: the signature is right for \(operation) signed without its body, as OCI signs it; verify with --exclude-body")
            } else if let change = e.bodyChange {
                out.append("explanation: \(change.title) [\(change.id)]")
            } else if case .dateOutsideWindow? = e.verification.failure?.reason {
                out.append("explanation: the clock — the signature, body and headers are right, the date is outside the window")
            } else if let failure = e.verification.failure {
                out.append("explanation: \(failure.description)")
            }
            return out.joined(separator: "\n")
        }
        out.append("signature: does not verify against the request as received")
        if let match = e.match {
            let names = match.variants.map(\.id).joined(separator: " + ")
            out.append("match: \(names) — \(match.variants.map(\.title).joined(separator: "; and "))")
            for detail in match.candidate.details { out.append("  \(detail)") }
            for variant in match.variants { out.append("  fix: \(variant.advice)") }
            out.append("diff of the signing strings (- as received, + as signed; line ends shown):")
            out += diff.map { "  " + $0 }
        } else {
            out += unmatchedLines(received)
        }
        return out.joined(separator: "\n")
    }

    /// What was checked, ruled out and not tried, when no variant matched.
    func unmatchedLines(_ received: SignatureCandidate) -> [String] {
        let e = explanation
        var out: [String] = []
        out.append("no known variant matches: \(e.totalCandidates) candidate signing strings checked (\(e.checked.count) variants singly, \(e.pairsChecked) pairs\(e.portsScanned > 0 ? ", and \(e.portsScanned) ports scanned" : ""))")
        if let notTried = e.notTried { out.append("not tried (search bound): \(notTried)") }
        out.append("checked:")
        for item in e.checked { out.append("  " + Self.checkedLine(item)) }
        out.append("signing string as received (line ends shown):")
        out += VisibleBytes.lines(received.bytes).map { "  " + $0 }
        let ruledOut = e.checked.filter { $0.candidates > 0 }.map(\.id)
        let notApplicable = e.checked.filter { $0.candidates == 0 }.map(\.id)
        out.append("ruled out (the signature matches none of their candidates): \(ruledOut.isEmpty ? "nothing" : ruledOut.joined(separator: ", "))")
        if !notApplicable.isEmpty { out.append("not applicable to this request (no candidate): \(notApplicable.joined(separator: ", "))") }
        out.append("not tried:")
        out += e.untried.map { "  - " + $0 }
        out.append("  - " + keyLine)
        return out
    }

    /// "id (n candidates; scope): title".
    static func checkedLine(_ item: MismatchExplainer.Explanation.Checked) -> String {
        let count = item.candidates == 0 ? "no candidate" : "\(item.candidates) candidate\(item.candidates == 1 ? "" : "s")"
        return "\(item.id) (\(count)\(item.scope.map { "; " + $0 } ?? "")): \(item.title)"
    }

    /// What can be said about the key without the private key that made the signature.
    var keyLine: String {
        if let mismatch = explanation.fingerprintMismatch {
            return "another key: the keyId names \(mismatch.keyIDFingerprint), not the key given (\(mismatch.keyFingerprint)); run explain with the key the keyId names"
        }
        return "another key: a signature by a different private key fails every candidate alike, so it cannot be told from a change not modelled here; the keyId's fingerprint matches the key given (if it names one), so check that this is the key uploaded for the user (OCI Console → API keys)"
    }

    var json: JSONValue {
        let e = explanation
        var members: [(String, JSONValue)] = [("file", .string(file)), ("verdict", .string(verdict))]
        if let failure = e.verification.failure {
            members += [("reason", .string("\(failure.code)")), ("description", .string(failure.description))]
        }
        members.append(("signatureMatchesReceived", .bool(e.signatureMatchesReceived)))
        if let received = e.received { members.append(("receivedSigningString", .string(received.text))) }
        if let change = e.bodyChange { members.append(("bodyChange", .string(change.id))) }
        if let match = e.match {
            members += [("match", .array(match.variants.map { .string($0.id) })),
                        ("matchDetails", .array(match.candidate.details.map { .string($0) })),
                        ("signedSigningString", .string(match.candidate.text)),
                        ("diff", .array(diff.map { .string($0) }))]
        }
        members += [("checked", .array(e.checked.map { item in
                        .object([("id", .string(item.id)), ("candidates", .number(item.candidates))] + (item.scope.map { [("scope", JSONValue.string($0))] } ?? []))
                    })),
                    ("pairsChecked", .number(e.pairsChecked)), ("candidatesChecked", .number(e.totalCandidates)),
                    ("portsScanned", .number(e.portsScanned))]
        if let notTried = e.notTried { members.append(("notTried", .string(notTried))) }
        if let mismatch = e.fingerprintMismatch {
            members.append(("fingerprintMismatch", .object([("keyId", .string(mismatch.keyIDFingerprint)), ("key", .string(mismatch.keyFingerprint))])))
        }
        if let operation = e.excludeBodyOperation { members.append(("excludeBodyOperation", .string(operation))) }
        if !e.untried.isEmpty { members.append(("untried", .array(e.untried.map { .string($0) }))) }
        return .object(members)
    }
}
