import Foundation
import HTTPTypes
import OCICredentials
import OCISigning
import Testing
@testable import OCIPrincipals

/// Files of `Vectors/federation/session-token/`: the UPST refresh call recorded from Oracle's
/// Python SDK signer by the shared federation harness.
enum SessionVectors {
    static let folder = "session-token"
    static func text(_ name: String) -> String { FederationVectors.text("\(folder)/\(name)") }
    static func bytes(_ name: String) -> [UInt8] { FederationVectors.bytes("\(folder)/\(name)") }
    static var meta: [String: Any] { FederationVectors.json("\(folder)/case.json") }
    static var date: HTTPDate { try! HTTPDate(imfFixdate: meta["date"] as! String) }
    static var endpoint: String { meta["refreshEndpoint"] as! String }
    static var key: OCIPrivateKey { try! OCIPrivateKey(pem: bytes("session-key.pem")) }
    static var token: String { text("token.txt") }
    static var refreshedToken: String { text("refreshed-token.txt") }
    static var tokenClaims: [String: Any] { meta["token"] as! [String: Any] }
}

/// An auth service in process: answers every POST with `responses` in turn (the last one
/// repeats) after `delay`, and records what was sent.
final class FakeAuthTransport: OCIHTTPTransport, @unchecked Sendable {
    struct Sent: Sendable { let request: HTTPRequest; let body: [UInt8] }
    private let lock = NSLock()
    private var responses: [OCIHTTPResponse]
    private var failure: OCISigningError?
    private var recorded: [Sent] = []
    var delay: Duration = .zero
    /// Runs on each send (a test advances its clock here).
    var onSend: (@Sendable () -> Void)?

    init(_ responses: [OCIHTTPResponse] = [], failure: OCISigningError? = nil) {
        self.responses = responses
        self.failure = failure
    }

    /// `{"token": "<token>"}` with status 200.
    static func answering(_ token: String) -> FakeAuthTransport {
        FakeAuthTransport([OCIHTTPResponse(status: 200, body: Array("{\"token\": \"\(token)\"}".utf8))])
    }

    var sent: [Sent] { lock.withLock { recorded } }

    func send(_ request: HTTPRequest, body: [UInt8], timeout: Duration) async throws(OCISigningError) -> OCIHTTPResponse {
        let failure = lock.withLock { () -> OCISigningError? in
            recorded.append(Sent(request: request, body: body))
            return self.failure
        }
        if delay > .zero { try? await Task.sleep(for: delay) }
        onSend?()
        if let failure { throw failure }
        return lock.withLock { responses.count > 1 ? responses.removeFirst() : responses[0] }
    }
}

@Suite struct SessionRefreshKnownAnswerTests {
    @Test func refreshRequestIsByteIdenticalToTheRecordedOne() throws {
        let refresh = try OCISessionTokenRefreshRequest(endpoint: SessionVectors.endpoint, currentToken: SessionVectors.token,
                                                        privateKey: SessionVectors.key, date: SessionVectors.date)
        #expect(refresh.body == SessionVectors.bytes("refresh/body.json"))
        #expect(refresh.signingString == SessionVectors.text("refresh/signing-string.txt"))
        #expect(refresh.authorization == SessionVectors.text("refresh/authorization.txt"))

        let raw = FederationVectors.rawRequest("\(SessionVectors.folder)/refresh/request.raw")
        #expect(raw.requestLine == "\(refresh.request.method.rawValue) \(refresh.request.path!) HTTP/1.1")
        #expect(raw.body == refresh.body)
        let recorded = Dictionary(raw.headers, uniquingKeysWith: { first, _ in first })
        #expect(recorded["host"] == refresh.request.authority)
        for name in ["accept", "content-length", "content-type", "date", "x-content-sha256", "authorization"] {
            #expect(refresh.request.headerFields[HTTPField.Name(name)!] == recorded[name], "header \(name)")
        }
    }

    @Test func clientPostsTheRecordedRequestAndReturnsTheMintedToken() async throws {
        let transport = FakeAuthTransport([OCIHTTPResponse(status: 200, body: SessionVectors.bytes("refresh/response.json"))])
        let date = SessionVectors.date
        let client = OCISessionTokenRefreshClient(endpoint: SessionVectors.endpoint, environment: [:], transport: transport, clock: { date })
        let token = try SessionToken(text: Array(SessionVectors.token.utf8), path: "/t/token")
        let fresh = try await client.refreshedToken(token, privateKey: SessionVectors.key, region: "us-phoenix-1")
        #expect(fresh == SessionVectors.refreshedToken)
        let posted = try #require(transport.sent.first)
        #expect(transport.sent.count == 1)
        #expect(posted.body == SessionVectors.bytes("refresh/body.json"))
        #expect(posted.request.headerFields[.authorization] == SessionVectors.text("refresh/authorization.txt"))
    }

    @Test func serviceCallSignedWithTheSessionTokenMatchesTheRecordedOne() throws {
        let folder = "\(SessionVectors.folder)/api-get"
        let meta = FederationVectors.json("\(folder)/case.json")
        let raw = FederationVectors.rawRequest("\(folder)/request.raw")
        let identity = OCISigningIdentity(keyID: FederationVectors.text("\(folder)/key-id.txt"), privateKey: SessionVectors.key,
                                          kind: .securityToken, source: "test")
        var request = HTTPRequest(method: .get, scheme: "http", authority: meta["host"] as? String, path: meta["target"] as? String)
        request.headerFields[.date] = Dictionary(raw.headers, uniquingKeysWith: { first, _ in first })["date"]
        let signed = try OCIPrincipalSigning.sign(request, as: identity)
        #expect(identity.keyID == "ST$" + SessionVectors.token)
        #expect(signed.signingString == FederationVectors.text("\(folder)/signing-string.txt"))
        #expect(Base64.encode(signed.signature) == FederationVectors.text("\(folder)/signature.txt"))
    }

    @Test func sessionExpiryIsReadFromTheRecordedToken() throws {
        let token = try SessionToken(text: Array(SessionVectors.token.utf8), path: "/t/token")
        #expect(token.isJWT)
        #expect(token.expiresAt == (SessionVectors.tokenClaims["exp"] as! NSNumber).int64Value)
        // "Fri, 06 Jan 2014 21:31:40 UTC" is one day after the pinned date.
        #expect(token.sessionExpiresAt == SessionVectors.date.secondsSince1970 + 86_400)
    }

    @Test func endpointIsTheParameterThenTheAuthBaseURLThenTheRegion() throws {
        let transport = FakeAuthTransport()
        #expect(try OCISessionTokenRefreshClient(endpoint: "http://127.0.0.1:1/x", environment: ["OCI_SDK_AUTH_CLIENT_REGION_URL": "http://127.0.0.1:2"], transport: transport)
            .resolvedEndpoint(region: "us-phoenix-1").url == "http://127.0.0.1:1/x")
        #expect(try OCISessionTokenRefreshClient(environment: ["OCI_SDK_AUTH_CLIENT_REGION_URL": "http://127.0.0.1:2/ "], transport: transport)
            .resolvedEndpoint(region: "us-phoenix-1").url == "http://127.0.0.1:2/v1/authentication/refresh")
        #expect(try OCISessionTokenRefreshClient(environment: [:], transport: transport).resolvedEndpoint(region: "us-phoenix-1").url
            == "https://auth.us-phoenix-1.oraclecloud.com/v1/authentication/refresh")
        #expect(try OCISessionTokenRefreshClient(environment: [:], transport: transport).resolvedEndpoint(region: "uk-gov-london-1").url
            == "https://auth.uk-gov-london-1.oraclegovcloud.uk/v1/authentication/refresh")
        #expect(throws: OCISigningError(.invalidEndpoint, "")) {
            try OCISessionTokenRefreshClient(environment: [:], transport: transport).resolvedEndpoint(region: nil)
        }
    }
}
