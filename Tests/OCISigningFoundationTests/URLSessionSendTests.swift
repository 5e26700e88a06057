import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HTTPTypes
import OCISigning
import OCISigningFoundation
import Testing

/// `URLSession.send(_:signedWith:)` through a URL-loading stub that verifies each request with
/// `OCIRequestVerifier` and trusts one key (no network at all).
@Suite(.serialized) struct URLSessionSendTests {
    static let keyA = try! OCIPrivateKey(pem: Repo.bytes("Vectors/keys/rsa2048.pem"))
    static let keyB = try! OCIPrivateKey(pem: Repo.bytes("Vectors/keys/rsa3072.pem"))

    @Test func aRejectedKeyIsRefreshedAndTheRequestSignedAgain() async throws {
        let a = OCISigningIdentity(keyID: "t/u/aa", privateKey: Self.keyA, kind: .securityToken, source: "test A")
        let b = OCISigningIdentity(keyID: "t/u/bb", privateKey: Self.keyB, kind: .securityToken, source: "test B")
        let provider = SwitchingProvider(first: a, refreshed: b)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.protocolClasses = [VerifyingStub.self]
        let session = URLSession(configuration: configuration)
        VerifyingStub.reset()
        let request = URLRequest(url: URL(string: "https://inference.example.com:8443/openai/v1/models?limit=2")!)
        let (data, response) = try await session.send(request, signedWith: provider)
        #expect(response.statusCode == 200)
        #expect(String(decoding: data, as: UTF8.self) == "ok")
        let seen = VerifyingStub.seen()
        #expect(seen.count == 2)
        #expect(seen.map(\.status) == [401, 200])
        #expect(seen[0].requestID != nil && seen[0].requestID == seen[1].requestID)
        #expect(seen[1].target == "/openai/v1/models?limit=2" && seen[1].host == "inference.example.com:8443")
    }
}

/// Key A first; key B after a refresh.
struct SwitchingProvider: OCIIdentityProvider {
    let first: OCISigningIdentity
    let refreshed: OCISigningIdentity
    func identity() async throws(OCISigningError) -> OCISigningIdentity { first }
    func refresh(afterRejectionOf rejected: OCISigningIdentity) async throws(OCISigningError) -> OCISigningIdentity { refreshed }
}

/// Answers 200 "ok" to requests signed by key B (rsa3072) and 401 to anything else.
final class VerifyingStub: URLProtocol {
    struct Seen: Sendable { let status: Int; let requestID: String?; let target: String; let host: String }
    nonisolated(unsafe) private static var log: [Seen] = []
    private static let lock = NSLock()
    static let verifier = OCIRequestVerifier(publicKey: try! OCIPublicKey(pem: Repo.bytes("Vectors/keys/rsa3072.pub.pem")))

    static func reset() { lock.withLock { log = [] } }
    static func seen() -> [Seen] { lock.withLock { log } }

    override class func canInit(with request: URLRequest) -> Bool { true }
    override class func canonicalRequest(for request: URLRequest) -> URLRequest { request }
    override func stopLoading() {}

    override func startLoading() {
        let url = request.url!
        let wire = try! URLSessionWire(url: url)
        var fields = HTTPFields()
        for (name, value) in request.allHTTPHeaderFields ?? [:] { fields.append(HTTPField(name: HTTPField.Name(name)!, value: value)) }
        let head = HTTPRequest(method: HTTPRequest.Method(request.httpMethod ?? "GET")!, scheme: wire.scheme, authority: wire.authority, path: wire.target, headerFields: fields)
        let status: Int
        if case .valid = Self.verifier.verify(head) { status = 200 } else { status = 401 }
        Self.lock.withLock { Self.log.append(Seen(status: status, requestID: fields[.opcRequestID], target: wire.target, host: wire.authority)) }
        let response = HTTPURLResponse(url: url, statusCode: status, httpVersion: "HTTP/1.1", headerFields: ["Content-Type": "text/plain"])!
        client?.urlProtocol(self, didReceive: response, cacheStoragePolicy: .notAllowed)
        client?.urlProtocol(self, didLoad: Data(status == 200 ? "ok".utf8 : "no".utf8))
        client?.urlProtocolDidFinishLoading(self)
    }
}
