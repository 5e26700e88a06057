import ArgumentParser
import OCISigning
import OCISigningDiagnostics

/// `oci-sign verify`: checks a signed raw request the way OCI's front end does.
public struct VerifyCommand: TerminalCommand {
    /// The command's name and help text.
    public static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify the signature of a signed raw HTTP request.",
        discussion: """
            FILE is a signed raw HTTP/1.1 request (as 'oci-sign sign' writes it, or as captured): \
            request line, headers including Authorization, an empty line, the body; or a curl -v \
            trace (its body from --body FILE) or oci --debug output, detected automatically. The verifier \
            rebuilds the signing string in the order of headers="…", checks that the method's \
            required headers are signed, compares content-length and x-content-sha256 with the \
            body in the file, verifies RSA-SHA256 with the public key and checks the signed date \
            against the clock (±300 s unless --max-skew).

            Example (Oracle's 2014-dated test request):
              oci-sign verify --public-key key.pub --now 'Thu, 05 Jan 2014 21:31:40 GMT' signed.http

            Exit status: 0 valid; 1 not valid (the reason is printed); 2 the key or an option \
            value is unusable; 64 usage error (no key, or both --public-key and --key-file).
            """)

    /// Key, clock and body options.
    @OptionGroup public var options: VerificationCommandOptions

    /// The request file.
    @Argument(help: ArgumentHelp("Signed raw request file ('-' for standard input).", valueName: "FILE"))
    public var file: String

    /// Creates the command with default options (argument parsing fills them in).
    public init() {}

    /// Verifies the file; returns the exit status.
    public func execute(terminal: Terminal, context: CredentialContext) -> ExitStatus {
        VerificationInput.run(options, file: file, terminal: terminal, streamingBody: true) { input in
            let result = OCIRequestVerifier(publicKey: input.publicKey).verify(input.request, body: input.body, options: input.options)
            var report = VerificationReport(result: result, window: input.options.maxClockSkew, file: file)
            report.excludeBodyOperation = MismatchExplainer.excludeBodyOperation(result, request: input.request, options: input.options)
            for line in report.lines { terminal.print(input.redaction.apply(line)) }
            return result.isValid ? .success : .failure
        }
    }
}
