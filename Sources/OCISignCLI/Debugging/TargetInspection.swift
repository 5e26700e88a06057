/// Looks at a request-target for the bytes HTTP stacks and SDK encoders commonly treat
/// differently (spec §8.4–8.5, §10): each is a place where what was signed and what was sent
/// can drift apart.
struct TargetInspection: Sendable {
    /// One finding.
    struct Flag: Sendable, Hashable {
        /// 0-based byte offset in the target.
        let offset: Int
        /// The bytes concerned, as written.
        let text: String
        /// A short stable kind (`plus`, `percent20`, `rawColon`, `lowercaseEscape`,
        /// `encodedSlash`, `encodedNonASCII`, `rawReserved`, `dotSegment`, `bareQuery`).
        let kind: String
        /// Why it matters.
        let note: String
    }

    let target: String
    let path: String
    let query: String?
    let flags: [Flag]

    init(_ target: String) {
        self.target = target
        let bytes = Array(target.utf8)
        let questionMark = bytes.firstIndex(of: UInt8(ascii: "?"))
        path = String(decoding: bytes[..<(questionMark ?? bytes.count)], as: UTF8.self)
        query = questionMark.map { String(decoding: bytes[($0 + 1)...], as: UTF8.self) }
        var flags: [Flag] = []
        var index = 0
        func isHex(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) || (0x41...0x46).contains(b) || (0x61...0x66).contains(b) }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count, isHex(bytes[index + 1]), isHex(bytes[index + 2]) {
                let escape = String(decoding: bytes[index...(index + 2)], as: UTF8.self)
                let value = UInt8(escape.dropFirst(), radix: 16)!
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
                index += 3
                continue
            }
            switch byte {
            case UInt8(ascii: "+"):
                flags.append(Flag(offset: index, text: "+", kind: "plus", note: questionMark.map { index > $0 } ?? false
                    ? "'+' in the query: form decoding reads a space; a re-encoder may send %2B or %20"
                    : "'+' in the path: a literal plus; encodeURIComponent and Java send %2B"))
            case UInt8(ascii: ":"):
                flags.append(Flag(offset: index, text: ":", kind: "rawColon", note: "raw ':'; Python, JavaScript and Java query encoders send %3A"))
            case UInt8(ascii: "?") where index == bytes.count - 1:
                flags.append(Flag(offset: index, text: "?", kind: "bareQuery", note: "bare '?' with an empty query; Java and Python drop it"))
            case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
                 UInt8(ascii: "*"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "@"), UInt8(ascii: "["), UInt8(ascii: "]"):
                flags.append(Flag(offset: index, text: String(UnicodeScalar(byte)), kind: "rawReserved", note: "raw reserved character; encoders disagree whether to escape it"))
            case UInt8(ascii: "/"):
                let rest = bytes[index...]
                if rest.starts(with: Array("/./".utf8)) || rest.starts(with: Array("/../".utf8)) || rest.elementsEqual(Array("/.".utf8)) || rest.elementsEqual(Array("/..".utf8)) {
                    flags.append(Flag(offset: index, text: rest.starts(with: Array("/..".utf8)) ? "/.." : "/.", kind: "dotSegment", note: "dot segment; URLSession/curl remove it before sending"))
                }
            default: break
            }
            index += 1
        }
        self.flags = flags
    }
}

/// The host and its port, if it has one (`[::1]:8080`, `localhost:8443`).
struct HostInspection: Sendable {
    let host: String
    let name: String
    let port: String?

    init(_ host: String) {
        self.host = host
        if let colon = host.lastIndex(of: ":"), !host[host.index(after: colon)...].isEmpty,
           host[host.index(after: colon)...].allSatisfy(\.isNumber),
           !host[..<colon].contains(":") || host.hasPrefix("[") {
            name = String(host[..<colon])
            port = String(host[host.index(after: colon)...])
        } else {
            name = host
            port = nil
        }
    }

    var note: String {
        if let port {
            return "carries port \(port): Go, Python, TypeScript and Java sign the port, .NET and Ruby sign the host without it"
                + (port == "443" ? "; an HTTP stack that strips the default port :443 after signing breaks the signature" : "")
        }
        return "no port: a client that signs 'host:443' (or a non-default port) will not match"
    }
}
