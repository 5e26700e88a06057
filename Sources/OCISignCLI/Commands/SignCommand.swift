import ArgumentParser
import OCISigning

/// `oci-sign sign`: signs raw request files.
public struct SignCommand: TerminalCommand {
    /// The command's name and help text.
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

            Exit status: 0 all signed; 1 a request could not be signed; 2 the key or an option \
            value could not be used; 64 usage error (no key, or two key sources at once).
            """)

    /// The signing key and keyId.
    @OptionGroup public var key: KeyOptions

    /// Body exclusion and the date to sign.
    @OptionGroup public var request: RequestOptions

    /// The output format.
    @Option(name: .long, help: "Output format: http (the signed request) or json (one object per file per line).")
    public var format: SignFormat = .http

    /// The request files.
    @Argument(help: ArgumentHelp("Raw request files ('-' for standard input).", valueName: "FILE"))
    public var files: [String]

    /// Creates the command with default options (argument parsing fills them in).
    public init() {}

    /// Signs every file with credentials read through `context`; returns the exit status.
    public func execute(terminal: Terminal, context: CredentialContext) -> ExitStatus {
        let setup: SigningSetup
        let options: SigningOptions
        do {
            setup = try key.makeSigningSetup(terminal: terminal, context: context)
            options = try request.signingOptions()
        } catch {
            terminal.error("oci-sign: \(error)")
            return .forSetup(error)
        }
        var status = ExitStatus.success
        for file in files {
            do {
                try sign(file, with: setup, options: options, terminal: terminal)
            } catch {
                terminal.error("oci-sign: \(error)")
                status = .failure
            }
        }
        return status
    }

    /// Signs one file and prints it in the chosen format. A file's body is hashed and copied
    /// as a stream, never held in memory.
    func sign(_ file: String, with setup: SigningSetup, options: SigningOptions, terminal: Terminal) throws(OCISigningError) {
        var input = try InputFiles.streamedRequest(file, terminal: terminal)
        input.raw = setup.prepared(input.raw)
        let result: RawRequestSigning.Result
        do {
            result = try RawRequestSigning.sign(input.raw, body: input.body(), with: setup.signer, options: options)
            switch format {
            case .http:
                terminal.write(result.httpBytes)
                try input.writeBody(to: terminal)
            case .json: terminal.print(result.json(file: file).rendered)
            }
        } catch {
            throw error.at(path: InputFiles.displayName(file))
        }
    }
}
