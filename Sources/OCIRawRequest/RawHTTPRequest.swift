import HTTPTypes
import OCISigning

/// A raw HTTP/1.1 request as an application would send it, in the file format of `oci-sign`.
///
/// Format: a request line `METHOD SP TARGET SP HTTP/1.1`; header lines `Name: value` (spaces and
/// tabs around the value are not part of it); each line ended by LF or CRLF; an empty line; then
/// the body bytes verbatim to the end of the input (nothing added or stripped).
///
/// Parsing keeps the exact header order, name spelling and body bytes, so a signed request can
/// be written back byte for byte with only the added headers appended.
public struct RawHTTPRequest: Sendable, Hashable {
    /// One header line.
    public struct Header: Sendable, Hashable {
        /// The name as written.
        public var name: String
        /// The value bytes, without surrounding spaces and tabs.
        public var value: [UInt8]
        /// The 1-based line number in the input (0 for added headers).
        public var line: Int

        /// Creates a header.
        public init(name: String, value: [UInt8], line: Int = 0) {
            self.name = name
            self.value = value
            self.line = line
        }

        /// The value as text (invalid UTF-8 shown with replacement characters).
        public var valueText: String { String(decoding: value, as: UTF8.self) }
    }

    /// The method token, as written.
    public var method: String
    /// The request-target, as written.
    public var target: String
    /// The HTTP version token, `HTTP/1.1`.
    public var version: String
    /// Header lines in order.
    public var headers: [Header]
    /// The body, verbatim.
    public var body: [UInt8]
    /// The line terminator of the request line (`"\r\n"` or `"\n"`), reused when writing.
    public var lineEnding: String

    /// Creates a request.
    public init(method: String, target: String, version: String = "HTTP/1.1", headers: [Header], body: [UInt8] = [], lineEnding: String = "\n") {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
        self.lineEnding = lineEnding
    }

    /// The values of a header, compared case-insensitively.
    public func values(of name: String) -> [[UInt8]] {
        let lower = name.lowercased()
        return headers.filter { $0.name.lowercased() == lower }.map(\.value)
    }

    /// Writes the request in the same format: request line, headers, then `extraHeaders`, an
    /// empty line and the body, every line ended with ``lineEnding``.
    public func serialized(appending extraHeaders: [Header] = []) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(body.count + 256 + headers.count * 64)
        let eol = Array(lineEnding.utf8)
        out += Array("\(method) \(target) \(version)".utf8) + eol
        for header in headers + extraHeaders {
            out += Array(header.name.utf8) + Array(": ".utf8) + header.value + eol
        }
        out += eol
        out += body
        return out
    }
}

extension RawHTTPRequest {
    /// Bytes as text with CR, control and non-ASCII bytes shown as `\xNN` (at most 200 bytes).
    public static func visibleText(_ bytes: [UInt8]) -> String { OCIDisplayText.visible(bytes) }
}
