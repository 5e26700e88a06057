import Foundation
import HTTPTypes
import OCISigning
import Testing

/// Runs the Docs/http-types.md snippet and checks the documentation still contains it verbatim.
@Suite struct HTTPTypesDocSnippetTests {
    let signer: OCIRequestSigner
    let publicKey: OCIPublicKey
    let body = Array(#"{"volumeId":"ocid1.volume.oc1..example","displayName":"nightly","type":"INCREMENTAL"}"#.utf8)

    init() throws {
        signer = try OCIRequestSigner(keyID: "ocid1.tenancy.oc1..t/ocid1.user.oc1..u/b6:85", privateKey: OCIPrivateKey(pem: Repo.bytes("Vectors/keys/rsa2048.pem")))
        publicKey = try OCIPublicKey(pem: Repo.bytes("Vectors/keys/rsa2048.pub.pem"))
    }

    func verify(_ request: HTTPRequest, body: [UInt8]) -> VerificationResult {
        OCIRequestVerifier(publicKey: publicKey).verify(request, body: .bytes(body))
    }

    @Test func bufferedSnippetProducesAVerifiableRequest() throws {
        let signed = try signCreateVolumeBackup(signer: signer, json: body)
        #expect(verify(signed, body: body).isValid)
        #expect(!verify(signed, body: body.dropLast() + [0x20]).isValid)
    }

    @Test func fileAndStreamSnippetsSignTheSameBody() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("snippet-\(UInt32.random(in: 0...UInt32.max)).json").path
        try Data(body).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var request = HTTPRequest(method: .put, scheme: "https", authority: "objectstorage.example", path: "/n/ns/b/bucket/o/x")
        request.headerFields[.date] = HTTPDate.now().imfFixdate
        let fromFile = try signFileUpload(signer: signer, request: request, path: path)
        let stream = AsyncStream<[UInt8]> { continuation in
            continuation.yield(Array(body.prefix(5)))
            continuation.yield(Array(body.dropFirst(5)))
            continuation.finish()
        }
        let fromStream = try await signStreamedBody(signer: signer, request: request, chunks: stream)
        #expect(verify(fromFile, body: body).isValid)
        #expect(fromFile.headerFields == fromStream.headerFields)
    }

    @Test func documentationQuotesTheCompiledSnippet() throws {
        try expectDocQuotesSnippet(doc: "Docs/http-types.md", snippet: "Tests/OCISigningTests/DocSnippets/HTTPTypesSnippet.swift")
    }
}

/// The lines between `// snippet:begin` and `// snippet:end` must appear, contiguously, in a
/// ```swift block of the doc page.
func expectDocQuotesSnippet(doc: String, snippet: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let source = String(decoding: try Repo.bytes(snippet), as: UTF8.self)
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    guard let begin = lines.firstIndex(of: "// snippet:begin"), let end = lines.firstIndex(of: "// snippet:end") else {
        Issue.record("\(snippet) has no snippet markers", sourceLocation: sourceLocation)
        return
    }
    let quoted = lines[(begin + 1)..<end].joined(separator: "\n")
    let page = String(decoding: try Repo.bytes(doc), as: UTF8.self)
    #expect(page.contains("```swift\n" + quoted + "\n```"), "\(doc) does not quote \(snippet) verbatim", sourceLocation: sourceLocation)
}
