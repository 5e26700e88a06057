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
            if let change = e.bodyChange {
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
            out.append("no known variant matches: \(e.totalCandidates) candidate signing strings checked (\(e.checked.count) variants singly, \(e.pairsChecked) pairs)")
            if let notTried = e.notTried { out.append("not tried (search bound): \(notTried)") }
            out.append("checked:")
            for item in e.checked { out.append("  \(item.id) (\(item.candidates) candidate\(item.candidates == 1 ? "" : "s")): \(item.title)") }
            out.append("signing string as received (line ends shown):")
            out += VisibleBytes.lines(received.bytes).map { "  " + $0 }
            out.append("remaining suspects: a different key (check the keyId fingerprint with 'oci-sign dump'), or a change this tool does not model")
        }
        return out.joined(separator: "\n")
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
        members += [("checked", .array(e.checked.map { .object([("id", .string($0.id)), ("candidates", .number($0.candidates))]) })),
                    ("pairsChecked", .number(e.pairsChecked)), ("candidatesChecked", .number(e.totalCandidates))]
        if let notTried = e.notTried { members.append(("notTried", .string(notTried))) }
        return .object(members)
    }
}
