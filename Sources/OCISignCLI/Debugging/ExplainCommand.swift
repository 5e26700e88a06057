import ArgumentParser
import OCISigning

/// `oci-sign explain`: says why a signature does not verify, by trying the known mismatches.
public struct ExplainCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain why a request's signature does not verify.",
        discussion: """
            FILE is a request as it was sent, with its Authorization header (a capture, a proxy \
            log, or another SDK's output in the raw request format). explain verifies it; when the \
            signature does not verify against the request as received, it rebuilds the signing \
            strings the other signer may have built instead — host with/without port, target \
            re-encoded (%20/+, escape case, decoded, reserved characters, sorted query, \
            lowercased), a modified body (trailing newline, LF/CRLF, empty), header order, method \
            case, trailing newline, CRLF joins, date vs x-date, body headers included/excluded, \
            content-type default — and checks the signature against each with the public key, \
            singly and in pairs. It names the variant that matches and prints a line diff of the \
            two signing strings; when nothing matches it lists what it checked.

            Example:
              oci-sign explain --public-key key.pub --now 'Thu, 05 Jan 2014 21:31:40 GMT' sent.http

            Exit status: 0 the signature verifies; 1 it does not (explained or not); 2 key or option problem.
            """)

    /// The public key (or the private key whose public half is used).
    @OptionGroup public var key: VerificationKeyOptions

    /// The clock-skew window in seconds.
    @Option(name: .customLong("max-skew"), help: ArgumentHelp("Largest accepted clock difference in seconds (OCI: 300).", valueName: "SECONDS"))
    public var maxSkew: Int64 = VerificationOptions.defaultMaxClockSkew

    /// The clock to compare with, instead of the system clock.
    @Option(name: .long, help: ArgumentHelp("The verifier's clock (default: now).", valueName: "IMF-FIXDATE"))
    public var now: String?

    /// Whether the operation excludes the body from the signature.
    @Flag(name: .customLong("exclude-body"), help: "The operation excludes the body (PutObject, UploadPart, PutMessages…).")
    public var excludeBody = false

    /// Text or JSON output.
    @Option(name: .long, help: "Output format: text or json (one object).")
    public var format: ReportFormat = .text

    /// The request file.
    @Argument(help: ArgumentHelp("The request as sent, with Authorization ('-' for standard input).", valueName: "FILE"))
    public var file: String

    /// Creates the command with default options (argument parsing fills them in).
    public init() {}

    /// Runs against the process streams and exits with the command's status.
    public func run() throws {
        let status = execute(terminal: .process)
        if status != .success { throw ExitCode(status.rawValue) }
    }

    /// Runs the command against `terminal`; returns the exit status.
    public func execute(terminal: Terminal) -> ExitStatus {
        let input: VerificationInput
        switch VerificationInput.load(key: key, excludeBody: excludeBody, maxSkew: maxSkew, now: now, file: file, terminal: terminal) {
        case .success(let loaded): input = loaded
        case .failure(let status): return status
        }
        let (publicKey, options, raw, parts) = (input.publicKey, input.options, input.raw, input.parts)
        let explanation = MismatchExplainer(publicKey: publicKey, options: options).explain(raw: raw, request: parts.request)
        var redaction = SecretRedaction(disabled: false)
        redaction.addSecrets(of: raw)
        let report = ExplanationReport(explanation: explanation, file: file)
        switch format {
        case .text: terminal.print(redaction.apply(report.text))
        case .json: terminal.print(redaction.apply(report.json).rendered)
        }
        return explanation.verification.isValid ? .success : .failure
    }
}

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
        return LineDiff.diff(VisibleText.lines(received.bytes), VisibleText.lines(match.candidate.bytes))
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
            out.append("checked:")
            for item in e.checked { out.append("  \(item.id) (\(item.candidates) candidate\(item.candidates == 1 ? "" : "s")): \(item.title)") }
            out.append("signing string as received (line ends shown):")
            out += VisibleText.lines(received.bytes).map { "  " + $0 }
            out.append("remaining suspects: a different key (check the keyId fingerprint with 'oci-sign dump'), or a change this tool does not model")
        }
        return out.joined(separator: "\n")
    }

    var json: JSONValue {
        let e = explanation
        var members: [(String, JSONValue)] = [("file", .string(file)), ("verdict", .string(verdict))]
        if let failure = e.verification.failure {
            members += [("reason", .string(failure.code.rawValue)), ("description", .string(failure.description))]
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
        return .object(members)
    }
}
