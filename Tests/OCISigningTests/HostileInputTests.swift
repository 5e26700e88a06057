import Foundation
import HTTPTypes
import OCISigning
import OCIRawRequest
import Testing

/// Hostile raw requests (issue 8): each must fail with its typed code, never crash, never sign.
///
/// The expected codes are the contract of `RawHTTPRequest(parsing:)` and `OCIRequestSigner`
/// (their doc comments and OCISigningError.Code); a case fails if the input is signed, or fails
/// with a different code.
@Suite struct HostileInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let code: OCISigningError.Code
        var testDescription: String { name }

        init(_ name: String, _ text: String, _ code: OCISigningError.Code) {
            self.init(name, Array(text.utf8), code)
        }
        init(_ name: String, _ bytes: [UInt8], _ code: OCISigningError.Code) {
            self.name = name
            self.bytes = bytes
            self.code = code
        }
    }

    static let head = "host: iaas.us-phoenix-1.oraclecloud.com\ndate: Thu, 05 Jan 2014 21:31:40 GMT\n"
    static let mebibyte = String(repeating: "a", count: 1024 * 1024)
    /// One byte over the signer's 64 KiB limits, but under the raw parser's line limit.
    static let justOver = String(repeating: "b", count: 64 * 1024 + 1)

    static func post(_ extraHeaders: String, body: String = "{}") -> String {
        "POST /20160918/volumes HTTP/1.1\n" + head + extraHeaders + "\n" + body
    }
    static func bytes(_ parts: [UInt8]...) -> [UInt8] { parts.flatMap { $0 } }
    static func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

    static let cases: [Case] = [
        // Header injection: CR, LF, NUL in names, values and the target.
        Case("bare CR in a value", post("x-a: b\rInjected: c\n"), .invalidHeaderValue),
        Case("CR in a name", post("x\r-a: b\n"), .malformedRequest),
        Case("LF splitting a name", post("x-\na: b\n"), .malformedRequest),
        Case("NUL in a value", post("x-a: b\0c\n"), .invalidHeaderValue),
        Case("NUL in a signed value", post("content-type: application/json\0\n"), .invalidHeaderValue),
        Case("NUL in a name", post("x\0a: b\n"), .malformedRequest),
        Case("space in a name", post("x a: b\n"), .malformedRequest),
        Case("space before the colon", post("host : other\n"), .malformedRequest),
        Case("other control byte in a value", post("x-a: b\u{1B}c\n"), .invalidHeaderValue),
        Case("CR in the target", "GET /a\rb HTTP/1.1\n" + head + "\n", .invalidTarget),
        Case("NUL in the target", "GET /a\0b HTTP/1.1\n" + head + "\n", .invalidTarget),
        Case("LF in the target", "GET /a\nInjected: x HTTP/1.1\n" + head + "\n", .malformedRequest),
        Case("CRLF smuggled into the target", "GET /a\r\nX: y HTTP/1.1\n" + head + "\n", .malformedRequest),
        Case("tab in the target", "GET /a\tb HTTP/1.1\n" + head + "\n", .invalidTarget),
        // Oversized.
        Case("1 MiB header value", post("x-big: \(mebibyte)\n"), .malformedRequest),
        Case("1 MiB header name", post("\(mebibyte): v\n"), .malformedRequest),
        Case("1 MiB target", "GET /\(mebibyte) HTTP/1.1\n" + head + "\n", .malformedRequest),
        Case("64 KiB + 1 target", "GET /\(justOver.dropFirst()) HTTP/1.1\n" + head + "\n", .invalidTarget),
        Case("64 KiB + 1 signed value", post("content-type: \(justOver)\n"), .invalidHeaderValue),
        Case("64 KiB + 1 host", "GET / HTTP/1.1\nhost: \(justOver)\ndate: Thu, 05 Jan 2014 21:31:40 GMT\n\n", .invalidHeaderValue),
        // Non-UTF-8 bytes.
        Case("0xFF in the target", bytes(utf8("GET /a"), [0xFF], utf8(" HTTP/1.1\n" + head + "\n")), .invalidTarget),
        Case("0xC3 0x28 in a signed value", bytes(utf8(String(post("").dropLast(3))), utf8("content-type: a"), [0xC3, 0x28], utf8("\n\n{}")), .nonASCIISignedValue),
        Case("0xFE in the host", bytes(utf8("GET / HTTP/1.1\nhost: a"), [0xFE], utf8(".com\ndate: Thu, 05 Jan 2014 21:31:40 GMT\n\n")), .nonASCIISignedValue),
        Case("0xFF in a name", bytes(utf8(String(post("").dropLast(3))), utf8("x-"), [0xFF], utf8(": v\n\n{}")), .malformedRequest),
        Case("0x80 in the method", bytes([0x80], utf8("GET / HTTP/1.1\n" + head + "\n")), .malformedRequest),
        // Truncated.
        Case("empty input", "", .malformedRequest),
        Case("request line cut short", "POST /20160918/vol", .malformedRequest),
        Case("header cut mid-line", "POST /20160918/volumes HTTP/1.1\nhost: iaas.us-pho", .malformedRequest),
        Case("no empty line after the headers", "POST /20160918/volumes HTTP/1.1\n" + head, .malformedRequest),
        Case("only CR line endings", "GET / HTTP/1.1\rhost: a\r\r", .malformedRequest),
        // Request line with extra or missing spaces.
        // The request line splits at its first and last space (Vectors/README.md), so an extra
        // space lands in the target, which may not contain one.
        Case("two spaces after the method", "GET  / HTTP/1.1\n" + head + "\n", .invalidTarget),
        Case("two spaces before the version", "GET /  HTTP/1.1\n" + head + "\n", .invalidTarget),
        Case("leading space", " GET / HTTP/1.1\n" + head + "\n", .malformedRequest),
        Case("trailing space", "GET / HTTP/1.1 \n" + head + "\n", .malformedRequest),
        Case("no version", "GET /\n" + head + "\n", .malformedRequest),
        Case("HTTP/1.0", "GET / HTTP/1.0\n" + head + "\n", .malformedRequest),
        Case("unsupported method", "TRACE / HTTP/1.1\n" + head + "\n", .unsupportedMethod),
        // Huge or false content-length claims.
        Case("content-length 99999999999999999999 (POST)", post("content-length: 99999999999999999999\n"), .contentLengthMismatch),
        Case("content-length 99999999999999999999 (GET)", "GET / HTTP/1.1\n" + head + "content-length: 99999999999999999999\n\n", .contentLengthMismatch),
        Case("content-length 18446744073709551616 (PUT)", post("content-length: 18446744073709551616\n").replacingOccurrences(of: "POST", with: "PUT"), .contentLengthMismatch),
        Case("content-length -2", post("content-length: -2\n"), .contentLengthMismatch),
        Case("content-length +2", post("content-length: +2\n"), .contentLengthMismatch),
        Case("content-length 02", post("content-length: 02\n"), .contentLengthMismatch),
        Case("content-length twice", post("content-length: 2\ncontent-length: 2\n"), .duplicateSignedHeader),
        Case("x-content-sha256 of another body", post("x-content-sha256: 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n"), .bodyHashMismatch),
        // Host problems.
        Case("no host", "GET / HTTP/1.1\ndate: Thu, 05 Jan 2014 21:31:40 GMT\n\n", .missingHost),
        Case("two hosts", "GET / HTTP/1.1\n" + head + "host: evil.example\n\n", .duplicateSignedHeader),
    ]

    func signer() throws -> OCIRequestSigner {
        let key = try OCIPrivateKey(pem: DocVectors.shared.privateKeyPEM)
        return try OCIRequestSigner(keyID: DocVectors.shared.keyID, privateKey: key, allowWeakKey: true)
    }

    /// Parses, converts and signs like `oci-sign sign`; returns the signature or the error.
    func sign(_ bytes: [UInt8]) throws -> Result<SignedRequest, OCISigningError> {
        let signer = try signer()
        do throws(OCISigningError) {
            let raw = try RawHTTPRequest(parsing: bytes)
            let request = try raw.httpRequest()
            return .success(try signer.sign(request, body: raw.body.isEmpty ? .empty : .bytes(raw.body)))
        } catch {
            return .failure(error)
        }
    }

    @Test("hostile raw request", arguments: cases)
    func hostile(_ hostile: Case) throws {
        switch try sign(hostile.bytes) {
        case .success(let signed):
            Issue.record("\(hostile.name) was signed: \(signed.signingString.prefix(200))")
        case .failure(let error):
            #expect(error.code == hostile.code, "\(hostile.name): \(error)")
            #expect(error.description.utf8.count < 1024, "the message echoes the hostile input: \(error.description.utf8.count) bytes")
        }
    }

    /// The base request of the table signs, so each case fails because of its one change.
    @Test func baseRequestSigns() throws {
        guard case .success(let signed) = try sign(Array(Self.post("").utf8)) else {
            Issue.record("the unmodified request does not sign")
            return
        }
        #expect(signed.signedHeaders == ["date", "(request-target)", "host", "content-length", "content-type", "x-content-sha256"])
    }

    // MARK: The same attacks through the HTTPRequest API

    static let apiTargets: [(String, OCISigningError.Code)] = [
        ("/a\r\nInjected: x", .invalidTarget),
        ("/a\0b", .invalidTarget),
        ("/a\nb", .invalidTarget),
        ("/" + String(repeating: "p", count: 1024 * 1024), .invalidTarget),
        ("/caf\u{E9}", .invalidTarget),
        ("", .invalidTarget),
        ("relative", .invalidTarget),
    ]

    @Test("hostile request-target through HTTPRequest", arguments: 0..<apiTargets.count)
    func hostileTarget(index: Int) throws {
        let (path, code) = Self.apiTargets[index]
        let request = HTTPRequest(method: .get, scheme: "https", authority: "iaas.example.com", path: path)
        #expect(throws: OCISigningError.self) { try signer().sign(request) }
        do { _ = try signer().sign(request) } catch let error as OCISigningError { #expect(error.code == code) }
    }

    @Test func hostileAuthorityAndValues() throws {
        let signer = try signer()
        let crlfHost = HTTPRequest(method: .get, scheme: "https", authority: "a.example\r\nX-Injected: 1", path: "/")
        // swift-http-types turns the CR LF into spaces; the signer must still refuse that host.
        #expect { try signer.sign(crlfHost) } throws: { ($0 as? OCISigningError)?.code == .invalidHeaderValue }
        let spacedHost = HTTPRequest(method: .get, scheme: "https", authority: "a.example evil", path: "/")
        #expect { try signer.sign(spacedHost) } throws: { ($0 as? OCISigningError)?.code == .invalidHeaderValue }

        var bigDate = HTTPFields()
        bigDate[.date] = String(repeating: "d", count: 1024 * 1024)
        let big = HTTPRequest(method: .get, scheme: "https", authority: "a.example", path: "/", headerFields: bigDate)
        // Refused as a date that is not an HTTP-date, without echoing the megabyte.
        #expect { try signer.sign(big) } throws: { error in
            guard let error = error as? OCISigningError else { return false }
            return error.code == .invalidDate && error.description.utf8.count < 1024
        }

        var hugeLength = HTTPFields()
        hugeLength[.contentLength] = "99999999999999999999"
        let claim = HTTPRequest(method: .put, scheme: "https", authority: "a.example", path: "/", headerFields: hugeLength)
        #expect { try signer.sign(claim, body: .bytes([1, 2, 3])) } throws: { ($0 as? OCISigningError)?.code == .contentLengthMismatch }
    }

    // MARK: A body file that is not what its size says

    /// `/proc` files report size 0 and yield bytes: the digest cannot describe what would be sent.
    @Test func procFileBodyIsRefused() throws {
        #expect { try ContentDigest(contentsOfFile: "/proc/self/status") } throws: { ($0 as? OCISigningError)?.code == .bodyChanged }
        let request = HTTPRequest(method: .post, scheme: "https", authority: "a.example", path: "/")
        #expect { try signer().sign(request, body: .file(path: "/proc/self/status")) } throws: { ($0 as? OCISigningError)?.code == .bodyChanged }
    }

    /// A FIFO written while it is hashed: size 0 at open, 100 KiB read.
    @Test func fifoBodyIsRefused() throws {
        let path = NSTemporaryDirectory() + "oci-hardening-fifo-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        let writer = Thread {
            let fd = open(path, O_WRONLY)
            let chunk = [UInt8](repeating: 0x41, count: 1024)
            for _ in 0..<100 { _ = chunk.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } }
            close(fd)
        }
        writer.start()
        #expect { try ContentDigest(contentsOfFile: path) } throws: { ($0 as? OCISigningError)?.code == .bodyChanged }
    }

    /// A regular file appended to by another thread while a large body is hashed. The race is
    /// won by the reader sometimes, so the property is: the digest is either refused with
    /// `bodyChanged`, or it describes exactly the bytes the file held before the append.
    @Test func growingFileIsRefusedOrConsistent() throws {
        let path = NSTemporaryDirectory() + "oci-hardening-grow-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let original = [UInt8](repeating: 0x42, count: 8 * 1024 * 1024)
        _ = FileManager.default.createFile(atPath: path, contents: Data(original))
        defer { unlink(path) }
        let appender = Thread {
            let fd = open(path, O_WRONLY | O_APPEND)
            let chunk = [UInt8](repeating: 0x43, count: 4096)
            for _ in 0..<64 { _ = chunk.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }; usleep(100) }
            close(fd)
        }
        appender.start()
        do {
            let digest = try ContentDigest(contentsOfFile: path)
            let final = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(digest == ContentDigest(bytes: final.prefix(digest.length)), "the digest describes bytes the file never held")
        } catch {
            #expect((error as? OCISigningError)?.code == .bodyChanged, "\(error)")
        }
        while appender.isExecuting || !appender.isFinished { usleep(1000) }
    }
}
