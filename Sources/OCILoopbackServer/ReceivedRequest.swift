#if IntegrationTests
import HTTPTypes
import OCISigning

/// One request as the loopback server received it, before any routing: what tests compare
/// with what the client signed.
public struct ReceivedRequest: Sendable {
    /// The method.
    public let method: HTTPRequest.Method
    /// The raw request-target from the request line, byte for byte.
    public let target: String
    /// The `Host` header (Hummingbird moves it to the authority).
    public let authority: String?
    /// Every other header field, in the order received.
    public let headerFields: HTTPFields
    /// The body bytes received.
    public let body: [UInt8]
    /// The verifier's verdict.
    public let verification: VerificationResult
    /// The status the server answered.
    public let status: HTTPResponse.Status
    /// The `opc-request-id` the server answered with.
    public let opcRequestID: String

    /// The SHA-256 of the body received.
    public var bodyDigest: ContentDigest { ContentDigest(bytes: body) }
}

/// Every request the server has received, in order.
public actor ReceivedRequestLog {
    /// The requests received so far.
    public private(set) var requests: [ReceivedRequest] = []

    /// Creates an empty log.
    public init() {}

    func append(_ request: ReceivedRequest) { requests.append(request) }

    /// The most recent request, if any.
    public var last: ReceivedRequest? { requests.last }
}
#endif
