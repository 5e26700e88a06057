import FuzzSupport
import OCISigning

// Fuzzes the Authorization header parser: SignatureAuthorization(parsing:).
// Properties: no crash; a parsed value, written back with AuthorizationHeader.value, parses to
// the same keyId, headers, signature and algorithm; the signature is the base64 decoding of the
// signature parameter; an error's description is short (never an echo of a long input, which
// could carry a signature or keyId) and maps to a typed OCISigningError.

/// Entry point in debug builds (SwiftPM links `main` to `<Module>_main`).
@_cdecl("FuzzAuthorization_main")
public func fuzzAuthorizationMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzzAuthorization)
}

/// One input. Also exported under libFuzzer's name, which release builds call from libFuzzer's `main`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAuthorization(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    // Header values reach the parser as Strings (swift-http-types), so invalid UTF-8 is repaired first.
    let value = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    do throws(SignatureAuthorization.ParseError) {
        let parsed = try SignatureAuthorization(parsing: value)
        fuzzCheck(parsed.algorithm == "rsa-sha256", "accepted algorithm '\(parsed.algorithm)'")
        fuzzCheck(!parsed.signedHeaders.isEmpty, "accepted an empty header list")
        fuzzCheck(Base64.decode(parsed.signatureBase64) == parsed.signature, "signature bytes differ from the base64 parameter")
        let rewritten = AuthorizationHeader.value(signedHeaders: parsed.signedHeaders, keyID: parsed.keyID,
                                                  signatureBase64: parsed.signatureBase64)
        guard let again = try? SignatureAuthorization(parsing: rewritten) else {
            fuzzCheck(false, "the rewritten header does not parse: \(rewritten)")
            return 0
        }
        fuzzCheck(again.keyID == parsed.keyID && again.signedHeaders == parsed.signedHeaders
                  && again.signature == parsed.signature, "the rewritten header parses to a different value")
    } catch {
        let description = error.description
        fuzzCheck(!description.isEmpty, "empty description")
        fuzzCheck(description.utf8.count <= 1024, "a \(description.utf8.count)-byte description echoes the input")
        let code = error.signingError.code
        fuzzCheck(code == .malformedAuthorization || code == .unsupportedAlgorithm, "unexpected code \(code)")
    }
    return 0
}
