import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HTTPTypes
import OCISigning

/// ``OCIHTTPTransport`` over URLSession (FoundationNetworking on Linux): the default transport,
/// with no SwiftNIO.
///
/// Every call uses its own ephemeral session (no cache, no cookies, no credential storage)
/// with both the idle and the whole-exchange timeout set to the call's limit, and stops reading
/// once the body exceeds ``maxResponseBytes``. Redirects are not followed: the auth calls never
/// redirect, and following one would send the signed request elsewhere.
public struct OCIURLSessionTransport: OCIHTTPTransport {
    /// The largest body read; a longer one fails with `responseTooLarge`.
    public let maxResponseBytes: Int

    /// Creates a transport.
    public init(maxResponseBytes: Int = OCIHTTPLimits.maxResponseBytes) {
        self.maxResponseBytes = maxResponseBytes
    }

    /// Sends one request; see ``OCIHTTPTransport/send(_:body:timeout:)``.
    public func send(_ request: HTTPRequest, body: [UInt8], timeout: Duration) async throws(OCISigningError) -> OCIHTTPResponse {
        let urlRequest = try Self.urlRequest(request, body: body, timeout: timeout)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = max(timeout.seconds, 0.001)
        configuration.timeoutIntervalForResource = max(timeout.seconds, 0.001)
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.urlCredentialStorage = nil
        let collector = BoundedResponseCollector(limit: maxResponseBytes)
        let session = URLSession(configuration: configuration, delegate: collector, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<OCIHTTPResponse, OCISigningError>, Never>) in
            collector.start(session.dataTask(with: urlRequest), url: urlRequest.url?.absoluteString ?? "", continuation: continuation)
        }
        return try result.get()
    }

    static func urlRequest(_ request: HTTPRequest, body: [UInt8], timeout: Duration) throws(OCISigningError) -> URLRequest {
        let text = "\(request.scheme ?? "https")://\(request.authority ?? "")\(request.path ?? "/")"
        guard let url = URL(string: text), url.host != nil else {
            throw OCISigningError(.invalidEndpoint, "'\(text)' is not a URL that can be requested")
        }
        var urlRequest = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: max(timeout.seconds, 0.001))
        urlRequest.httpMethod = request.method.rawValue
        for field in request.headerFields {
            urlRequest.addValue(field.value, forHTTPHeaderField: field.name.rawName)
        }
        if !body.isEmpty { urlRequest.httpBody = Data(body) }
        return urlRequest
    }
}
