#if OpenAPI
import Foundation
import HTTPTypes
import OCISigning
import OCISigningOpenAPI
@_spi(Generated) import OpenAPIRuntime
import Testing

/// The middleware against a fake transport: it rebuilds the request exactly as the issue and
/// OCI define the wire form (literal expected target and host, not our own URL code) and
/// verifies it with `OCIRequestVerifier`, which trusts key B (rsa3072) only.
@Suite struct MiddlewareTests {
    static let keyA = try! OCIPrivateKey(pem: Repo.bytes("Vectors/keys/rsa2048.pem"))
    static let keyB = try! OCIPrivateKey(pem: Repo.bytes("Vectors/keys/rsa3072.pem"))
    static let identityA = OCISigningIdentity(keyID: "ocid1.tenancy.oc1..t/ocid1.user.oc1..u/aa", privateKey: keyA, kind: .securityToken, source: "test A")
    static let identityB = OCISigningIdentity(keyID: "ocid1.tenancy.oc1..t/ocid1.user.oc1..u/bb", privateKey: keyB, kind: .securityToken, source: "test B")
    static let chicago = URL(string: "https://inference.generativeai.us-chicago-1.oci.oraclecloud.com/openai/v1")!
    static let json: [UInt8] = Array(#"{"model":"meta.llama-3.3-70b-instruct","messages":[{"role":"user","content":"Hello"}]}"#.utf8)

    func middleware(_ provider: some OCIIdentityProvider = OCIStaticIdentityProvider(Self.identityB), limit: Int = 4 << 20,
                    exclude: [OCIExcludeBodyRule] = []) -> OCISigningMiddleware {
        OCISigningMiddleware(identityProvider: provider, configuration: .init(maximumBufferedBodySize: limit, excludeBody: exclude))
    }

    @Test func getWithAQuerySignsTheBasePathPlusTheOperationPath() async throws {
        let transport = VerifyingTransport(host: "inference.generativeai.us-chicago-1.oci.oraclecloud.com", target: "/openai/v1/models?limit=2&after=a%2Fb")
        let request = HTTPRequest(soar_path: "/models?limit=2&after=a%2Fb", method: .get)
        let (response, _) = try await middleware().intercept(request, body: nil, baseURL: Self.chicago, operationID: "listModels", next: transport.next)
        #expect(response.status == .ok)
        let sent = try #require(transport.sent.first)
        // Passed on relative, with only the added fields.
        #expect(sent.request.path == "/models?limit=2&after=a%2Fb" && sent.request.authority == nil && sent.request.scheme == nil)
        #expect(Set(sent.request.headerFields.map(\.name.canonicalName)) == ["date", "authorization", "opc-request-id"])
        #expect(sent.signedHeaders == ["date", "(request-target)", "host"])
    }

    @Test func postJSONSignsTheBody() async throws {
        let transport = VerifyingTransport(host: "inference.generativeai.us-chicago-1.oci.oraclecloud.com", target: "/openai/v1/chat/completions")
        var request = HTTPRequest(soar_path: "/chat/completions", method: .post)
        request.headerFields[.contentType] = "application/json; charset=utf-8"
        request.headerFields[HTTPField.Name("opc-compartment-id")!] = "ocid1.compartment.oc1..c"
        let (response, _) = try await middleware().intercept(request, body: HTTPBody(Self.json), baseURL: Self.chicago, operationID: "createChatCompletion", next: transport.next)
        #expect(response.status == .ok)
        let sent = try #require(transport.sent.first)
        #expect(sent.body == Self.json)
        #expect(sent.signedHeaders == ["date", "(request-target)", "host", "content-length", "content-type", "x-content-sha256"])
        #expect(sent.request.headerFields[HTTPField.Name("opc-compartment-id")!] == "ocid1.compartment.oc1..c")
    }

    @Test func aMultiPassStreamOfUnknownLengthIsHashedAndGetsALength() async throws {
        let transport = VerifyingTransport(host: "inference.generativeai.us-chicago-1.oci.oraclecloud.com", target: "/openai/v1/files")
        let chunks = Chunks(count: 40, size: 1000)
        let body = HTTPBody(chunks, length: .unknown, iterationBehavior: .multiple)
        let (response, _) = try await middleware().intercept(HTTPRequest(soar_path: "/files", method: .put), body: body, baseURL: Self.chicago, operationID: "upload", next: transport.next)
        #expect(response.status == .ok)
        let sent = try #require(transport.sent.first)
        #expect(sent.bodyLength == .known(40_000) && sent.body.count == 40_000)
        #expect(sent.request.headerFields[.contentLength] == "40000")
    }

    @Test func aSingleUseStreamUnderTheLimitIsBufferedAndSigned() async throws {
        let transport = VerifyingTransport(host: "inference.generativeai.us-chicago-1.oci.oraclecloud.com", target: "/openai/v1/chat/completions")
        let (stream, continuation) = AsyncStream.makeStream(of: ArraySlice<UInt8>.self)
        for piece in stride(from: 0, to: Self.json.count, by: 10) { continuation.yield(Self.json[piece..<min(piece + 10, Self.json.count)]) }
        continuation.finish()
        let (response, _) = try await middleware().intercept(HTTPRequest(soar_path: "/chat/completions", method: .post), body: HTTPBody(stream, length: .unknown),
                                                             baseURL: Self.chicago, operationID: "createChatCompletion", next: transport.next)
        #expect(response.status == .ok)
        #expect(transport.sent.first?.body == Self.json)
    }

    @Test func aSingleUseStreamOverTheLimitIsATypedError() async throws {
        let transport = VerifyingTransport(host: "h", target: "/")
        for length in [HTTPBody.Length.unknown, .known(5000)] {
            let (stream, continuation) = AsyncStream.makeStream(of: ArraySlice<UInt8>.self)
            for _ in 0..<5 { continuation.yield(ArraySlice(repeating: 7, count: 1000)) }
            continuation.finish()
            let error = await #expect(throws: OCISigningError.self) {
                _ = try await middleware(limit: 4096).intercept(HTTPRequest(soar_path: "/objects", method: .put), body: HTTPBody(stream, length: length),
                                                                baseURL: Self.chicago, operationID: "putThing", next: transport.next)
            }
            #expect(error?.code == .bodyTooLargeToBuffer)
            #expect(error?.reason.contains("exclude-body") == true && error?.reason.contains("putThing") == true)
        }
        #expect(transport.sent.isEmpty)
    }

    @Test func excludeBodyOperationsSignOnlyTheGenericHeadersAndDoNotReadTheBody() async throws {
        let base = URL(string: "https://objectstorage.us-ashburn-1.oraclecloud.com")!
        for rule in [OCIExcludeBodyRule.operationID("putObject"), .method(.put, path: "/n/*/b/*/o/**")] {
            let transport = VerifyingTransport(host: "objectstorage.us-ashburn-1.oraclecloud.com", target: "/n/ns/b/bucket/o/dir/a.bin", excludeBody: true)
            let chunks = Chunks(count: 4, size: 1000)
            let body = HTTPBody(chunks, length: .known(4000), iterationBehavior: .multiple)
            let (response, _) = try await middleware(exclude: [rule]).intercept(HTTPRequest(soar_path: "/n/ns/b/bucket/o/dir/a.bin", method: .put), body: body,
                                                                                 baseURL: base, operationID: "putObject", next: transport.next)
            #expect(response.status == .ok, "\(rule)")
            let sent = try #require(transport.sent.first)
            #expect(sent.signedHeaders == ["date", "(request-target)", "host"])
            #expect(sent.request.headerFields[.contentLength] == "4000" && sent.request.headerFields[.xContentSHA256] == nil)
            #expect(chunks.iterations.value == 1)   // only the transport's read: the signer never hashed it
        }
    }

    @Test func aRejectionRefreshesOnceAndRetriesOnce() async throws {
        let provider = RotatingProvider([Self.identityA, Self.identityB])
        let transport = VerifyingTransport(host: "inference.generativeai.us-chicago-1.oci.oraclecloud.com", target: "/openai/v1/chat/completions")
        let (response, _) = try await middleware(provider).intercept(HTTPRequest(soar_path: "/chat/completions", method: .post), body: HTTPBody(Self.json),
                                                                     baseURL: Self.chicago, operationID: "createChatCompletion", next: transport.next)
        #expect(response.status == .ok)
        #expect(transport.sent.map(\.status) == [401, 200])
        #expect(await provider.refreshes == 1)
        #expect(transport.sent[1].body == Self.json)   // the body is sent again, whole
        // A fixed signer cannot be refreshed: one attempt, the 401 returned.
        let fixed = OCISigningMiddleware(signer: try OCIRequestSigner(keyID: "t/u/aa", privateKey: Self.keyA))
        let again = VerifyingTransport(host: "inference.generativeai.us-chicago-1.oci.oraclecloud.com", target: "/openai/v1/chat/completions")
        let (rejected, _) = try await fixed.intercept(HTTPRequest(soar_path: "/chat/completions", method: .post), body: HTTPBody(Self.json),
                                                      baseURL: Self.chicago, operationID: "createChatCompletion", next: again.next)
        #expect(rejected.status == .unauthorized && again.sent.count == 1)
    }

    @Test func aPathPrefixAndANonDefaultPortAreSigned() async throws {
        let transport = VerifyingTransport(host: "127.0.0.1:8080", target: "/openai/v1/chat/completions")
        _ = try await middleware().intercept(HTTPRequest(soar_path: "/chat/completions", method: .post), body: HTTPBody(Self.json),
                                             baseURL: URL(string: "http://127.0.0.1:8080/openai/v1")!, operationID: "createChatCompletion", next: transport.next)
        #expect(transport.sent.first?.status == 200)
        // The scheme's default port is not part of Host, as the transports send it.
        let defaultPort = VerifyingTransport(host: "inference.example.com", target: "/openai/v1/models")
        _ = try await middleware().intercept(HTTPRequest(soar_path: "/models", method: .get), body: nil,
                                             baseURL: URL(string: "https://inference.example.com:443/openai/v1")!, operationID: "listModels", next: defaultPort.next)
        #expect(defaultPort.sent.first?.status == 200)
    }

    @Test func insideARetryingMiddlewareEachAttemptIsSignedAgain() async throws {
        let transport = VerifyingTransport(host: "inference.example.com", target: "/v1/x", failFirst: true)
        let clock = TickingClock()
        let signing = OCISigningMiddleware(identityProvider: OCIStaticIdentityProvider(Self.identityB),
                                           configuration: .init(sendPolicy: OCISendPolicy(now: clock.now)))
        let retrying = RetryOn503()
        let base = URL(string: "https://inference.example.com/v1")!
        let (response, _) = try await retrying.intercept(HTTPRequest(soar_path: "/x", method: .get), body: nil, baseURL: base, operationID: "x") { request, body, url in
            try await signing.intercept(request, body: body, baseURL: url, operationID: "x", next: transport.next)
        }
        #expect(response.status == .ok)
        #expect(transport.sent.count == 2)
        #expect(transport.sent[0].request.headerFields[.date] != transport.sent[1].request.headerFields[.date])
        #expect(transport.sent[0].request.headerFields[.opcRequestID] != nil)
    }

    @Test func aBaseURLWithoutPathOrWithATrailingSlashIsJoinedAsTheTransportsJoinIt() async throws {
        for (base, target) in [("https://inference.example.com", "/v1/x?q=1"), ("https://inference.example.com/v1/", "/v1//v1/x?q=1")] {
            let transport = VerifyingTransport(host: "inference.example.com", target: target)
            _ = try await middleware().intercept(HTTPRequest(soar_path: "/v1/x?q=1", method: .get), body: nil, baseURL: URL(string: base)!, operationID: "x", next: transport.next)
            #expect(transport.sent.first?.status == 200, "\(base)")
        }
    }

    @Test func dotSegmentsAreRefused() async throws {
        let transport = VerifyingTransport(host: "h", target: "/")
        let error = await #expect(throws: OCISigningError.self) {
            _ = try await middleware().intercept(HTTPRequest(soar_path: "/a/../b", method: .get), body: nil, baseURL: Self.chicago, operationID: "x", next: transport.next)
        }
        #expect(error?.code == .invalidTarget)
        let encoded = await #expect(throws: OCISigningError.self) {
            _ = try await middleware().intercept(HTTPRequest(soar_path: "/a/%2E%2e/b?x=..", method: .get), body: nil, baseURL: Self.chicago, operationID: "x", next: transport.next)
        }
        #expect(encoded?.code == .invalidTarget)
        #expect(transport.sent.isEmpty)
    }
}
#endif
