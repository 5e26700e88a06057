import FuzzSupport
import OCISigning
import OCIRawRequest

// Fuzzes the verifier: RawHTTPRequest(parsing:) → .httpRequest() → OCIRequestVerifier.verify
// with one fixed public key (Oracle's docs test key, FuzzKeys) and a fixed "now".
// Properties: no crash; a request is never valid unless its signature is the real one — i.e.
// the docs private key, signing the rebuilt signing string, produces exactly the signature
// presented (RSA PKCS#1 v1.5 is deterministic); a valid request lists every header the
// method requires; verification is deterministic; failures carry a non-empty short description.

/// The docs examples' date, so their signatures fall inside the clock-skew window.
let fixedNow = HTTPDate(secondsSince1970: 1_388_957_500)  // Thu, 05 Jan 2014 21:31:40 GMT
let verifier = OCIRequestVerifier(publicKey: FuzzKeys.publicKey)

/// Entry point in debug builds (SwiftPM links `main` to `<Module>_main`).
@_cdecl("FuzzVerifier_main")
public func fuzzVerifierMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzzVerifier)
}

/// One input. Also exported under libFuzzer's name, which release builds call from libFuzzer's `main`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVerifier(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzBytes(data, size)
    guard let raw = try? RawHTTPRequest(parsing: input), let request = try? raw.httpRequest() else { return 0 }
    let body: RequestBody = raw.body.isEmpty ? .empty : .bytes(raw.body)
    // Bit 0 of the first byte (the method's first letter, as mutated) picks exclude-body mode, so
    // both rule sets run: GET (0x47) verifies with it, POST/PUT/PATCH/DELETE/HEAD without.
    let options = VerificationOptions(excludeBody: input.first.map { $0 & 1 == 1 } ?? false, now: fixedNow)
    let result = verifier.verify(request, body: body, options: options)
    fuzzCheck(verifier.verify(request, body: body, options: options) == result, "verification is not deterministic")
    switch result {
    case .valid(let verified):
        let resigned = try? FuzzKeys.privateKey.sign(Array(verified.signingString.utf8))
        fuzzCheck(resigned == verified.authorization.signature, "accepted a signature the key did not make")
        for name in OCIRequestVerifier.requiredHeaders(for: request.method, excludeBody: options.excludeBody) {
            let listed = verified.authorization.signedHeaders.contains(name)
                || (name == "date" && verified.authorization.signedHeaders.contains("x-date"))
            fuzzCheck(listed, "valid without the required header \(name)")
        }
        fuzzCheck(verified.skew.magnitude <= options.maxClockSkew.magnitude, "valid outside the clock-skew window")
    case .invalid(let failure):
        fuzzCheck(!failure.description.isEmpty && !failure.code.rawValue.isEmpty, "empty failure description or code")
        fuzzCheck(failure.description.utf8.count <= 2048, "a \(failure.description.utf8.count)-byte failure description echoes the input")
    }
    return 0
}
