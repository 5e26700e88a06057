import OCISigning

/// The request in Python http.client debug output (`HTTPConnection.debuglevel = 1`, what
/// `oci --debug` and the SDK's `log_requests` turn on): `send: b'…'` lines holding the bytes
/// written to the socket as a Python bytes literal, the first with the request line and
/// headers, the next ones (up to `reply:`) the body.
enum PythonHTTPDebug {
    static func request(_ capture: CaptureLines, body: [UInt8]?) throws(OCISigningError) -> (RawHTTPRequest, [String]) {
        let lines = capture.lines
        guard let start = lines.firstIndex(where: { $0.text.hasPrefix("send: b") }) else {
            throw OCISigningError(.malformedRequest, "the oci --debug output has no 'send: b'…'' line")
        }
        var sent: [UInt8] = []
        var bodyComplete = true
        for line in lines[start...] {
            if line.text.hasPrefix("reply:") { break }
            if line.text.hasPrefix("send: b") {
                sent += try literal(String(line.text.dropFirst("send: ".count)), line: line.number)
            } else if line.text.hasPrefix("sending a") || line.text.hasPrefix("send: <") {
                bodyComplete = false  // a file or iterator body: http.client does not print it
            }
            if sent.count > CapturedRequest.maxCaptureBytes { break }
        }
        var raw: RawHTTPRequest
        do {
            raw = try RawHTTPRequest(parsing: sent)
        } catch {
            throw OCISigningError(error.code, "in the request sent on line \(lines[start].number): \(error.reason)", header: error.header, line: lines[start].number)
        }
        if let body {
            raw.body = body
        } else if !bodyComplete {
            throw OCISigningError(.malformedRequest, "the request's body was streamed and not printed by oci --debug; pass the body file with --body FILE", line: lines[start].number)
        }
        return (raw, connectionHosts(lines[..<start]))
    }

    /// `host:port` from urllib3's `Starting new HTTP(S) connection (1): host:port` lines.
    static func connectionHosts(_ lines: ArraySlice<CaptureLines.Line>) -> [String] {
        lines.compactMap { line in
            guard line.text.contains("Starting new HTTP"), let colon = line.text.firstRange(of: "): ") else { return nil }
            let host = line.text[colon.upperBound...].trimmingSpaces
            return host.isEmpty ? nil : String(host)
        }
    }

    /// The bytes of a Python bytes literal `b'…'` or `b"…"` (escapes `\\ \' \" \n \r \t \xHH`).
    static func literal(_ text: String, line: Int) throws(OCISigningError) -> [UInt8] {
        let bytes = Array(text.utf8)
        guard bytes.count >= 3, bytes[0] == UInt8(ascii: "b"), let quote = bytes.last, quote == bytes[1],
              quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"")
        else {
            throw OCISigningError(.malformedRequest, "a 'send:' line must hold a Python bytes literal b'…' (is the line cut?)", line: line)
        }
        var out: [UInt8] = []
        var index = 2
        while index < bytes.count - 1 {
            guard bytes[index] == UInt8(ascii: "\\") else { out.append(bytes[index]); index += 1; continue }
            guard index + 1 < bytes.count - 1 else { break }
            switch bytes[index + 1] {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): out.append(bytes[index + 1])
            case UInt8(ascii: "x"):
                guard index + 3 < bytes.count - 1, let value = UInt8(String(decoding: bytes[(index + 2)...(index + 3)], as: UTF8.self), radix: 16) else {
                    throw OCISigningError(.malformedRequest, "a '\\x' escape needs two hex digits", line: line)
                }
                out.append(value)
                index += 2
            default:
                throw OCISigningError(.malformedRequest, "unknown escape '\\\(String(UnicodeScalar(bytes[index + 1])))' in the bytes literal", line: line)
            }
            index += 2
        }
        return out
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return text
    }
}
