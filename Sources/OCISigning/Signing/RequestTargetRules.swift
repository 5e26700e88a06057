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
        let clean = contiguous.withUTF8 { bytes in
            bytes.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "#") }
        }
        if clean { return path }
        for (offset, byte) in path.utf8.enumerated() {
            let problem: String?
            switch byte {
            case 0x20: problem = "a space (send it as %20)"
            case 0x00..<0x20, 0x7F: problem = "control byte 0x\(OCIDisplayText.hexDigits(byte))"
            case 0x80...: problem = "a raw non-ASCII byte (percent-encode it)"
            case UInt8(ascii: "#"): problem = "'#' (a fragment is never sent; encode it as %23)"
            default: problem = nil
            }
            if let problem {
                throw OCISigningError(.invalidTarget, "the request-target has \(problem) at offset \(offset)")
            }
        }
        return path
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
