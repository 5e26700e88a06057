/// Renders bytes so that nothing is hidden: what a mismatch debugger prints must show exactly
/// which bytes were signed, including the ones a terminal would swallow.
public enum VisibleBytes {
    /// Printable ASCII as is; `\t`, `\r`, `\n` and `\\` escaped; every other byte (control,
    /// DEL, non-ASCII) as `\xNN`.
    public static func escaped(_ bytes: some Sequence<UInt8>) -> String {
        var out = ""
        for byte in bytes {
            switch byte {
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x5C: out += "\\\\"
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(byte))
            default: out += "\\x" + hex2(byte)
            }
        }
        return out
    }

    /// Whether every byte is printable ASCII other than `\` (so the plain text is unambiguous).
    public static func isPlain(_ bytes: some Sequence<UInt8>) -> Bool {
        bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != 0x5C }
    }

    /// A signing string (or any text) cut after each LF, every line shown with its terminator
    /// made visible (`\n`, `\r\n`) and a final line without a terminator marked as such.
    public static func lines(_ bytes: [UInt8]) -> [String] {
        var out: [String] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            out.append(escaped(bytes[start...index]))
            start = index + 1
        }
        if start < bytes.count {
            out.append(escaped(bytes[start...]) + "⟨end: no line break⟩")
        } else {
            out.append("⟨end⟩")
        }
        return out
    }

    /// Two uppercase hex digits.
    static func hex2(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }
}
