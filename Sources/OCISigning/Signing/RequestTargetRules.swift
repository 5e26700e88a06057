import HTTPTypes

/// What a request-target may hold to be signed as is.
enum RequestTargetRules {
    /// Returns the target unchanged when it can be sent and signed byte for byte.
    ///
    /// Origin-form only (`/path?query`), visible ASCII only: a space, control byte or raw
    /// non-ASCII byte would be re-encoded by some HTTP stack after signing, so it is refused
    /// here rather than turned into a `401` later. A `#` fragment is never sent, so it is refused too.
    static func validated(_ path: String?) throws(OCISigningError) -> String {
        guard let path, !path.isEmpty else {
            throw OCISigningError(.invalidTarget, "the request-target is empty; use '/' for the root")
        }
        // Oversized targets are refused before they are scanned or echoed.
        guard path.utf8.count <= InputLimits.maxTargetLength else {
            throw OCISigningError(.invalidTarget, "the request-target has \(path.utf8.count) bytes; at most \(InputLimits.maxTargetLength) are signed")
        }
        guard path.utf8.first == UInt8(ascii: "/") else {
            throw OCISigningError(.invalidTarget, "the request-target '\(printable(path))' must start with '/' (origin-form)")
        }
        // Fast path: scan the contiguous UTF-8 once (the target is checked on every request and
        // iterating `utf8.enumerated()` byte by byte costs about 20k instructions for a 300-byte
        // target); the detailed loop below only runs to describe a problem.
        var contiguous = path  // withUTF8 is mutating; native strings are not copied
        let clean = contiguous.withUTF8 { bytes in firstProblem(in: bytes) == nil }
        if clean { return path }
        let bytes = Array(path.utf8)
        if let (offset, problem) = bytes.withUnsafeBufferPointer({ firstProblem(in: $0) }) {
            throw OCISigningError(.invalidTarget, "the request-target has \(problem) at offset \(offset)")
        }
        return path
    }

    /// Whether a visible ASCII byte may stand as is in a target: RFC 3986 allows none of
    /// `"<>\^`{|}` anywhere in a URI, and HTTP stacks (URLSession, AsyncHTTPClient, Java's
    /// `URI`) percent-encode or reject them after signing, so the signed target would not be
    /// the one sent. `#` starts a fragment, which is never sent.
    static func isAllowedVisible(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"), UInt8(ascii: "^"),
             UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "#"): false
        default: byte > 0x20 && byte < 0x7F
        }
    }

    /// The offset and description of the first byte that cannot be signed as is: a byte
    /// ``isAllowedVisible(_:)`` refuses, or a `%` not followed by two hex digits (a stack would
    /// send it as `%25`, or refuse the URL).
    static func firstProblem(in bytes: UnsafeBufferPointer<UInt8>) -> (offset: Int, problem: String)? {
        var offset = 0
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "%") {
                guard offset + 2 < bytes.count, isHexDigit(bytes[offset + 1]), isHexDigit(bytes[offset + 2]) else {
                    return (offset, "'%' not followed by two hex digits (a literal '%' is sent as %25)")
                }
                offset += 3
                continue
            }
            if !isAllowedVisible(byte) { return (offset, describe(byte)) }
            offset += 1
        }
        return nil
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66)
    }

    /// What a refused byte is, with the fix.
    static func describe(_ byte: UInt8) -> String {
        switch byte {
        case 0x20: "a space (send it as %20)"
        case 0x00..<0x20, 0x7F: "control byte 0x\(OCIDisplayText.hexDigits(byte))"
        case 0x80...: "a raw non-ASCII byte (percent-encode it)"
        case UInt8(ascii: "#"): "'#' (a fragment is never sent; encode it as %23)"
        default: "'\(Character(Unicode.Scalar(byte)))', which RFC 3986 does not allow in a URI and HTTP stacks re-encode (percent-encode it as %\(OCIDisplayText.hexDigits(byte)))"
        }
    }

    /// The `(request-target)` value: the lowercased method, a space and the target, built in
    /// one buffer (it is rebuilt for every request signed or verified).
    static func line(method: HTTPRequest.Method, target: String) -> String {
        let verb = method.rawValue.lowercased()
        let length = verb.utf8.count + 1 + target.utf8.count
        return String(unsafeUninitializedCapacity: length) { out in
            var written = UTF8Copy.copy(verb, into: out, at: 0)
            out[written] = 0x20
            written = UTF8Copy.copy(target, into: out, at: written + 1)
            return written
        }
    }

    /// The target with control and non-ASCII bytes shown as `\xNN`, clipped, for messages.
    static func printable(_ text: String) -> String { OCIDisplayText.visible(Array(text.utf8)) }
}
