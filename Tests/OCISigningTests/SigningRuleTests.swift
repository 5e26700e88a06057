import Foundation
import HTTPTypes
import OCISigning
import Testing

/// One test per rule that other signers get wrong. Each compares with a value produced outside
/// our code (Oracle's docs, Oracle's Python SDK), so breaking the rule fails the test.
@Suite struct SigningRuleTests {
    let docs = DocVectors.shared

    func signer() throws -> OCIRequestSigner {
        try OCIRequestSigner(keyID: docs.keyID, privateKey: OCIPrivateKey(pem: docs.privateKeyPEM), allowWeakKey: true)
    }

    func request(_ method: HTTPRequest.Method, _ authority: String, _ path: String, _ headers: [(String, String)]) -> HTTPRequest {
        var fields = HTTPFields()
        for (name, value) in headers { fields.append(HTTPField(name: HTTPField.Name(name)!, value: value)) }
        return HTTPRequest(method: method, scheme: "https", authority: authority, path: path, headerFields: fields)
    }

    let date = ("date", "Thu, 05 Jan 2014 21:31:40 GMT")

    @Test func noTrailingNewlineInTheSigningString() throws {
        let vector = docs.official("doc-get")
        let signed = try signer().sign(request(.get, "iaas.us-phoenix-1.oraclecloud.com", String((vector["url"] as! String).dropFirst(41)), [date]))
        #expect(!signed.signingString.hasSuffix("\n"))
        #expect(signed.signingString == vector["signing_string"] as! String)
    }

    @Test func methodIsLowercasedInTheRequestTarget() throws {
        let vector = docs.derived("delete_instance")
        let url = vector["url"] as! String
        let signed = try signer().sign(request(.delete, "iaas.us-phoenix-1.oraclecloud.com", String(url.dropFirst(41)), [date]))
        #expect(signed.components[1].line == (vector["signing_string"] as! String).split(separator: "\n")[1])
        #expect(signed.signatureBase64 == vector["signature"] as! String)
    }

    @Test func emptyPostSignsContentLengthZeroAndTheEmptyHash() throws {
        let vector = docs.derived("post_empty")
        let signed = try signer().sign(request(.post, "iaas.us-phoenix-1.oraclecloud.com", "/20160918/volumeAttachments",
                                               [date, ("content-type", "application/json")]))
        #expect(signed.request.headerFields[.contentLength] == "0")
        #expect(signed.bodyDigest?.base64 == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
        #expect(signed.signatureBase64 == vector["signature"] as! String)
    }

    @Test func targetIsSignedExactlyAsSentNeverReEncoded() throws {
        // Python's requests encodes space as '+' and '/' as %2F; the server checks the raw bytes.
        let vector = docs.derived("get_query_form_encoded")
        let url = vector["url"] as! String
        let path = String(url[url.range(of: ".com")!.upperBound...])
        let signed = try signer().sign(request(.get, "objectstorage.us-phoenix-1.oraclecloud.com", path, [date]))
        #expect(signed.signingString == vector["signing_string"] as! String)
        #expect(signed.signatureBase64 == vector["signature"] as! String)
    }

    @Test func explicitPortIsKeptInTheHost() throws {
        let vector = docs.derived("get_host_with_port")
        let signed = try signer().sign(request(.get, "localhost:8443", "/20160918/instances", [date]))
        #expect(signed.components[2].line == "host: localhost:8443")
        #expect(signed.signatureBase64 == vector["signature"] as! String)
    }

    @Test func headerOrderIsOraclesOrderWhateverTheFieldOrder() throws {
        let vector = docs.official("doc-post")
        // Fields deliberately in another order than they are signed.
        let signed = try signer().sign(
            request(.post, "iaas.us-phoenix-1.oraclecloud.com", "/20160918/volumeAttachments",
                    [("x-content-sha256", "V9Z20UJTvkvpJ50flBzKE32+6m2zJjweHpDMX/U4Uy0="), ("content-type", "application/json"), ("content-length", "316"), date]),
            body: .bytes(Array((vector["body_utf8"] as! String).utf8)))
        #expect(signed.signedHeaders == vector["signed_headers"] as! [String])
        #expect(signed.signatureBase64 == vector["signature"] as! String)
        // Caller-supplied correct values are kept, not duplicated.
        #expect(signed.request.headerFields[values: .contentLength] == ["316"])
    }

    @Test func xDateIsSignedInsteadOfDate() throws {
        let vector = docs.derived("get_xdate")
        let url = vector["url"] as! String
        let signed = try signer().sign(request(.get, "iaas.us-phoenix-1.oraclecloud.com", String(url.dropFirst(41)),
                                               [("x-date", "Thu, 05 Jan 2014 21:31:40 GMT"), ("date", "Fri, 06 Jan 2014 00:00:00 GMT")]))
        #expect(signed.signedHeaders.first == "x-date")
        #expect(signed.signatureBase64 == vector["signature"] as! String)
    }

    @Test func dateIsAddedWhenMissingAsAnIMFFixdate() throws {
        let signed = try signer().sign(request(.get, "h", "/", []), options: SigningOptions(date: HTTPDate(secondsSince1970: 1_388_957_500)))
        // 1388957500 = 2014-01-05T21:31:40Z, a Sunday (cross-checked with `date -u -d @1388957500`).
        #expect(signed.request.headerFields[.date] == "Sun, 05 Jan 2014 21:31:40 GMT")
        #expect(signed.components[0] == SignedComponent(name: "date", value: "Sun, 05 Jan 2014 21:31:40 GMT", origin: .computed))
    }

    @Test func contentTypeDefaultsToJSON() throws {
        let vector = docs.derived("post_empty")
        let signed = try signer().sign(request(.post, "iaas.us-phoenix-1.oraclecloud.com", "/20160918/volumeAttachments", [date]))
        #expect(signed.components.first { $0.name == "content-type" }?.origin == .defaulted)
        #expect(signed.signatureBase64 == vector["signature"] as! String)
    }

    @Test func unsignedHeadersStayUnsigned() throws {
        let vector = docs.official("doc-get")
        let url = vector["url"] as! String
        let signed = try signer().sign(request(.get, "iaas.us-phoenix-1.oraclecloud.com", String(url.dropFirst(41)),
            [date, ("opc-request-id", "abc"), ("opc-retry-token", "t"), ("if-match", "e"), ("opc-meta-x", "y"), ("user-agent", "u")]))
        #expect(signed.signatureBase64 == vector["signature"] as! String)
    }

    @Test func bodyFromFileEqualsBodyFromBytes() throws {
        let vector = docs.official("doc-post")
        let body = Array((vector["body_utf8"] as! String).utf8)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("oci-body-\(UUID().uuidString)").path
        try Data(body).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let request = request(.post, "iaas.us-phoenix-1.oraclecloud.com", "/20160918/volumeAttachments", [date, ("content-type", "application/json")])
        #expect(try signer().sign(request, body: .file(path: path)).signatureBase64 == vector["signature"] as! String)
        let digest = try ContentDigest(contentsOfFile: path)
        #expect(try signer().sign(request, body: .digest(digest)).signatureBase64 == vector["signature"] as! String)
    }

    @Test func oneSignerSignsFromManyTasksAtOnce() async throws {
        let signer = try signer()
        let vector = docs.official("doc-get")
        let request = request(.get, "iaas.us-phoenix-1.oraclecloud.com", String((vector["url"] as! String).dropFirst(41)), [date])
        let results = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<16 { group.addTask { try signer.sign(request).signatureBase64 } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 16)
        #expect(results.allSatisfy { $0 == vector["signature"] as! String })
    }
}
