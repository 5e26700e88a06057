import FuzzSupport
import HTTPTypes
import OCIRawRequest
import OCISigning
import OCISigningDiagnostics

// Fuzzes the input limits and the signer/verifier agreement on what can be sent. Byte 0 picks:
//   0 header count/bytes: N header lines of a given size (N and size from the input) through
//     the raw parser, httpRequest() and sign: no crash (HTTPFields traps at 65,535 fields);
//     more than OCIHeaderLimits.maxFieldCount fields or maxTotalBytes bytes → tooManyHeaders;
//     within both, no tooManyHeaders.
//   1 target: the rest as the request-target. Signed ⇔ every byte is RFC 3986 visible ASCII
//     outside "<>\^`{|}# and every % has two hex digits (an independent check here); the
//     verifier agrees (a signed target verifies; the same target on a signed request is
//     refused with invalidTarget).
//   2 date: the rest as the date value. Signed ⇒ it is an IMF-fixdate and verifies.
//   3 key id: the rest as the keyId. Accepted ⇒ ≤ maxKeyIDLength and the Authorization parses
//     back to it; refused ⇒ invalidHeaderValue with a short description not quoting it.
//   4 explain: a headers= list of N names (N up to 3,000 from the input): explain returns
//     within the libFuzzer timeout, within maxCandidates (+ the fixed variants) candidates,
//     and says what it did not try.
// Every error is typed and its description under 1 KiB.

let now = HTTPDate(secondsSince1970: 1_388_957_500)
let verifier = OCIRequestVerifier(publicKey: FuzzKeys.publicKey)
let verification = VerificationOptions(now: now, allowWeakKey: true)
let explainer = MismatchExplainer(publicKey: FuzzKeys.publicKey, options: verification)

@_cdecl("FuzzLimits_main")
public func fuzzLimitsMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzzLimits)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLimits(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzBytes(data, size)
    guard let mode = input.first else { return 0 }
    let rest = Array(input.dropFirst())
    switch mode % 5 {
    case 0: headerCount(rest)
    case 1: target(rest)
    case 2: date(rest)
    case 3: keyID(rest)
    default: explain(rest)
    }
    return 0
}

func short(_ error: OCISigningError) {
    fuzzCheck(!error.reason.isEmpty, "empty reason for \(error.code)")
    fuzzCheck(error.description.utf8.count <= 1024, "a \(error.description.utf8.count)-byte description")
}

func number(_ bytes: [UInt8], _ at: Int) -> Int {
    at + 1 < bytes.count ? Int(bytes[at]) << 8 | Int(bytes[at + 1]) : 0
}

func headerCount(_ bytes: [UInt8]) {
    let count = number(bytes, 0) % 1_500            // up to 1.5× the field limit
    let valueLength = number(bytes, 2) % 3_072      // 1,500 × 3 KiB crosses the byte limit
    let fill = bytes.count > 4 ? bytes[4] % 26 + 0x61 : 0x61
    let value = [UInt8](repeating: fill, count: valueLength)
    var text = Array("GET / HTTP/1.1\nHost: a.example\nDate: Thu, 05 Jan 2014 21:31:40 GMT\n".utf8)
    var fieldBytes = 2 * (Array("Host: a.example".utf8).count + 2) + 35
    for index in 0..<count {
        let line = Array("x-h\(index): ".utf8) + value
        fieldBytes += line.count + 2
        text += line + [0x0A]
    }
    text.append(0x0A)
    let fields = count + 2
    do throws(OCISigningError) {
        let raw = try RawHTTPRequest(parsing: text)
        _ = try FuzzKeys.signer.sign(raw.httpRequest())
        fuzzCheck(fields <= OCIHeaderLimits.maxFieldCount, "signed \(fields) fields")
        fuzzCheck(fieldBytes <= OCIHeaderLimits.maxTotalBytes + 64, "signed \(fieldBytes) header bytes")
    } catch {
        short(error)
        let over = fields > OCIHeaderLimits.maxFieldCount || fieldBytes > OCIHeaderLimits.maxTotalBytes
        if over { fuzzCheck(error.code == .tooManyHeaders, "\(fields) fields / \(fieldBytes) bytes gave \(error.code)") }
        if fieldBytes < OCIHeaderLimits.maxTotalBytes - 64 * 1024 && fields <= OCIHeaderLimits.maxFieldCount {
            fuzzCheck(error.code != .tooManyHeaders, "\(fields) fields / \(fieldBytes) bytes refused as too many")
        }
    }
}

/// The rule, written independently of RequestTargetRules.
func isSendableTarget(_ bytes: [UInt8]) -> Bool {
    guard bytes.first == UInt8(ascii: "/"), bytes.count <= 64 * 1024 else { return false }
    let refused = Array("\"<>\\^`{|}#".utf8)
    let hex = Array("0123456789abcdefABCDEF".utf8)
    var index = 0
    while index < bytes.count {
        let byte = bytes[index]
        if byte <= 0x20 || byte >= 0x7F || refused.contains(byte) { return false }
        if byte == UInt8(ascii: "%") {
            guard index + 2 < bytes.count, hex.contains(bytes[index + 1]), hex.contains(bytes[index + 2]) else { return false }
            index += 3
            continue
        }
        index += 1
    }
    return true
}

func target(_ bytes: [UInt8]) {
    let path = String(decoding: bytes, as: UTF8.self)
    let request = HTTPRequest(method: .get, scheme: "https", authority: "a.example", path: path)
    // What is signed is the request's path after swift-http-types has legalised it (control
    // bytes become spaces, for one), not the fuzzer's bytes.
    let sendable = isSendableTarget(Array((request.path ?? "").utf8))
    do throws(OCISigningError) {
        let signed = try FuzzKeys.signer.sign(request, options: SigningOptions(date: now))
        fuzzCheck(sendable, "signed the target \(Array((request.path ?? "").utf8))")
        fuzzCheck(verifier.verify(signed.request, options: verification).failure == nil, "a signed target does not verify")
    } catch {
        short(error)
        fuzzCheck(!sendable, "refused a sendable target: \(error)")
        guard var signed = try? FuzzKeys.signer.sign(HTTPRequest(method: .get, scheme: "https", authority: "a.example", path: "/"),
                                                    options: SigningOptions(date: now)).request else { return }
        signed.path = request.path
        let code = verifier.verify(signed, options: verification).failure?.code
        fuzzCheck(code == .invalidTarget, "the verifier gave \(String(describing: code)) for a target the signer refuses")
    }
}

func date(_ bytes: [UInt8]) {
    var fields = HTTPFields()
    fields[.date] = String(decoding: bytes, as: UTF8.self)
    let request = HTTPRequest(method: .get, scheme: "https", authority: "a.example", path: "/", headerFields: fields)
    do throws(OCISigningError) {
        let signed = try FuzzKeys.signer.sign(request)
        let value = signed.request.headerFields[.date] ?? ""
        fuzzCheck((try? HTTPDate(imfFixdate: value)) != nil, "signed the date '\(value)'")
        let failure = verifier.verify(signed.request, options: VerificationOptions(maxClockSkew: Int64.max / 2, now: now, allowWeakKey: true)).failure
        fuzzCheck(failure == nil, "a signed date does not verify: \(String(describing: failure))")
    } catch {
        short(error)
    }
}

func keyID(_ bytes: [UInt8]) {
    var id = String(decoding: bytes, as: UTF8.self)
    if bytes.count > 2, bytes[0] == 0xFF { id = String(repeating: id, count: OCIHeaderLimits.maxKeyIDLength / max(1, id.utf8.count) + Int(bytes[1] % 3)) }
    do throws(OCISigningError) {
        let signer = try OCIRequestSigner(keyID: id, privateKey: FuzzKeys.privateKey, allowWeakKey: true)
        fuzzCheck(id.utf8.count <= OCIHeaderLimits.maxKeyIDLength, "accepted a \(id.utf8.count)-byte key id")
        let signed = try signer.sign(HTTPRequest(method: .get, scheme: "https", authority: "a.example", path: "/"), options: SigningOptions(date: now))
        let parsed = try? SignatureAuthorization(parsing: signed.authorization)
        fuzzCheck(parsed?.keyID == id, "the Authorization does not parse back to the key id")
    } catch {
        short(error)
        fuzzCheck(error.code == .invalidHeaderValue, "key id refused with \(error.code)")
        if id.utf8.count > 100 { fuzzCheck(!error.description.contains(String(id.prefix(60))), "the refusal quotes the key id") }
    }
}

func explain(_ bytes: [UInt8]) {
    let count = number(bytes, 0) % 3_000
    var fields = HTTPFields()
    fields[.date] = "Thu, 05 Jan 2014 21:31:40 GMT"
    var names = ["date", "(request-target)", "host"]
    let spelled = bytes.count > 2 ? bytes[2...].map { $0 | 0x20 }.filter { $0 >= 0x61 && $0 <= 0x7A } : []
    let stem = spelled.isEmpty ? "x" : String(decoding: spelled.prefix(20), as: UTF8.self)
    for index in 0..<count {
        let name = "\(stem)\(index)"
        if index < 900 { fields.append(HTTPField(name: HTTPField.Name(name)!, value: "v\(index)")) }
        names.append(name)
    }
    fields[.authorization] = "Signature version=\"1\",keyId=\"t/u/f\",algorithm=\"rsa-sha256\",headers=\"\(names.joined(separator: " "))\",signature=\"AAAA\""
    let request = HTTPRequest(method: .get, scheme: "https", authority: "h", path: "/", headerFields: fields)
    let explanation = explainer.explain(request, body: [])
    fuzzCheck(explanation.match == nil, "a forged AAAA signature matched")
    fuzzCheck(explanation.totalCandidates <= MismatchExplainer.maxCandidates + 1_000, "\(explanation.totalCandidates) candidates")
    if names.count > MismatchExplainer.maxSignedHeaders, explanation.verification.failure?.code != .tooManyHeaders {
        fuzzCheck(explanation.notTried != nil || explanation.totalCandidates <= 1, "a \(names.count)-name list was searched without a bound")
    }
}
