import Foundation
import HTTPTypes
import OCISigning
import Testing

/// Requests an HTTP stack would send differently from what was signed are refused with a hint.
@Suite struct SigningShapeTests {
    static func signer() throws -> OCIRequestSigner {
        try OCIRequestSigner(keyID: "t/u/f", privateKey: OCIPrivateKey(pemFile: Repo.url("Vectors/keys/rsa2048.pem").path))
    }

    static func request(host: String, fields: HTTPFields = [:]) -> HTTPRequest {
        var fields = fields
        fields[.date] = "Thu, 05 Jan 2014 21:31:40 GMT"
        return HTTPRequest(method: .get, scheme: "https", authority: host, path: "/", headerFields: fields)
    }

    @Test(arguments: ["user:pw@h", "h:65536", "h:abc", "[::1", "h/evil", "h:443:443", String(repeating: "a", count: 64 * 1024), "h:", "[::1]x", ":443", "h?q", "h#f"])
    func badHostsAreRefused(host: String) throws {
        let error = try #require(throws: OCISigningError.self) { try Self.signer().sign(Self.request(host: host)) }
        #expect(error.code == .invalidHeaderValue)
        #expect(error.header == "host")
        #expect(error.reason.contains("fix the host"))
        #expect(error.description.utf8.count < 1024)
    }

    @Test(arguments: ["h", "h:443", "[::1]", "[::1]:8080", "iaas.us-phoenix-1.oraclecloud.com:0"])
    func goodHostsAreSigned(host: String) throws {
        _ = try Self.signer().sign(Self.request(host: host))
    }

    @Test(arguments: ["chunked", "gzip, chunked", "identity"])
    func transferEncodingIsRefused(value: String) throws {
        var fields = HTTPFields()
        fields[.transferEncoding] = value
        let error = try #require(throws: OCISigningError.self) { try Self.signer().sign(Self.request(host: "h", fields: fields), body: .bytes([1])) }
        #expect(error.code == .invalidHeaderValue)
        #expect(error.header == "transfer-encoding")
    }
}
