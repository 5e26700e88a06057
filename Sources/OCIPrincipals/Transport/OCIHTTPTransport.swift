import HTTPTypes
import OCISigning

/// The small HTTP seam the principal providers talk through: one request in, one bounded
/// response out, within a time limit.
///
/// The default build uses ``OCIURLSessionTransport`` (no SwiftNIO). With the `AsyncHTTPClient`
/// trait, `OCIAsyncHTTPClientTransport` is available too. Tests pass an in-process fake.
public protocol OCIHTTPTransport: Sendable {
    /// Sends `request` with `body` and returns the response.
    ///
    /// - Parameters:
    ///   - request: Method, scheme, authority, path and header fields, as sent.
    ///   - body: The body bytes (empty for GET).
    ///   - timeout: The limit for the whole exchange, connect to last byte.
    /// - Throws: `connectionFailed`, `requestTimedOut`, `responseTooLarge`, or `invalidEndpoint`
    ///   for a request the transport cannot send. HTTP error statuses are *returned*, not thrown.
    func send(_ request: HTTPRequest, body: [UInt8], timeout: Duration) async throws(OCISigningError) -> OCIHTTPResponse
}

/// A received HTTP response: status, header fields and the (bounded) body.
public struct OCIHTTPResponse: Sendable, Hashable {
    /// The status code.
    public var status: Int
    /// The header fields.
    public var headerFields: HTTPFields
    /// The body bytes.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headerFields: HTTPFields = [:], body: [UInt8] = []) {
        self.status = status
        self.headerFields = headerFields
        self.body = body
    }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The body as UTF-8 text (invalid sequences replaced).
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// Limits shared by the transports.
public enum OCIHTTPLimits {
    /// The largest response body the auth calls read: certificates, keys, tokens and region
    /// documents are a few KiB.
    public static let maxResponseBytes = 1 << 20
}

extension Duration {
    /// The duration in (fractional) seconds.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
