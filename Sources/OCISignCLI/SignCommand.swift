import ArgumentParser
import OCISigning

/// Output formats of `oci-sign sign`.
public enum SignFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// The signed request in the raw request format.
    case http
    /// One JSON object per file, one per line.
    case json
}

/// `oci-sign sign`: signs raw request files.
public struct SignCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign raw HTTP requests for OCI and print them signed.",
        discussion: """
            FILE is a raw HTTP/1.1 request as an app would send it before signing: the request \
            line 'METHOD TARGET HTTP/1.1', header lines (LF or CRLF), an empty line, then the body \
            bytes verbatim to the end of the file. '-' reads standard input. The host is the Host \
            header. A date or x-date header is used verbatim; without one the current time (or \
            --date) is added.

            Example:
              oci-sign sign --key-file Vectors/keys/rsa2048.pem \\
                --key-id "$(cat Vectors/cases/create-volume-backup/case.json | jq -r .keyId)" \\
                Vectors/cases/create-volume-backup/request.http

            Exit status: 0 all signed; 1 a request could not be signed; 2 the key could not be used.
            """)

    @OptionGroup public var key: KeyOptions

    @Flag(name: .customLong("exclude-body"), help: "Sign only date, (request-target) and host, as for Object Storage PutObject/UploadPart and Streaming PutMessages.")
    public var excludeBody = false

    @Option(name: .long, help: "Output format: http (the signed request) or json (one object per file per line).")
    public var format: SignFormat = .http

    @Option(name: .long, help: ArgumentHelp("Date to sign when the request has no date/x-date header, e.g. 'Thu, 05 Jan 2014 21:31:40 GMT'.", valueName: "IMF-FIXDATE"))
    public var date: String?

    @Argument(help: ArgumentHelp("Raw request files ('-' for standard input).", valueName: "FILE"))
    public var files: [String]

    public init() {}

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
        let signer: OCIRequestSigner
        var options = SigningOptions(excludeBody: excludeBody)
        do {
            signer = try key.makeSigner(terminal: terminal, context: context)
            if let date { options.date = try HTTPDate(imfFixdate: date) }
        } catch {
            terminal.error("oci-sign: \(error)")
            return .credentials
        }
        var status = ExitStatus.success
        for file in files {
            do throws(OCISigningError) {
                let raw = try InputFiles.request(file, terminal: terminal)
                let result: RawRequestSigning.Result
                do {
                    result = try RawRequestSigning.sign(raw, with: signer, options: options)
                } catch {
                    throw error.at(path: file == "-" ? "<stdin>" : file)
                }
                switch format {
                case .http: terminal.write(result.httpBytes)
                case .json: terminal.print(result.json(file: file).rendered)
                }
            } catch {
                terminal.error("oci-sign: \(error)")
                status = .failure
            }
        }
        return status
    }
}
