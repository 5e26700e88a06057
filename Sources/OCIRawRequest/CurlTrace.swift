import OCISigning

/// The request in `curl -v` output: the first block of `> ` lines (request line, headers, the
/// empty `> ` line). curl prints the body only as `} [N bytes data]`, so it comes from elsewhere.
enum CurlTrace {
    /// Whether `text` is `METHOD TARGET HTTP/x` (three parts, a token method).
    static func isRequestLine(_ text: String) -> Bool {
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty, parts[2].hasPrefix("HTTP/") else { return false }
        return parts[0].utf8.allSatisfy(HTTPToken.isTokenByte)
    }

    static func request(_ capture: CaptureLines, body: [UInt8]?) throws(OCISigningError) -> (RawHTTPRequest, [String]) {
        let lines = capture.lines
        guard let start = lines.firstIndex(where: { $0.text.hasPrefix("> ") && isRequestLine(String($0.text.dropFirst(2))) }) else {
            throw OCISigningError(.malformedRequest, "the curl -v trace has no '> METHOD /target HTTP/1.1' line")
        }
        var head: [String] = []
        var end: Int?
        for index in start..<lines.count {
            let text = lines[index].text
            guard text.hasPrefix(">") else { break }
            let content = text.hasPrefix("> ") ? String(text.dropFirst(2)) : String(text.dropFirst())
            if content.isEmpty { end = index; break }
            head.append(content)
        }
        guard let end else {
            throw OCISigningError(.malformedRequest, "the curl -v request starting on line \(lines[start].number) has no empty '> ' line after its headers (the trace is cut)", line: lines[start].number)
        }
        let shownBody = bodyBytesShown(lines[(end + 1)...])
        if body == nil, let shownBody, shownBody > 0 {
            throw OCISigningError(.malformedRequest, "the curl -v trace sent \(shownBody) body bytes ('} [\(shownBody) bytes data]') but curl does not print them; pass the body file with --body FILE", line: lines[end].number + 1)
        }
        let text = head.joined(separator: "\r\n") + "\r\n\r\n"
        do {
            var raw = try RawHTTPRequest(parsing: Array(text.utf8))
            raw.body = body ?? []
            return (raw, connectionHosts(lines[..<start]))
        } catch {
            throw OCISigningError(error.code, "in the curl -v request (lines \(lines[start].number)–\(lines[end].number)): \(error.reason)",
                                  header: error.header, line: error.line.map { lines[start].number + $0 - 1 })
        }
    }

    /// The byte count of the `} [N bytes data]` lines after the request, up to the response.
    static func bodyBytesShown(_ lines: ArraySlice<CaptureLines.Line>) -> Int? {
        var total: Int?
        for line in lines {
            if line.text.hasPrefix("<") || line.text.hasPrefix("> ") { break }
            guard line.text.hasPrefix("} ["), let count = Int(line.text.dropFirst(3).prefix { $0.isNumber }) else { continue }
            total = (total ?? 0) + count
        }
        return total
    }

    /// `host:port` from `* Connected to HOST (IP) port N` lines.
    static func connectionHosts(_ lines: ArraySlice<CaptureLines.Line>) -> [String] {
        lines.compactMap { line in
            guard line.text.hasPrefix("* Connected to ") else { return nil }
            let words = line.text.dropFirst("* Connected to ".count).split(separator: " ")
            guard let host = words.first, let portIndex = words.firstIndex(of: "port"), portIndex + 1 < words.count else { return nil }
            return "\(host):\(words[portIndex + 1])"
        }
    }
}
