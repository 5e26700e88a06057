import ArgumentParser
import OCICredentials
import OCISigning
import OCIRawRequest

/// Output formats of `oci-sign dump` and `explain`.
public enum ReportFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Labelled stages for humans.
    case text
    /// One JSON object.
    case json
}

/// `oci-sign dump`: every stage of a signature, labelled, for debugging a `401`.
public struct DumpCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Show every stage of an OCI request signature.",
        discussion: """
            FILE is a raw HTTP/1.1 request, unsigned or already signed. With --key-file and \
            --key-id (as for 'sign') the request is signed now; with a signed FILE and no key the \
            signing string is rebuilt from the file's Authorization. Stages, in order: the request \
            as parsed (non-printable and non-ASCII bytes shown as \\xNN), the request-target with \
            the bytes clients commonly re-encode flagged, the host and its port, each signed header \
            with its value and origin, the body length and SHA-256, the signing string with line \
            ends shown, signature and Authorization, credentials (keyId, key size, fingerprint \
            computed vs in keyId), and the date against the local clock.

            Session-token keyIds (ST$…) and opc-obo-token values are redacted unless \
            --show-secrets. The private key and pass phrase are never printed.

            Example:
              oci-sign dump --key-file key.pem --key-id "$KEYID" --allow-weak-key request.http

            Exit status: 0 dumped; 1 the request cannot be read or signed; 2 key problem.
            """)

    /// The signing key and keyId, as for `sign`.
    @OptionGroup public var key: KeyOptions

    /// Whether the operation excludes the body from the signature.
    @Flag(name: .customLong("exclude-body"), help: "Sign only date, (request-target) and host (PutObject, UploadPart, PutMessages…).")
    public var excludeBody = false

    /// The date to sign when the request has none.
    @Option(name: .long, help: ArgumentHelp("Date to sign when the request has no date/x-date header.", valueName: "IMF-FIXDATE"))
    public var date: String?

    /// The clock to compare with, instead of the system clock.
    @Option(name: .long, help: ArgumentHelp("The local clock to compare the date with (default: now).", valueName: "IMF-FIXDATE"))
    public var now: String?

    /// Text or JSON output.
    @Option(name: .long, help: "Output format: text (labelled stages) or json (one object).")
    public var format: ReportFormat = .text

    /// Print token bodies instead of redacting them.
    @Flag(name: .customLong("show-secrets"), help: "Print session-token and delegation-token bodies instead of redacting them.")
    public var showSecrets = false

    /// The request file.
    @Argument(help: ArgumentHelp("Raw request file ('-' for standard input).", valueName: "FILE"))
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
        execute(terminal: terminal, context: .process)
    }

    /// Runs the command with credentials read through `context` (tests use a fake home).
    public func execute(terminal: Terminal, context: CredentialContext) -> ExitStatus {
        var options = SigningOptions(excludeBody: excludeBody)
        let clock: HTTPDate
        do {
            if let date { options.date = try HTTPDate(imfFixdate: date) }
            clock = try now.map { text throws(OCISigningError) in try HTTPDate(imfFixdate: text) } ?? .now()
        } catch {
            terminal.error("oci-sign: \(error)")
            return .credentials
        }
        let raw: RawHTTPRequest
        do {
            raw = try InputFiles.request(file, terminal: terminal)
        } catch {
            terminal.error("oci-sign: \(error)")
            return .failure
        }
        // The same key sources as `sign`: --key-file (+ --passphrase-file, OCI_CLI_PASSPHRASE, a
        // prompt) or a config profile. Without --key-id, the keyId of the file's Authorization is
        // used, so an already signed request can be re-signed and compared.
        var signer: OCIRequestSigner?
        if key.keyFile != nil || key.profile != nil || key.configFile != nil {
            do {
                var keyOptions = key
                if keyOptions.keyFile != nil, keyOptions.keyID == nil {
                    keyOptions.keyID = raw.values(of: "authorization").first.flatMap {
                        try? SignatureAuthorization(parsing: String(decoding: $0, as: UTF8.self)).keyID
                    }
                }
                signer = try keyOptions.makeSigner(terminal: terminal, context: context)
            } catch {
                terminal.error("oci-sign: \(error)")
                return .credentials
            }
        }
        do {
            let dump = try SigningDumpBuilder.build(.init(
                raw: raw, file: file, signer: signer, keyFile: key.keyFile, options: options, now: clock, showSecrets: showSecrets))
            switch format {
            case .text: terminal.print(dump.text)
            case .json: terminal.print(dump.json.rendered)
            }
            return .success
        } catch {
            terminal.error("oci-sign: \(error.at(path: file))")
            return error.code == .invalidKey ? .credentials : .failure
        }
    }
}
