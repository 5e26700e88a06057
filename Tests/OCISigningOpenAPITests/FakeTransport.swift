#if OpenAPI
import Foundation
import HTTPTypes
import OCISigning
import OpenAPIRuntime
import Synchronization

/// What the fake transport received and how it answered.
struct SentRequest: Sendable {
    let request: HTTPRequest
    let body: [UInt8]
    let bodyLength: HTTPBody.Length?
    let signedHeaders: [String]
    let status: Int
}

/// A transport stand-in: rebuilds the request on the wire from the expected literal target and
/// host, verifies it with key B (rsa3072), answers 200 or 401 (OCI's error body).
final class VerifyingTransport: Sendable {
    let host: String
    let target: String
    let excludeBody: Bool
    let failFirst: Bool
    private let log = Mutex<[SentRequest]>([])
    static let verifier = OCIRequestVerifier(publicKey: try! OCIPublicKey(pem: Repo.bytes("Vectors/keys/rsa3072.pub.pem")))

    init(host: String, target: String, excludeBody: Bool = false, failFirst: Bool = false) {
        self.host = host
        self.target = target
        self.excludeBody = excludeBody
        self.failFirst = failFirst
    }

    var sent: [SentRequest] { log.withLock { $0 } }

    var next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?) {
        { [self] request, body, _ in try await answer(request, body: body) }
    }

    func answer(_ request: HTTPRequest, body: HTTPBody?) async throws -> (HTTPResponse, HTTPBody?) {
        let bytes = body == nil ? [] : try await [UInt8](collecting: body!, upTo: 1 << 24)
        var wire = request
        wire.scheme = "https"
        wire.authority = host
        wire.path = target
        let result = Self.verifier.verify(wire, body: .bytes(bytes), options: VerificationOptions(excludeBody: excludeBody))
        var status = 401
        var signed: [String] = []
        if case .valid(let verified) = result {
            status = 200
            signed = verified.authorization.signedHeaders
        }
        let count = log.withLock { $0.count }
        if failFirst && count == 0 { status = 503 }
        let entry = SentRequest(request: request, body: bytes, bodyLength: body?.length, signedHeaders: signed, status: status)
        log.withLock { $0.append(entry) }
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        let text = status == 401 ? #"{"code":"NotAuthenticated","message":"bad signature"}"# : #"{"ok":true}"#
        return (HTTPResponse(status: .init(code: status), headerFields: fields), HTTPBody(text))
    }
}

/// A body of `count` chunks of `size` bytes that can be iterated again and counts how often.
struct Chunks: AsyncSequence, Sendable {
    typealias Element = ArraySlice<UInt8>
    let count: Int
    let size: Int
    let iterations = Counter()

    final class Counter: Sendable {
        private let storage = Mutex(0)
        var value: Int { storage.withLock { $0 } }
        func increment() { storage.withLock { $0 += 1 } }
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        var remaining: Int
        let size: Int
        mutating func next() async -> ArraySlice<UInt8>? {
            guard remaining > 0 else { return nil }
            remaining -= 1
            return ArraySlice(repeating: UInt8(truncatingIfNeeded: remaining), count: size)
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        iterations.increment()
        return AsyncIterator(remaining: count, size: size)
    }
}

/// Key A first, then key B after each refresh.
actor RotatingProvider: OCIIdentityProvider {
    private let identities: [OCISigningIdentity]
    private var index = 0
    private(set) var refreshes = 0
    init(_ identities: [OCISigningIdentity]) { self.identities = identities }
    func identity() async throws(OCISigningError) -> OCISigningIdentity { identities[index] }
    func refresh(afterRejectionOf rejected: OCISigningIdentity) async throws(OCISigningError) -> OCISigningIdentity {
        refreshes += 1
        index = min(index + 1, identities.count - 1)
        return identities[index]
    }
}

/// A clock that moves one second each time it is read.
final class TickingClock: Sendable {
    private let seconds = Mutex<Int64>(Int64(Date().timeIntervalSince1970))
    var now: @Sendable () -> HTTPDate {
        { [self] in seconds.withLock { $0 += 1; return HTTPDate(secondsSince1970: $0) } }
    }
}

/// A middleware that retries once on 503, as a generic retrying middleware would.
struct RetryOn503: ClientMiddleware {
    func intercept(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
                   next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)) async throws -> (HTTPResponse, HTTPBody?) {
        let first = try await next(request, body, baseURL)
        guard first.0.status.code == 503 else { return first }
        return try await next(request, body, baseURL)
    }
}
#endif
