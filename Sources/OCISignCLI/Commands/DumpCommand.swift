import ArgumentParser
import OCICredentials
import OCIRawRequest
import OCISigning

/// `oci-sign dump`: every stage of a signature, labelled, for debugging a `401`.
public struct DumpCommand: TerminalCommand {
    /// The command's name and help text.
    public static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Show every stage of an OCI request signature.",
        discussion: """
            FILE is a raw HTTP/1.1 request, unsigned or already signed. With --key-file and \
            --key-id (as for 'sign') the request is signed now; with a signed FILE and no key the \
            signing string is rebuilt from the file's Authorization. FILE may also be a curl -v trace \
            (its body from --body FILE) or oci --debug output, detected automatically. Stages, in order: the request \
            as parsed (non-printable and non-ASCII bytes shown as \\xNN), the request-target with \
            the bytes clients commonly re-encode flagged, the host and its port, each signed header \
            with its value and origin, the body length and SHA-256, the signing string with line \
            ends shown, signature and Authorization, credentials (keyId, key size, fingerprint \
            computed vs in keyId), and the date against the local clock (window --max-skew).

            Session-token keyIds (ST$…) and opc-obo-token values are redacted unless \
            --show-secrets. The private key and pass phrase are never printed.

            Example:
              oci-sign dump --key-file key.pem --key-id "$KEYID" --allow-weak-key request.http

            Exit status: 0 dumped; 1 the request cannot be read or signed; 2 key or option value \
            problem; 64 usage error (an unsigned FILE and no key).
            """)

    /// The signing key and keyId, as for `sign`.
    @OptionGroup public var key: KeyOptions

    /// Body exclusion and the date to sign.
    @OptionGroup public var request: RequestOptions

    /// The local clock and the window the signed date is judged by.
    @OptionGroup public var clock: ClockOptions

    /// Text or JSON output.
    @Option(name: .long, help: "Output format: text (labelled stages) or json (one object).")
    public var format: ReportFormat = .text

    /// Print token bodies instead of redacting them.
    @Flag(name: .customLong("show-secrets"), help: "Print session-token and delegation-token bodies instead of redacting them.")
    public var showSecrets = false

    /// The body sent, for a capture that does not hold it (a `curl -v` trace).
    @Option(name: .customLong("body"), help: ArgumentHelp("The body file sent with the request, for a curl -v trace (which never prints the body); replaces the body the file holds.", valueName: "FILE"))
    public var bodyFile: String?

    /// The request file.
    @Argument(help: ArgumentHelp("Raw request file, curl -v trace or oci --debug output ('-' for standard input).", valueName: "FILE"))
    public var file: String

    /// Creates the command with default options (argument parsing fills them in).
    public init() {}

    /// Dumps the file with credentials read through `context`; returns the exit status.
    public func execute(terminal: Terminal, context: CredentialContext) -> ExitStatus {
        let options: SigningOptions
        let now: HTTPDate
        var raw: RawHTTPRequest
        let signer: OCIRequestSigner?
        do {
            options = try request.signingOptions()
            now = try clock.clock()
        } catch {
            terminal.error("oci-sign: \(error)")
            return .forSetup(error)
        }
        do {
            raw = try InputFiles.captured(file, bodyFile: bodyFile, terminal: terminal).request
        } catch {
            terminal.error("oci-sign: \(error)")
            return .failure
        }
        do {
            let setup = try makeSigner(for: raw, terminal: terminal, context: context)
            signer = setup?.signer
            if let setup { raw = setup.prepared(raw) }
        } catch {
            terminal.error("oci-sign: \(error)")
            return .forSetup(error)
        }
        let input = SigningDumpBuilder.Input(raw: raw, file: file, signer: signer, keyFile: key.keyFile, options: options,
                                             now: now, window: clock.maxSkew, showSecrets: showSecrets)
        do {
            let dump = try SigningDumpBuilder.build(input)
            switch format {
            case .text: terminal.print(dump.text)
            case .json: terminal.print(dump.json.rendered)
            }
            return .success
        } catch {
            terminal.error("oci-sign: \(error.at(path: file))")
            return error.code == .usage ? .usage : .failure
        }
    }

    /// The signer from the same key sources as `sign`, or nil when no key option is given.
    /// Without --key-id, the keyId of the file's Authorization is used, so an already signed
    /// request can be re-signed and compared.
    func makeSigner(for raw: RawHTTPRequest, terminal: Terminal, context: CredentialContext) throws(OCISigningError) -> SigningSetup? {
        guard key.keyFile != nil || key.profileOptions.namesAProfile || key.auth.auth != nil else { return nil }
        var keyOptions = key
        if keyOptions.keyFile != nil, keyOptions.keyID == nil {
            keyOptions.keyID = raw.values(of: "authorization").first.flatMap {
                try? SignatureAuthorization(parsing: String(decoding: $0, as: UTF8.self)).keyID
            }
        }
        return try keyOptions.makeSigningSetup(terminal: terminal, context: context, warnsOnKeyIDMismatch: false)
    }
}
