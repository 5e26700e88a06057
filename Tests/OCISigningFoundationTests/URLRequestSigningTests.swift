import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import OCISigning
import OCISigningFoundation
import Testing

/// Signing a URLRequest, against the Python SDK's output for the CreateVolumeBackup reference
/// case (Vectors/cases/create-volume-backup).
@Suite struct URLRequestSigningTests {
    static let caseFolder = "Vectors/cases/create-volume-backup"
    let signer: OCIRequestSigner
    let body: [UInt8]

    init() throws {
        let caseJSON = try JSONSerialization.jsonObject(with: Data(Repo.bytes("\(Self.caseFolder)/case.json"))) as! [String: Any]
        signer = try OCIRequestSigner(keyID: caseJSON["keyId"] as! String, privateKey: OCIPrivateKey(pemFile: Repo.path("Vectors/keys/rsa2048.pem")))
        let raw = try Repo.bytes("\(Self.caseFolder)/request.http")
        // The body follows the first empty line of the raw request file.
        let separator = Array("\n\n".utf8)
        let start = (0..<(raw.count - 1)).first { Array(raw[$0..<($0 + 2)]) == separator }! + 2
        body = Array(raw[start...])
    }

    /// The reference request as a URLRequest, headers as in request.http.
    func referenceRequest() -> URLRequest {
        var request = URLRequest(url: URL(string: "https://iaas.us-ashburn-1.oraclecloud.com/20160918/volumeBackups")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "content-type")
        request.setValue("aliqua enim i", forHTTPHeaderField: "opc-retry-token")
        request.setValue("Thu, 05 Jan 2014 21:31:40 GMT", forHTTPHeaderField: "date")
        return request
    }

    @Test func signsTheReferenceRequestLikeThePythonSDK() throws {
        var request = referenceRequest()
        request.httpBody = Data(body)
        let signed = try signer.sign(request)
        #expect(signed.urlRequest.value(forHTTPHeaderField: "Authorization") == (try Repo.text("\(Self.caseFolder)/authorization.txt")))
        #expect(signed.signed.signingString == (try Repo.text("\(Self.caseFolder)/signing-string.txt")))
        #expect(signed.urlRequest.value(forHTTPHeaderField: "x-content-sha256") == "acK4yFt4XMkgWmEtWvwNUUW6WNYHPIFlgrwI5tb/FSE=")
        #expect(signed.urlRequest.value(forHTTPHeaderField: "Content-Length") == "128")
        #expect(signed.urlRequest.httpBody == Data(body))
    }

    @Test func aBodySentSeparatelyIsSignedTheSame() throws {
        let signed = try signer.sign(referenceRequest(), body: .bytes(body))
        #expect(signed.urlRequest.value(forHTTPHeaderField: "Authorization") == (try Repo.text("\(Self.caseFolder)/authorization.txt")))
        #expect(signed.urlRequest.httpBody == nil)
    }

    @Test func aPostWithoutContentTypeGetsJSONNotURLSessionsFormDefault() throws {
        var request = URLRequest(url: URL(string: "https://h.example/20160918/volumeBackups")!)
        request.httpMethod = "POST"
        request.httpBody = Data("{}".utf8)
        let signed = try signer.sign(request)
        #expect(signed.urlRequest.value(forHTTPHeaderField: "Content-Type") == "application/json")
        #expect(signed.signed.signedHeaders.contains("content-type"))
    }

    @Test func anExistingAuthorizationIsReplaced() throws {
        var request = referenceRequest()
        request.httpBody = Data(body)
        request.setValue("Signature stale", forHTTPHeaderField: "Authorization")
        let signed = try signer.sign(request)
        #expect(signed.urlRequest.value(forHTTPHeaderField: "Authorization") == (try Repo.text("\(Self.caseFolder)/authorization.txt")))
    }

    @Test func bodiesThatCannotBeHashedAreRefused() throws {
        var streamed = referenceRequest()
        streamed.httpBodyStream = InputStream(data: Data(body))
        let stream = try #require(throws: OCISigningError.self) { try signer.sign(streamed) }
        #expect(stream.code == .unhashableBody)

        var twice = referenceRequest()
        twice.httpBody = Data(body)
        let both = try #require(throws: OCISigningError.self) { try signer.sign(twice, body: .bytes(body)) }
        #expect(both.code == .unhashableBody)
    }

    @Test func aHostHeaderAndDotSegmentsAreRefused() throws {
        var host = referenceRequest()
        host.setValue("other.example", forHTTPHeaderField: "Host")
        let hostError = try #require(throws: OCISigningError.self) { try signer.sign(host, body: .bytes(body)) }
        #expect(hostError.header == "host")

        var dots = referenceRequest()
        dots.url = URL(string: "https://iaas.us-ashburn-1.oraclecloud.com/20160918/x/../volumeBackups")
        let dotError = try #require(throws: OCISigningError.self) { try signer.sign(dots, body: .bytes(body)) }
        #expect(dotError.code == .invalidTarget)
    }
}
