import Foundation
import HTTPTypes
import OCIRawRequest
import OCISigning
import OCISigningDiagnostics

/// Builds a ``SigningDump`` from a raw request and, optionally, a signer: one function per
/// stage, each reading what was signed from one ``SignatureBase``.
struct SigningDumpBuilder {
    /// What the dump is made from.
    struct Input {
        var raw: RawHTTPRequest
        var file: String
        var signer: OCIRequestSigner?
        var keyFile: String?
        var options: SigningOptions
        var now: HTTPDate
        /// The accepted clock difference in seconds (the verifier's window).
        var window: Int64
        var showSecrets: Bool
    }

    /// The file's `Authorization`, as text and parsed (or why it does not parse).
    struct FileAuthorization {
        let text: String?
        let parsed: SignatureAuthorization?
        let error: String?

        init(_ raw: RawHTTPRequest) {
            text = raw.values(of: "authorization").first.map { String(decoding: $0, as: UTF8.self) }
            var parsed: SignatureAuthorization?
            var error: String?
            if let text {
                do { parsed = try SignatureAuthorization(parsing: text) } catch let failure { error = failure.description }
            }
            self.parsed = parsed
            self.error = error
        }
    }

    let input: Input
    let fileAuthorization: FileAuthorization
    /// What was (or would be) signed.
    let base: SignatureBase
    /// The signature made now, when a key was given.
    let signed: SignedRequest?

    var raw: RawHTTPRequest { input.raw }

    /// Signs (or rebuilds) the request and renders every stage.
    static func build(_ input: Input) throws(OCISigningError) -> SigningDump {
        let builder = try SigningDumpBuilder(input)
        var redaction = SecretRedaction(of: input.raw, disabled: input.showSecrets)
        if let keyID = input.signer?.keyID { redaction.addKeyID(keyID) }
        var dump = SigningDump(redaction: redaction)
        dump.stages = [
            builder.requestStage(), builder.targetStage(), builder.hostStage(), builder.signedHeadersStage(),
            builder.bodyStage(), builder.signingStringStage(), builder.signatureStage(),
            try builder.credentialsStage(), builder.clockStage(),
        ]
        return dump
    }

    init(_ input: Input) throws(OCISigningError) {
        self.input = input
        fileAuthorization = FileAuthorization(input.raw)
        if let signer = input.signer {
            let result = try RawRequestSigning.sign(input.raw, with: signer, options: input.options)
            signed = result.signed
            base = SignatureBase(result.signed.components)
        } else {
            signed = nil
            base = try Self.rebuiltBase(input.raw, fileAuthorization)
        }
    }

    /// Without a key: the signing string the file's Authorization says was signed.
    static func rebuiltBase(_ raw: RawHTTPRequest, _ authorization: FileAuthorization) throws(OCISigningError) -> SignatureBase {
        guard let parsed = authorization.parsed else {
            throw .usage(authorization.error.map { "the file's Authorization cannot be read (\($0)) and no key was given: pass --key-file PEM --key-id KEYID" }
                ?? "the request is not signed and no key was given: pass --key-file PEM --key-id KEYID to sign it")
        }
        let request = try raw.httpRequest()
        do {
            return SignatureBase(try OCIRequestVerifier.signingComponents(of: request, signedHeaders: parsed.signedHeaders))
        } catch {
            throw OCISigningError(.malformedRequest, VerificationFailure(error).description)
        }
    }

    /// The first value of the header `name` in the file.
    func headerText(_ name: String) -> String? {
        raw.values(of: name).first.map { String(decoding: $0, as: UTF8.self) }
    }

    /// The signed date line: `x-date` when signed, else `date`.
    var dateComponent: SignedComponent? {
        let xDate = HTTPField.Name.xDate.canonicalName
        return base.components.first { $0.name == xDate } ?? base.components.first { $0.name == "date" }
    }

    /// Whether the body headers are in the signature.
    var bodySigned: Bool { base.value(of: HTTPField.Name.xContentSHA256.canonicalName) != nil }

    /// Whether the method signs a body (unless excluded).
    var isBodyMethod: Bool { SigningPolicy.bodyMethods.contains { $0.rawValue == raw.method.uppercased() } }

    /// The PEM label of a key file (read only up to the BEGIN line; key material is never read
    /// into the output).
    static func keyKind(_ path: String?) -> String {
        guard let path, let data = try? BoundedFile.read(path, limit: BoundedFile.Limit.key) else { return "unknown" }
        let text = String(decoding: data, as: UTF8.self)
        if text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") { return "PKCS#8, encrypted" }
        if text.contains("-----BEGIN RSA PRIVATE KEY-----") { return text.contains("Proc-Type: 4,ENCRYPTED") ? "PKCS#1, legacy encrypted" : "PKCS#1" }
        if text.contains("-----BEGIN PRIVATE KEY-----") { return "PKCS#8" }
        return "unknown PEM"
    }
}
