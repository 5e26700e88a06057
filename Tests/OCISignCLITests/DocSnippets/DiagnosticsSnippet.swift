// The OCISigningDiagnostics snippet of Docs/debugging.md, verbatim between the markers: it
// uses only the public API, as a server would.
// snippet:begin
import HTTPTypes
import OCISigning
import OCISigningDiagnostics

/// One log line for a request the verifier rejected: the mistake, when a known one explains it.
func explainRejection(_ request: HTTPRequest, body: [UInt8], publicKey: OCIPublicKey,
                      options: VerificationOptions = .init()) -> String? {
    let explanation = MismatchExplainer(publicKey: publicKey, options: options).explain(request, body: body)
    guard let failure = explanation.verification.failure else { return nil }   // it verifies
    var redaction = SecretRedaction()
    redaction.addSecrets(of: request.headerFields)   // session tokens, opc-obo-token
    let cause = explanation.match.map { match in match.variants.map(\.id).joined(separator: " + ") }
        ?? explanation.bodyChange?.id ?? "no known variant"
    return redaction.apply("401 \(failure.code): \(failure.description); cause: \(cause)")
}
// snippet:end
