import HTTPTypes
import OCIRawRequest
import OCISigning
import OCISigningDiagnostics

/// What `verify` and `explain` both start from: the public key, the verification options and
/// the signed request, read once, with the shared error handling and exit statuses.
struct VerificationInput {
    let publicKey: OCIPublicKey
    let options: VerificationOptions
    let raw: RawHTTPRequest
    let request: HTTPRequest
    /// The hosts the capture says the client connected to (curl -v, oci --debug).
    var connectionHosts: [String] = []

    /// Removes the secrets the file carries from what is printed about it.
    var redaction: SecretRedaction { SecretRedaction(of: raw) }

    /// The body the file carries.
    var body: RequestBody { raw.body.isEmpty ? .empty : .bytes(raw.body) }

    /// Loads the input and runs `body` on it; a load failure is reported and its status returned.
    static func run(_ options: VerificationCommandOptions, file: String, terminal: Terminal,
                    _ body: (VerificationInput) -> ExitStatus) -> ExitStatus {
        switch load(options, file: file, terminal: terminal) {
        case .success(let input): body(input)
        case .failure(let status): status
        }
    }

    /// Loads everything, or reports the problem on `terminal` and returns the exit status:
    /// `.usage` for a missing key option, `.credentials` for the key or the clock option,
    /// `.failure` for the request file.
    static func load(_ options: VerificationCommandOptions, file: String, terminal: Terminal) -> Result<VerificationInput, ExitStatus> {
        let publicKey: OCIPublicKey
        var verification: VerificationOptions
        do {
            publicKey = try options.key.load()
            verification = try options.clock.verificationOptions(excludeBody: options.excludeBody)
            verification.allowWeakKey = options.allowWeakKey
        } catch {
            terminal.error("oci-sign: \(error)")
            return .failure(.forSetup(error))
        }
        do {
            let captured = try InputFiles.captured(file, bodyFile: options.bodyFile, terminal: terminal)
            let request = try InputFiles.httpRequest(captured.request, file: file)
            return .success(VerificationInput(publicKey: publicKey, options: verification, raw: captured.request, request: request,
                                              connectionHosts: captured.connectionHosts))
        } catch {
            terminal.error("oci-sign: \(error)")
            return .failure(.failure)
        }
    }
}
