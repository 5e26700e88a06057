import Foundation
import HTTPTypes
import OCISigning
import OCIRawRequest
import Testing

/// `HTTPFields` traps at 65,535 fields; every path into it must refuse long header lists with
/// `tooManyHeaders` first (Docs/hardening.md, "Header limits").
@Suite struct HeaderLimitTests {
    static let headerCount = 70_000

    static func rawRequest(extraHeaders count: Int) -> [UInt8] {
        var text = "GET /20160918/volumes HTTP/1.1\nhost: iaas.us-phoenix-1.oraclecloud.com\ndate: Thu, 05 Jan 2014 21:31:40 GMT\n"
        text.reserveCapacity(count * 12)
        for index in 0..<count { text += "x-h\(index % 10): v\n" }
        return Array((text + "\n").utf8)
    }

    @Test func parserRefuses70000HeaderLines() {
        #expect(throws: OCISigningError(.tooManyHeaders, "")) {
            try RawHTTPRequest(parsing: Self.rawRequest(extraHeaders: Self.headerCount))
        }
    }

    @Test func parserRefusesHeaderBytesOverTheLimit() throws {
        // Lines of 60 KiB: each under the line limit, together over the byte limit.
        let value = String(repeating: "v", count: 60 * 1024)
        let lines = (0..<(OCIHeaderLimits.maxTotalBytes / value.count + 2)).map { "x-big-\($0): \(value)\n" }.joined()
        let text = "GET / HTTP/1.1\nhost: h\n" + lines + "\n"
        let error = try #require(throws: OCISigningError.self) { try RawHTTPRequest(parsing: Array(text.utf8)) }
        #expect(error.code == .tooManyHeaders)
        #expect(error.reason.contains("\(OCIHeaderLimits.maxTotalBytes)"))
    }

    @Test func httpRequestConversionRefusesABuiltRawRequest() {
        // A RawHTTPRequest built in code, not parsed: the conversion itself must refuse.
        let headers = [RawHTTPRequest.Header(name: "host", value: Array("h".utf8))]
            + (0..<Self.headerCount).map { RawHTTPRequest.Header(name: "x-h", value: Array("\($0)".utf8)) }
        let raw = RawHTTPRequest(method: "GET", target: "/", headers: headers)
        #expect(throws: OCISigningError(.tooManyHeaders, "")) { try raw.httpRequest() }
    }

    @Test func boundedFieldsStopAtTheCount() throws {
        var fields = BoundedHTTPFields()
        for _ in 0..<OCIHeaderLimits.maxFieldCount { try fields.append(HTTPField(name: .accept, value: "a")) }
        #expect(throws: OCISigningError(.tooManyHeaders, "")) { try fields.append(HTTPField(name: .accept, value: "a")) }
        #expect(fields.fields.count == OCIHeaderLimits.maxFieldCount)
    }

    @Test func signerAndVerifierRefuseTheSameRequest() throws {
        var fields = HTTPFields()
        for _ in 0...OCIHeaderLimits.maxFieldCount { fields.append(HTTPField(name: .accept, value: "a")) }
        fields[.date] = "Thu, 05 Jan 2014 21:31:40 GMT"
        let request = HTTPRequest(method: .get, scheme: "https", authority: "h", path: "/", headerFields: fields)
        let signer = try OCIRequestSigner(keyID: "t/u/f", privateKey: OCIPrivateKey(pem: Repo.bytes("Vectors/keys/rsa2048.pem")))
        #expect(throws: OCISigningError(.tooManyHeaders, "")) { try signer.sign(request) }
        guard case .invalid(let failure) = OCIRequestVerifier(publicKey: try OCIPublicKey(pem: Repo.bytes("Vectors/keys/rsa2048.pub.pem"))).verify(request) else {
            Issue.record("verified a request with too many headers"); return
        }
        #expect(failure.code == .tooManyHeaders)
    }

    @Test func aNegativeSkewWindowAcceptsNothing() throws {
        // Signed in 2014, checked now: with magnitudes compared, Int64.min would accept it.
        let signer = try OCIRequestSigner(keyID: "t/u/f", privateKey: OCIPrivateKey(pemFile: Repo.url("Vectors/keys/rsa2048.pem").path))
        var fields = HTTPFields()
        fields[.date] = "Thu, 05 Jan 2014 21:31:40 GMT"
        let request = HTTPRequest(method: .get, scheme: "https", authority: "h", path: "/", headerFields: fields)
        let signed = try signer.sign(request).request
        let verifier = OCIRequestVerifier(publicKey: try OCIPublicKey(pemFile: Repo.url("Vectors/keys/rsa2048.pub.pem").path))
        for window in [Int64.min, -1, -300] {
            guard case .invalid(let failure) = verifier.verify(signed, options: VerificationOptions(maxClockSkew: window)) else {
                Issue.record("window \(window) accepted a 2014 date"); continue
            }
            #expect(failure.code == .dateOutsideWindow)
        }
    }
}
