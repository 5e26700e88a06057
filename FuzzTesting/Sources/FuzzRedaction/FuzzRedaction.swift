import FuzzSupport
import OCISigningDiagnostics

// Fuzzes token redaction: a session token (a JWT, or an opaque ST$ value) placed in an
// Authorization-like header whose spelling the input chooses — parameter name and case,
// separators, quoting, scheme, algorithm, order, and free bytes from the input around the token —
// then shown the way dump/explain show headers. Property: no 12-byte window of the token body
// survives SecretRedaction.apply, whatever the spelling and whether the header parses.

@_cdecl("FuzzRedaction_main")
public func fuzzRedactionMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzzRedaction)
}

let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

/// Reads choices from the input, then its remaining bytes as free text.
struct Choices {
    var bytes: [UInt8]
    var position = 0
    mutating func next(_ count: Int) -> Int {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return Int(bytes[position]) % count
    }
    mutating func pick(_ options: [String]) -> String { options[next(options.count)] }
    mutating func segment(_ minimum: Int, _ spread: Int) -> String {
        let count = minimum + next(spread)
        return String(decoding: (0..<count).map { _ in alphabet[next(alphabet.count)] }, as: UTF8.self)
    }
    /// A few input bytes as text (printable, so they cannot split the shown line).
    mutating func free() -> String {
        let count = next(8)
        return String(decoding: (0..<count).map { _ in UInt8(0x20 + next(95)) }, as: UTF8.self)
    }
}

func isWordLike(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x2D || byte == 0x5F || byte == 0x2B || byte == 0x2F || byte == 0x2E || byte == 0x25
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRedaction(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var choose = Choices(bytes: fuzzBytes(data, size))
    let isJWT = choose.next(4) != 0
    let token = isJWT ? "eyJ" + choose.segment(10, 30) + "." + choose.segment(20, 180) + "." + choose.segment(10, 50)
        : choose.segment(24, 200)
    let name = choose.pick(["keyId", "keyid", "KEYID", "KeyId", "key_id", "kid", "keyId ", " keyId", "x", "keyId\t"])
    let equals = choose.pick(["=", " = ", "= ", " =", ":", "=\t", "==", ""])
    let quote = choose.pick(["\"", "", "'", "\\\"", "`"])
    let prefix = choose.pick(isJWT ? ["ST$", "ST$", "st$", "", "ST$ "] : ["ST$", "ST$", "st$"])
    let algorithm = choose.pick(["rsa-sha256", "hmac-sha256", "none", "", "RSA-SHA256"])
    let scheme = choose.pick(["Signature ", "signature ", "Bearer ", "", "Signature  ", "Basic "])
    let separator = choose.pick([",", ", ", " ,", ";", " ", "\t,"])
    var left = choose.free()
    let right = choose.free()
    // By design `eyJ` glued to a preceding word character (`xeyJ…`) does not start a token
    // (TokenPatternRedaction: base64 text is full of `eyJ`); a bare JWT is put after a separator.
    let before = name + equals + quote + left
    if !prefix.hasPrefix("ST$"), let last = before.utf8.last, isWordLike(last) { left += "=" }
    var parts = ["version=\"1\"", "algorithm=\"\(algorithm)\"", "headers=\"date\"", "signature=\"AAAA\"",
                 "\(name)\(equals)\(quote)\(left)\(prefix)\(token)\(quote)\(right)"]
    for index in parts.indices.reversed() { parts.swapAt(index, choose.next(index + 1)) }
    let header = scheme + parts.joined(separator: separator)
    let headerName = choose.pick(["Authorization", "authorization", "AUTHORIZATION", "X-Other", "opc-obo-token", "Proxy-Authorization"])

    // Redaction keyed on a JWT always; an opaque token only in its ST$ form (a random string is
    // not recognisable as a secret without it, and the ST$ prefix is kept by every spelling here).
    guard isJWT || prefix.hasPrefix("ST$") || prefix.hasPrefix("st$") else { return 0 }
    if !isJWT, !(left.isEmpty && (prefix == "ST$")) { return 0 }
    var redaction = SecretRedaction()
    redaction.addSecrets(ofHeader: headerName, value: header)
    let shown = redaction.apply("\(headerName): \(header)\nkeyId: \(header)\n\(header)")
    let body = Array(token.utf8)
    var start = 0
    while start + 12 <= body.count {
        let window = String(decoding: body[start..<(start + 12)], as: UTF8.self)
        fuzzCheck(!shown.contains(window), "token piece '\(window)' survives in: \(shown)")
        start += 6
    }
    return 0
}
