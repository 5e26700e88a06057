import FuzzSupport
import OCISigning
import OCIRawRequest

// Fuzzes the raw request parser and the signer behind it: RawHTTPRequest(parsing:),
// .httpRequest(), OCIRequestSigner.sign with a fixed key and date.
// Properties: no crash; a parsed request re-parses from its own serialization to the same value;
// a signature, when produced, verifies with the public key over the signing string.

let fixedDate = HTTPDate(secondsSince1970: 1_389_216_700)

/// Entry point in debug builds (SwiftPM links `main` to `<Module>_main`).
@_cdecl("FuzzRawRequest_main")
public func fuzzRawRequestMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzzRawRequest)
}

/// One input. Also exported under libFuzzer's name, which release builds call from libFuzzer's `main`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRawRequest(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzBytes(data, size)
    let raw: RawHTTPRequest
    do { raw = try RawHTTPRequest(parsing: input) } catch { return 0 }

    let reparsed = try? RawHTTPRequest(parsing: raw.serialized())
    fuzzCheck(reparsed == raw, "serialized() does not re-parse to the same request")

    do throws(OCISigningError) {
        let request = try raw.httpRequest()
        let body: RequestBody = raw.body.isEmpty ? .empty : .bytes(raw.body)
        let signed = try FuzzKeys.signer.sign(request, body: body, options: SigningOptions(date: fixedDate))
        fuzzCheck(FuzzKeys.publicKey.isValidSignature(signed.signature, for: Array(signed.signingString.utf8)),
                  "signature does not verify over the signing string")
        fuzzCheck(signed.signingString.utf8.allSatisfy { $0 < 0x80 }, "non-ASCII signing string")
    } catch {
        fuzzCheck(!error.reason.isEmpty, "empty reason for \(error.code)")
    }
    return 0
}
