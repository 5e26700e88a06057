#if OpenAPI
import Foundation
import HTTPTypes
import Logging
import OCISigning
import OCISigningOpenAPI
@_spi(Generated) import OpenAPIRuntime
import Synchronization
import Testing

/// What the middleware logs at trace level: what was signed and what the policy did, never the
/// session token inside the key id, nor the signature.
@Suite struct LoggingTests {
    @Test func debugLogsNameTheSignedHeadersButNoSecret() async throws {
        let token = "eyJhbGciOiJSUzI1NiJ9.secret-session-token-body.signature-part"
        let rejected = OCISigningIdentity(keyID: "ST$" + token, privateKey: MiddlewareTests.keyA, kind: .securityToken, source: "test token A")
        let accepted = OCISigningIdentity(keyID: "ST$" + token + "2", privateKey: MiddlewareTests.keyB, kind: .securityToken, source: "test token B")
        let lines = LogLines()
        var logger = Logger(label: "test") { _ in CapturingHandler(lines: lines) }
        logger.logLevel = .trace
        let middleware = OCISigningMiddleware(identityProvider: RotatingProvider([rejected, accepted]), logger: logger)
        let transport = VerifyingTransport(host: "inference.generativeai.us-chicago-1.oci.oraclecloud.com", target: "/openai/v1/chat/completions")
        _ = try await middleware.intercept(HTTPRequest(soar_path: "/chat/completions", method: .post), body: HTTPBody(MiddlewareTests.json),
                                           baseURL: MiddlewareTests.chicago, operationID: "createChatCompletion", next: transport.next)
        let text = lines.all.joined(separator: "\n")
        #expect(transport.sent.map(\.status) == [401, 200])
        #expect(text.contains("x-content-sha256"))       // the signed header names
        #expect(text.contains("refreshed the identity"))  // what the policy did
        #expect(!text.contains("secret-session-token"))
        for sent in transport.sent {
            let signature = try #require(sent.request.headerFields[.authorization]?.split(separator: "\"").dropLast().last)
            #expect(!text.contains(signature))
        }
    }
}

final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
    func append(_ line: String) { lines.withLock { $0.append(line) } }
}

struct CapturingHandler: LogHandler {
    let lines: LogLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) {
        lines.append("\(event.level) \(event.message) \(event.metadata ?? [:])")
    }
}
#endif
