import ArgumentParser
import HTTPTypes
import OCISigning
import OCIRawRequest

/// `oci-sign verify`: checks a signed raw request the way OCI's front end does.
public struct VerifyCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify the signature of a signed raw HTTP request.",
        discussion: """
            FILE is a signed raw HTTP/1.1 request (as 'oci-sign sign' writes it, or as captured): \
            request line, headers including Authorization, an empty line, the body. The verifier \
            rebuilds the signing string in the order of headers="…", checks that the method's \
            required headers are signed, compares content-length and x-content-sha256 with the \
            body in the file, verifies RSA-SHA256 with the public key and checks the signed date \
            against the clock (±300 s unless --max-skew).

            Example (Oracle's 2014-dated test request):
              oci-sign verify --public-key key.pub --now 'Thu, 05 Jan 2014 21:31:40 GMT' signed.http

            Exit status: 0 valid; 1 not valid (the reason is printed); 2 the key or an option is unusable.
            """)

    /// The public key (or the private key whose public half is used).
    @OptionGroup public var key: VerificationKeyOptions

    /// The clock-skew window in seconds.
    @Option(name: .customLong("max-skew"), help: ArgumentHelp("Largest accepted clock difference in seconds (OCI: 300).", valueName: "SECONDS"))
    public var maxSkew: Int64 = VerificationOptions.defaultMaxClockSkew

    /// The clock to compare with, instead of the system clock.
    @Option(name: .long, help: ArgumentHelp("The verifier's clock, e.g. 'Thu, 05 Jan 2014 21:31:40 GMT' (default: now).", valueName: "IMF-FIXDATE"))
    public var now: String?

    /// Whether the operation excludes the body from the signature.
    @Flag(name: .customLong("exclude-body"), help: "The operation excludes the body (PutObject, UploadPart, PutMessages…): body headers are not required.")
    public var excludeBody = false

    /// The request file.
    @Argument(help: ArgumentHelp("Signed raw request file ('-' for standard input).", valueName: "FILE"))
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
        let (publicKey, options, raw, request) = (input.publicKey, input.options, input.raw, input.parts)
        let result = OCIRequestVerifier(publicKey: publicKey).verify(request.request, body: request.body, options: options)
        var redaction = SecretRedaction(disabled: false)
        redaction.addSecrets(of: raw)
        switch result {
        case .valid(let details):
            terminal.print(redaction.apply("valid: keyId=\(details.keyID)"))
            terminal.print("  signed headers: \(details.authorization.signedHeaders.joined(separator: " "))")
            let signedDate = details.components.first { $0.name == "x-date" } ?? details.components.first { $0.name == "date" }
            terminal.print("  \(signedDate?.name ?? "date"): \(signedDate?.value ?? details.date.imfFixdate) (\(SkewText.describe(details.skew)) the verifier's clock, window ±\(options.maxClockSkew) s)")
            return .success
        case .invalid(let failure):
            terminal.print(redaction.apply("invalid: \(failure.code): \(failure.description)"))
            if let components = failure.components {
                terminal.print("  rebuilt signing string:")
                for line in VisibleText.lines(Array(components.map(\.line).joined(separator: "\n").utf8)) {
                    terminal.print(redaction.apply("    \(line)"))
                }
            }
            if case .dateOutsideWindow = failure.reason {
                terminal.print("  everything else verified (signature, body, required headers): fix the clock, or pass --now / --max-skew for a recorded request")
            }
            if failure.reason == .badSignature {
                terminal.print("  hint: oci-sign explain --public-key PUB \(file)  tries the usual signer mistakes")
            }
            return .failure
        }
    }
}

/// Human wording for a signed-date skew.
enum SkewText {
    static func describe(_ skew: Int64) -> String {
        skew == 0 ? "equal to" : "\(skew.magnitude) s \(skew < 0 ? "behind" : "ahead of")"
    }
}

/// A raw request file as the verifier receives it: swift-http-types request plus the body.
struct HTTPRequestParts {
    let request: HTTPRequest
    let body: RequestBody

    init(raw: RawHTTPRequest, file: String) throws(OCISigningError) {
        do {
            request = try raw.httpRequest()
        } catch {
            throw error.at(path: file == "-" ? "<stdin>" : file)
        }
        body = raw.body.isEmpty ? .empty : .bytes(raw.body)
    }
}
