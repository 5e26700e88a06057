import OCISigning
import OCIRawRequest

/// What `verify` and `explain` both start from: the public key, the verification options and
/// the signed request, read once, with the shared error handling and exit statuses.
struct VerificationInput {
    let publicKey: OCIPublicKey
    let options: VerificationOptions
    let raw: RawHTTPRequest
    let parts: HTTPRequestParts

    /// Loads everything, or reports the problem on `terminal` and returns the exit status:
    /// `.credentials` for the key or the clock option, `.failure` for the request file.
    static func load(key: VerificationKeyOptions, excludeBody: Bool, maxSkew: Int64, now: String?,
                     file: String, terminal: Terminal) -> Result<VerificationInput, ExitStatus> {
        let publicKey: OCIPublicKey
        var options = VerificationOptions(excludeBody: excludeBody, maxClockSkew: maxSkew)
        do {
            publicKey = try key.load()
            if let now { options.now = try HTTPDate(imfFixdate: now) }
        } catch {
            terminal.error("oci-sign: \(error)")
            return .failure(.credentials)
        }
        do {
            let raw = try InputFiles.request(file, terminal: terminal)
            let parts = try HTTPRequestParts(raw: raw, file: file)
            return .success(VerificationInput(publicKey: publicKey, options: options, raw: raw, parts: parts))
        } catch {
            terminal.error("oci-sign: \(error)")
            return .failure(.failure)
        }
    }
}

extension ExitStatus: Error {}
