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

    /// The body the file carries: its bytes, or (streamed loads) its digest hashed from the file.
    let body: RequestBody

    /// Loads the input and runs `body` on it; a load failure is reported and its status returned.
    ///
    /// With `streamingBody` (verify), a request file's body stays in the file and is hashed as a
    /// stream, so ``raw`` holds only the head; without it (explain, which edits the body) the
    /// body is read into memory, at most `BoundedFile.Limit.request` bytes.
    static func run(_ options: VerificationCommandOptions, file: String, terminal: Terminal, streamingBody: Bool = false,
                    _ body: (VerificationInput) -> ExitStatus) -> ExitStatus {
        switch load(options, file: file, terminal: terminal, streamingBody: streamingBody) {
        case .success(let input): body(input)
        case .failure(let status): status
        }
    }

    /// Loads everything, or reports the problem on `terminal` and returns the exit status:
    /// `.usage` for a missing key option, `.credentials` for the key or the clock option,
    /// `.failure` for the request file.
    static func load(_ options: VerificationCommandOptions, file: String, terminal: Terminal, streamingBody: Bool = false) -> Result<VerificationInput, ExitStatus> {
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
            // A raw request file is streamed: its body stays in the file, whatever its size.
            // Anything else (standard input, a body given apart, a curl -v trace, oci --debug
            // output) is read whole and detected from its bytes.
            if streamingBody, options.bodyFile == nil, file != "-", let input = try? InputFiles.streamedRequest(file, terminal: terminal) {
                let request = try InputFiles.httpRequest(input.raw, file: file)
                return .success(VerificationInput(publicKey: publicKey, options: verification, raw: input.raw, request: request,
                                                  body: try input.body()))
            }
            let captured = try InputFiles.captured(file, bodyFile: options.bodyFile, terminal: terminal)
            let request = try InputFiles.httpRequest(captured.request, file: file)
            let raw = captured.request
            return .success(VerificationInput(publicKey: publicKey, options: verification, raw: raw, request: request,
                                              connectionHosts: captured.connectionHosts,
                                              body: raw.body.isEmpty ? .empty : .bytes(raw.body)))
        } catch {
            terminal.error("oci-sign: \(error)")
            return .failure(.failure)
        }
    }
}
