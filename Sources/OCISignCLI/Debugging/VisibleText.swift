/// Renders bytes so that nothing is hidden: what a mismatch debugger prints must show exactly
/// which bytes were signed, including the ones a terminal would swallow.
enum VisibleText {
    /// Printable ASCII as is; `\t`, `\r`, `\n` and `\\` escaped; every other byte (control,
    /// DEL, non-ASCII) as `\xNN`.
    static func bytes(_ bytes: some Sequence<UInt8>) -> String {
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

    /// Whether every byte is printable ASCII (so the plain text is unambiguous).
    static func isPlain(_ bytes: some Sequence<UInt8>) -> Bool {
        bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != 0x5C }
    }

    /// A signing string (or any text) cut after each LF, every line shown with its terminator
    /// made visible (`\n`, `\r\n`) and a final line without a terminator marked as such.
    static func lines(_ bytes: [UInt8]) -> [String] {
        var out: [String] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            out.append(Self.bytes(bytes[start...index]))
            start = index + 1
        }
        if start < bytes.count { out.append(Self.bytes(bytes[start...]) + "⟨end: no line break⟩") }
        else { out.append("⟨end⟩") }
        return out
    }

    static func hex2(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { hex2($0).lowercased() }.joined() }
}

/// A minimal line diff (longest common subsequence), for showing two signing strings side by
/// side: `  ` common, `- ` only in the first, `+ ` only in the second.
enum LineDiff {
    static func diff(_ a: [String], _ b: [String]) -> [String] {
        let n = a.count, m = b.count
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var out: [String] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] { out.append("  " + a[i]); i += 1; j += 1 }
            else if i < n, j == m || lcs[i + 1][j] >= lcs[i][j + 1] { out.append("- " + a[i]); i += 1 }
            else { out.append("+ " + b[j]); j += 1 }
        }
        return out
    }
}
