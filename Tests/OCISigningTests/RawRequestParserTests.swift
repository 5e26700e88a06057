import OCISigning
import OCIRawRequest
import Testing

/// The raw request file format (`Vectors/README.md`, "request.http").
@Suite struct RawRequestParserTests {
    func parse(_ text: String) throws -> RawHTTPRequest { try RawHTTPRequest(parsing: Array(text.utf8)) }

    func expectError(_ code: OCISigningError.Code, line: Int, _ text: String) {
        do {
            _ = try RawHTTPRequest(parsing: Array(text.utf8))
            Issue.record("parsed: \(text.debugDescription)")
        } catch {
            #expect(error.code == code, "\(error)")
            #expect(error.line == line, "\(error)")
        }
    }

    @Test func bodyIsKeptVerbatimAndHeadersInOrder() throws {
        let raw = try parse("POST /a?b=%3a HTTP/1.1\r\nHost: h:8443\r\nX-A:  spaced value \t\r\nx-a: second\r\n\r\nline1\r\n\r\nend\n")
        #expect(raw.method == "POST")
        #expect(raw.target == "/a?b=%3a")
        #expect(raw.lineEnding == "\r\n")
        #expect(raw.headers.map(\.name) == ["Host", "X-A", "x-a"])
        #expect(raw.headers[1].valueText == "spaced value")
        #expect(raw.headers.map(\.line) == [2, 3, 4])
        #expect(raw.body == Array("line1\r\n\r\nend\n".utf8))
        #expect(raw.serialized() == Array("POST /a?b=%3a HTTP/1.1\r\nHost: h:8443\r\nX-A: spaced value\r\nx-a: second\r\n\r\nline1\r\n\r\nend\n".utf8))
    }

    @Test func emptyBodyEndsAfterTheBlankLine() throws {
        #expect(try parse("GET / HTTP/1.1\nHost: h\n\n").body.isEmpty)
    }

    @Test func hostBecomesTheAuthority() throws {
        let request = try parse("GET /x HTTP/1.1\nhOsT: [::1]:8080\nAccept: */*\n\n").httpRequest()
        #expect(request.authority == "[::1]:8080")
        #expect(request.path == "/x")
        #expect(request.headerFields.count == 1)
    }

    @Test func malformedInputs() {
        expectError(.malformedRequest, line: 1, "")
        expectError(.malformedRequest, line: 1, "GET / HTTP/1.1")
        expectError(.malformedRequest, line: 1, "GET /\n\n")
        expectError(.malformedRequest, line: 1, "GET / HTTP/1.0\nHost: h\n\n")
        expectError(.malformedRequest, line: 1, "G(T / HTTP/1.1\nHost: h\n\n")
        expectError(.malformedRequest, line: 2, "GET / HTTP/1.1\nHost h\n\n")
        expectError(.malformedRequest, line: 2, "GET / HTTP/1.1\nBad Name: h\n\n")
        expectError(.malformedRequest, line: 3, "GET / HTTP/1.1\nHost: h\n")
        expectError(.malformedRequest, line: 3, "GET / HTTP/1.1\nHost: h\n continued\n\n")
    }

    @Test func hostileBytes() {
        expectError(.invalidTarget, line: 1, "GET /a b HTTP/1.1\nHost: h\n\n")
        expectError(.invalidTarget, line: 1, "GET /a\u{7F} HTTP/1.1\nHost: h\n\n")
        expectError(.invalidTarget, line: 1, "GET /caf\u{E9} HTTP/1.1\nHost: h\n\n")
        expectError(.invalidTarget, line: 1, "GET /a\rb HTTP/1.1\nHost: h\n\n")
        expectError(.invalidHeaderValue, line: 2, "GET / HTTP/1.1\nX-A: a\rb\nHost: h\n\n")
        expectError(.invalidHeaderValue, line: 3, "GET / HTTP/1.1\nHost: h\nX-A: a\u{0}b\n\n")
        expectError(.invalidHeaderValue, line: 3, "GET / HTTP/1.1\nHost: h\nX-A: a\u{7F}\n\n")
    }

    @Test func hostProblems() throws {
        for (text, code) in [("GET / HTTP/1.1\nAccept: x\n\n", OCISigningError.Code.missingHost),
                             ("GET / HTTP/1.1\nHost:\n\n", .missingHost),
                             ("GET / HTTP/1.1\nHost: a\nHost: b\n\n", .duplicateSignedHeader)] {
            #expect(throws: OCISigningError.self) { _ = try parse(text).httpRequest() }
            do { _ = try parse(text).httpRequest() } catch { #expect((error as? OCISigningError)?.code == code) }
        }
    }
}
