/// Redaction by shape rather than by parsing: any `ST$<token>` run and any JWT-looking run
/// (`eyJ…​.…​.…`) wherever it appears, however the header around it is spelled (`keyid`,
/// `keyId = "…"`, another algorithm, a header that does not parse at all).
enum TokenPatternRedaction {
    /// Bytes a token run is made of: base64, base64url, `.` and `=`.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="): true
        default: false
        }
    }

    /// Letters, digits, `-` and `_`: what may not precede a JWT's `eyJ`.
    static func isWordByte(_ byte: UInt8) -> Bool {
        isTokenByte(byte) && byte != UInt8(ascii: ".") && byte != UInt8(ascii: "+") && byte != UInt8(ascii: "/") && byte != UInt8(ascii: "=")
    }

    static let ellipsis = Array("…".utf8)
    static let sessionPrefix = Array("ST$".utf8)
    static let jwtPrefix = Array("eyJ".utf8)

    /// `text` with every token run replaced by a marker giving only its length.
    static func apply(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index...].starts(with: sessionPrefix) {
                let start = index + 3
                let end = runEnd(bytes, from: start)
                // `ST$eyJhbGci…(N chars)`: a redaction made elsewhere, keeping 8 characters.
                let alreadyRedacted = end - start <= 8 && bytes[end...].starts(with: ellipsis)
                if end > start && !alreadyRedacted {
                    out += sessionPrefix + Array("…(session token, \(end - start) chars, redacted; --show-secrets shows it)".utf8)
                    index = end
                    continue
                }
            }
            // `eyJ` inside a longer word is not a token's start; after `=`, `:` or a quote it is.
            let atRunStart = index == 0 || !isWordByte(bytes[index - 1])
            if atRunStart, bytes[index...].starts(with: jwtPrefix) {
                let end = runEnd(bytes, from: index)
                let dots = bytes[index..<end].count { $0 == UInt8(ascii: ".") }
                if dots >= 2 && end - index >= 16 {
                    out += Array("…(token, \(end - index) chars, redacted; --show-secrets shows it)".utf8)
                    index = end
                    continue
                }
            }
            out.append(bytes[index])
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func runEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var end = start
        while end < bytes.count, isTokenByte(bytes[end]) { end += 1 }
        return end
    }
}
