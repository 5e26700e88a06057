import OCISigning

/// A request read from where people capture one: a raw request file, a `curl -v` trace or the
/// request log of Oracle's Python SDK and `oci` CLI (`oci --debug`, SDK `log_requests`: Python
/// http.client's `send: b'…'` lines). The format is detected from the bytes.
///
/// A `curl -v` trace holds the request line and headers (`> ` lines) but never the body: pass
/// the body separately. `oci --debug` output holds the body when it was sent as bytes.
public struct CapturedRequest: Sendable, Hashable {
    /// Where a capture came from.
    public enum Format: String, Sendable, Hashable {
        /// The raw request format (``RawHTTPRequest``).
        case raw
        /// `curl -v` (or `--verbose`) output: `> ` request lines, `* ` notes, `< ` response lines.
        case curlVerbose
        /// Python http.client debug output, as `oci --debug` prints it: `send: b'…'` lines.
        case pythonHTTPDebug
    }

    /// The format detected.
    public let format: Format
    /// The request, with the body given or captured.
    public let request: RawHTTPRequest
    /// The `host:port` pairs the client connected to, as the capture names them (curl's
    /// `* Connected to`, urllib3's `Starting new HTTPS connection`): the host a client signs
    /// from its URL, which may differ from a `Host` header set by hand or by a proxy.
    public let connectionHosts: [String]

    /// Most bytes of a capture read before giving up on finding the request in it (16 MiB).
    public static let maxCaptureBytes = 16 << 20

    /// Parses a capture.
    ///
    /// - Parameters:
    ///   - bytes: The file's bytes.
    ///   - body: The body sent, for a capture that does not hold it (a `curl -v` trace);
    ///     replaces the body of the capture when given.
    /// - Throws: `malformedRequest` when the bytes are none of the three formats, or when a
    ///   `curl -v` trace shows body bytes and no body was given; the raw parser's errors for
    ///   the request found, with the capture's line number.
    public init(parsing bytes: [UInt8], body: [UInt8]? = nil) throws(OCISigningError) {
        let lines = CaptureLines(bytes.prefix(Self.maxCaptureBytes))
        if let format = Self.detect(lines) {
            self.format = format
            switch format {
            case .raw:
                var raw = try RawHTTPRequest(parsing: bytes)
                if let body { raw.body = body }
                request = raw
                connectionHosts = []
            case .curlVerbose:
                (request, connectionHosts) = try CurlTrace.request(lines, body: body)
            case .pythonHTTPDebug:
                (request, connectionHosts) = try PythonHTTPDebug.request(lines, body: body)
            }
            return
        }
        throw OCISigningError(.malformedRequest, "the file is neither a raw HTTP request ('METHOD /target HTTP/1.1' on line 1), a curl -v trace ('> METHOD /target HTTP/1.1' lines) nor oci --debug output ('send: b'METHOD /target HTTP/1.1…'' lines)", line: 1)
    }

    /// The format of a capture: raw when line 1 is a request line, else the first curl or
    /// Python request line found; nil when there is none.
    static func detect(_ lines: CaptureLines) -> Format? {
        guard let first = lines.lines.first else { return nil }
        if CurlTrace.isRequestLine(first.text) { return .raw }
        for line in lines.lines {
            if line.text.hasPrefix("> "), CurlTrace.isRequestLine(String(line.text.dropFirst(2))) { return .curlVerbose }
            if line.text.hasPrefix("send: b'") || line.text.hasPrefix("send: b\"") { return .pythonHTTPDebug }
        }
        return nil
    }
}

/// A capture split into lines (LF, a CR before it dropped), with 1-based numbers.
struct CaptureLines {
    struct Line {
        let number: Int
        let text: String
    }

    let lines: [Line]

    init(_ bytes: ArraySlice<UInt8>) {
        var out: [Line] = []
        var number = 1
        for piece in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            let trimmed = piece.last == 0x0D ? piece.dropLast() : piece
            out.append(Line(number: number, text: String(decoding: trimmed, as: UTF8.self)))
            number += 1
        }
        if out.last?.text.isEmpty == true { out.removeLast() }
        lines = out
    }
}
