import HTTPTypes
import OCISigning

extension RawHTTPRequest {
    /// Parses a raw request.
    ///
    /// - Throws: `malformedRequest` (request line, header syntax, missing empty line),
    ///   `invalidTarget` (bytes that cannot be sent as is) or `invalidHeaderValue` (CR, NUL or
    ///   another control byte inside a value), each naming the line.
    public init(parsing bytes: [UInt8]) throws(OCISigningError) {
        var lines = LineCursor(bytes)
        guard let (requestLine, eol) = try lines.nextWithinLimit() else {
            let what = bytes.isEmpty ? "the request is empty" : "the request line has no line ending"
            throw OCISigningError(.malformedRequest, "\(what); expected 'METHOD /target HTTP/1.1' and a newline", line: 1)
        }
        // Split at the first and the last space: what lies between is the target, so a raw
        // space inside the target is reported as a target problem, not a syntax problem.
        guard let firstSpace = requestLine.firstIndex(of: 0x20), let lastSpace = requestLine.lastIndex(of: 0x20),
              firstSpace < lastSpace
        else {
            throw OCISigningError(.malformedRequest, "the request line must be 'METHOD TARGET HTTP/1.1', got '\(OCIDisplayText.visible(requestLine))'", line: 1)
        }
        let method = Array(requestLine[requestLine.startIndex..<firstSpace])
        let targetBytes = Array(requestLine[(firstSpace + 1)..<lastSpace])
        let version = Array(requestLine[(lastSpace + 1)...])
        guard !method.isEmpty, !targetBytes.isEmpty else {
            throw OCISigningError(.malformedRequest, "the request line must be 'METHOD TARGET HTTP/1.1' with single spaces, got '\(OCIDisplayText.visible(requestLine))'", line: 1)
        }
        guard method.allSatisfy(HTTPToken.isTokenByte) else {
            throw OCISigningError(.malformedRequest, "the method '\(OCIDisplayText.visible(method))' is not an HTTP token", line: 1)
        }
        guard version == Array("HTTP/1.1".utf8) else {
            throw OCISigningError(.malformedRequest, "the HTTP version must be HTTP/1.1, got '\(OCIDisplayText.visible(version))'", line: 1)
        }
        for (offset, byte) in targetBytes.enumerated() where byte < 0x21 || byte >= 0x7F {
            let what = byte == 0x20 ? "a space" : "byte 0x\(OCIDisplayText.hexDigits(byte))"
            throw OCISigningError(.invalidTarget, "the request-target has \(what) at offset \(offset); percent-encode it", line: 1)
        }

        var headers: [Header] = []
        var sawEmptyLine = false
        var headerBytes = 0
        while let (line, _) = try lines.nextWithinLimit() {
            if line.isEmpty { sawEmptyLine = true; break }
            // Counted as read, so a file of 70,000 header lines is refused at the first line
            // over the limit, not after all of them were copied.
            headerBytes += line.count + 2
            try OCIHeaderLimits.check(count: headers.count + 1, bytes: headerBytes, line: lines.lineNumber)
            headers.append(try Self.header(parsing: line, number: lines.lineNumber))
        }
        guard sawEmptyLine else {
            throw OCISigningError(.malformedRequest, "the headers must end with an empty line (the request is truncated, or the file lacks the blank line before the body)", line: lines.lineNumber + 1)
        }
        self.init(method: String(decoding: method, as: UTF8.self), target: String(decoding: targetBytes, as: UTF8.self),
                  version: "HTTP/1.1", headers: headers, body: Array(lines.rest), lineEnding: eol)
    }

    /// One `Name: value` line: the name a token, the value without surrounding spaces and tabs
    /// and free of control bytes (a CR inside a value would split the header on the wire).
    static func header(parsing line: ArraySlice<UInt8>, number: Int) throws(OCISigningError) -> Header {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
            throw OCISigningError(.malformedRequest, "header line has no ':' : '\(OCIDisplayText.visible(line))'", line: number)
        }
        let name = Array(line[line.startIndex..<colon])
        guard !name.isEmpty, name.allSatisfy(HTTPToken.isTokenByte) else {
            throw OCISigningError(.malformedRequest, "invalid header name '\(OCIDisplayText.visible(name))' (no spaces before ':', token characters only)", line: number)
        }
        let nameText = String(decoding: name, as: UTF8.self)
        var value = line[(colon + 1)...]
        while let f = value.first, f == 0x20 || f == 0x09 { value = value.dropFirst() }
        while let l = value.last, l == 0x20 || l == 0x09 { value = value.dropLast() }
        for byte in value where (byte < 0x20 && byte != 0x09) || byte == 0x7F {
            let what = byte == 0x0D ? "a bare CR" : byte == 0 ? "a NUL byte" : "control byte 0x\(OCIDisplayText.hexDigits(byte))"
            throw OCISigningError(.invalidHeaderValue, "header '\(nameText)' has \(what) in its value (header injection?)", header: nameText.lowercased(), line: number)
        }
        return Header(name: nameText, value: Array(value), line: number)
    }

    /// The same request as a swift-http-types request: `Host` becomes the authority, the scheme
    /// is `https`, every other header becomes a field in order.
    ///
    /// - Throws: `missingHost`, `duplicateSignedHeader` (two `Host` lines), `malformedRequest` or
    ///   `tooManyHeaders` (more than `OCIHeaderLimits` allows).
    public func httpRequest() throws(OCISigningError) -> HTTPRequest {
        guard let method = HTTPRequest.Method(method) else {
            throw OCISigningError(.malformedRequest, "'\(method)' is not an HTTP method token", line: 1)
        }
        let hosts = headers.filter { $0.name.lowercased() == "host" }
        guard let host = hosts.first else {
            throw OCISigningError(.missingHost, "the request has no Host header; OCI signs the host", header: "host")
        }
        guard hosts.count == 1 else {
            throw OCISigningError(.duplicateSignedHeader, "the Host header is given \(hosts.count) times", header: "host", line: hosts[1].line)
        }
        guard !host.value.isEmpty else {
            throw OCISigningError(.missingHost, "the Host header is empty", header: "host", line: host.line)
        }
        var fields = BoundedHTTPFields()
        for header in headers where header.name.lowercased() != "host" {
            guard let name = HTTPField.Name(header.name) else {
                throw OCISigningError(.malformedRequest, "invalid header name '\(OCIDisplayText.visible(Array(header.name.utf8)))'", line: header.line)
            }
            try fields.append(HTTPField(name: name, value: header.value), line: header.line)
        }
        return HTTPRequest(method: method, scheme: "https", authority: host.valueText, path: target, headerFields: fields.fields)
    }
}

/// Splits the head of a request into lines ended by LF or CRLF, leaving the rest as the body.
struct LineCursor {
    private let bytes: [UInt8]
    private var position = 0
    private(set) var lineNumber = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The next line without its terminator and the terminator; nil at end of input or when the
    /// input ends without a terminator (a truncated line counts as missing).
    mutating func next() -> (ArraySlice<UInt8>, String)? {
        guard position < bytes.count, let lf = bytes[position...].firstIndex(of: 0x0A) else { return nil }
        lineNumber += 1
        var end = lf
        var eol = "\n"
        if end > position, bytes[end - 1] == 0x0D { end -= 1; eol = "\r\n" }
        let line = bytes[position..<end]
        position = lf + 1
        return (line, eol)
    }

    /// ``next()``, refusing a line longer than `InputLimits.maxRawLineLength`: a 1 MiB header or
    /// target is refused here with its line number instead of being copied and signed.
    mutating func nextWithinLimit() throws(OCISigningError) -> (ArraySlice<UInt8>, String)? {
        guard let (line, eol) = next() else { return nil }
        guard line.count <= InputLimits.maxRawLineLength else {
            throw OCISigningError(.malformedRequest, "line \(lineNumber) has \(line.count) bytes; request and header lines are limited to \(InputLimits.maxRawLineLength)", line: lineNumber)
        }
        return (line, eol)
    }

    /// Everything after the last line returned.
    var rest: ArraySlice<UInt8> { bytes[position...] }
}
