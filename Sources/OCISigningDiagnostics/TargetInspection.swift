/// Looks at a request-target for the bytes HTTP stacks and SDK encoders commonly treat
/// differently (spec §8.4–8.5, §10): each is a place where what was signed and what was sent
/// can drift apart. `oci-sign dump` prints the flags; a server can log them beside a 401.
public struct TargetInspection: Sendable, Hashable {
    /// One place in the target worth a second look.
    public struct Flag: Sendable, Hashable {
        /// 0-based byte offset in the target.
        public let offset: Int
        /// The bytes concerned, as written.
        public let text: String
        /// A short stable kind (`plus`, `percent20`, `rawColon`, `lowercaseEscape`,
        /// `encodedSlash`, `encodedNonASCII`, `rawReserved`, `dotSegment`, `bareQuery`).
        public let kind: String
        /// Why it matters.
        public let note: String
    }

    /// The request-target as given.
    public let target: String
    /// The part before `?`.
    public let path: String
    /// The part after the first `?`, when there is one.
    public let query: String?
    /// The findings, in target order.
    public let flags: [Flag]

    /// Inspects `target` (path and query, exactly as sent).
    public init(_ target: String) {
        self.target = target
        let bytes = Array(target.utf8)
        let questionMark = bytes.firstIndex(of: UInt8(ascii: "?"))
        path = String(decoding: bytes[..<(questionMark ?? bytes.count)], as: UTF8.self)
        query = questionMark.map { String(decoding: bytes[($0 + 1)...], as: UTF8.self) }
        var flags: [Flag] = []
        var index = 0
        while index < bytes.count {
            if let escape = Self.escapeFlags(bytes, at: index) {
                flags += escape
                index += 3
                continue
            }
            if let flag = Self.byteFlag(bytes, at: index, questionMark: questionMark) { flags.append(flag) }
            index += 1
        }
        self.flags = flags
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }

    /// The flags of a `%XX` escape at `index`; nil when no escape starts there.
    private static func escapeFlags(_ bytes: [UInt8], at index: Int) -> [Flag]? {
        guard bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count, isHex(bytes[index + 1]), isHex(bytes[index + 2]) else { return nil }
        let escape = String(decoding: bytes[index...(index + 2)], as: UTF8.self)
        let value = UInt8(escape.dropFirst(), radix: 16) ?? 0
        var flags: [Flag] = []
        if escape == "%20" {
            flags.append(Flag(offset: index, text: escape, kind: "percent20", note: "space as %20; form encoders (Python requests, Go url.Values) send '+' instead"))
        } else if value == UInt8(ascii: "/") {
            flags.append(Flag(offset: index, text: escape, kind: "encodedSlash", note: "encoded '/'; some stacks decode it before sending"))
        } else if value >= 0x80 {
            flags.append(Flag(offset: index, text: escape, kind: "encodedNonASCII", note: "percent-encoded UTF-8 byte (unicode); a stack that decodes and re-encodes may normalise it"))
        }
        if escape.contains(where: { ("a"..."f").contains($0) }) {
            flags.append(Flag(offset: index, text: escape, kind: "lowercaseEscape", note: "lowercase hex escape; most encoders emit uppercase (oci-curl emits lowercase); the server compares bytes"))
        }
        return flags
    }

    private static let reservedBytes: Set<UInt8> = Set("!$'()*,;@[]".utf8)

    /// The flag of a single unescaped byte, if it is one clients treat differently.
    private static func byteFlag(_ bytes: [UInt8], at index: Int, questionMark: Int?) -> Flag? {
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "+"):
            let inQuery = questionMark.map { index > $0 } ?? false
            return Flag(offset: index, text: "+", kind: "plus", note: inQuery
                ? "'+' in the query: form decoding reads a space; a re-encoder may send %2B or %20"
                : "'+' in the path: a literal plus; encodeURIComponent and Java send %2B")
        case UInt8(ascii: ":"):
            return Flag(offset: index, text: ":", kind: "rawColon", note: "raw ':'; Python, JavaScript and Java query encoders send %3A")
        case UInt8(ascii: "?") where index == bytes.count - 1:
            return Flag(offset: index, text: "?", kind: "bareQuery", note: "bare '?' with an empty query; Java and Python drop it")
        case _ where reservedBytes.contains(byte):
            return Flag(offset: index, text: String(UnicodeScalar(byte)), kind: "rawReserved", note: "raw reserved character; encoders disagree whether to escape it")
        case UInt8(ascii: "/"):
            let rest = bytes[index...]
            let isDotSegment = rest.starts(with: Array("/./".utf8)) || rest.starts(with: Array("/../".utf8))
                || rest.elementsEqual(Array("/.".utf8)) || rest.elementsEqual(Array("/..".utf8))
            guard isDotSegment else { return nil }
            return Flag(offset: index, text: rest.starts(with: Array("/..".utf8)) ? "/.." : "/.", kind: "dotSegment", note: "dot segment; URLSession/curl remove it before sending")
        default:
            return nil
        }
    }
}
