import ArgumentParser
import OCISigning
import OCISigningDiagnostics

/// `oci-sign explain`: says why a signature does not verify, by trying the known mismatches.
public struct ExplainCommand: TerminalCommand {
    /// The command's name and help text.
    public static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain why a request's signature does not verify.",
        discussion: """
            FILE is a request as it was sent, with its Authorization header (a capture, a proxy \
            log, or another SDK's output in the raw request format; a curl -v trace with --body FILE, or oci --debug \
            output, detected automatically). explain verifies it; when the \
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

            Exit status: 0 the signature verifies; 1 it does not (explained or not); 2 key or \
            option value problem; 64 usage error (no key, or both --public-key and --key-file).
            """)

    /// Key, clock and body options.
    @OptionGroup public var options: VerificationCommandOptions

    /// Text or JSON output.
    @Option(name: .long, help: "Output format: text or json (one object).")
    public var format: ReportFormat = .text

    /// The request file.
    @Argument(help: ArgumentHelp("The request as sent, with Authorization ('-' for standard input).", valueName: "FILE"))
    public var file: String

    /// Creates the command with default options (argument parsing fills them in).
    public init() {}

    /// Explains the file; returns the exit status.
    public func execute(terminal: Terminal, context: CredentialContext) -> ExitStatus {
        VerificationInput.run(options, file: file, terminal: terminal) { input in
            let explanation = MismatchExplainer(publicKey: input.publicKey, options: input.options).explain(input.request, body: input.raw.body, connectionHosts: input.connectionHosts)
            let report = ExplanationReport(explanation: explanation, file: file)
            switch format {
            case .text: terminal.print(input.redaction.apply(report.text))
            case .json: terminal.print(input.redaction.apply(report.json).rendered)
            }
            return explanation.verification.isValid ? .success : .failure
        }
    }
}
