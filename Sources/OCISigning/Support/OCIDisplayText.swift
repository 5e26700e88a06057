/// Untrusted text made safe to put in an error message or a diagnostic line.
///
/// Every value that comes from a request (a header, a method, an `Authorization` parameter)
/// passes through here before it is quoted back, so a hostile 1 MiB header is not echoed in
/// full and a control byte cannot rewrite a terminal line or a log record.
public enum OCIDisplayText {
    /// How many UTF-8 bytes of a value ``clipped(_:)`` keeps.
    public static let clipLength = 80
    /// How many bytes ``visible(_:)`` shows before it cuts the text.
    public static let visibleLength = 200

    /// `value` itself when it has at most ``clipLength`` UTF-8 bytes, otherwise its first
    /// ``clipLength`` bytes followed by `…`.
    public static func clipped(_ value: String) -> String {
        value.utf8.count <= clipLength ? value : String(decoding: value.utf8.prefix(clipLength), as: UTF8.self) + "…"
    }

    /// Bytes as text: printable ASCII as is, every other byte (CR, LF, control, non-ASCII) and
    /// the backslash itself as `\xNN` — always two upper-case hex digits, so `\x00` followed by
    /// `A` cannot read as `\x0A`, and a literal `\x41` in the input shows as `\x5Cx41`; at most
    /// ``visibleLength`` bytes, then `…`.
    public static func visible(_ bytes: some Collection<UInt8>) -> String {
        var out = ""
        for byte in bytes.prefix(visibleLength) {
            if byte >= 0x20 && byte < 0x7F && byte != 0x5C {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "\\x" + hexDigits(byte)
            }
        }
        return bytes.count > visibleLength ? out + "…" : out
    }

    /// A byte as two upper-case hex digits (`0A`), for messages that name a byte (`0x0A`).
    public static func hexDigits(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF".unicodeScalars)
        var out = ""
        out.unicodeScalars.append(digits[Int(byte >> 4)])
        out.unicodeScalars.append(digits[Int(byte & 15)])
        return out
    }

    /// Every byte shown, none hidden, for debugging output that must show exactly which bytes
    /// were signed: printable ASCII as is; tab, LF, CR and backslash as `\t`, `\n`, `\r`,
    /// `\\`; every other byte as `\xNN` (two upper-case hex digits). Not clipped.
    public static func escaped(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789ABCDEF".unicodeScalars)
        var out = ""
        for byte in bytes {
            switch byte {
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x5C: out += "\\\\"
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "\\x"
                out.unicodeScalars.append(digits[Int(byte >> 4)])
                out.unicodeScalars.append(digits[Int(byte & 15)])
            }
        }
        return out
    }
}
