import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HTTPTypes
import OpenAPIRuntime

/// A `ClientTransport` on URLSession that hands the response body over as it arrives, on Linux
/// too (swift-openapi-urlsession streams only on Apple platforms and buffers elsewhere, which
/// would print a streamed answer only once it is complete).
///
/// The URL is built the way swift-openapi's transports build it (base URL path + operation
/// path, operation query), which is what OCISigningMiddleware signs.
struct StreamingURLSessionTransport: ClientTransport {
    /// Largest request body sent (chat requests are small).
    static let maxRequestBody = 16 << 20

    func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws -> (HTTPResponse, HTTPBody?) {
        guard var components = URLComponents(string: baseURL.absoluteString), let relative = URLComponents(string: request.path ?? "") else {
            throw URLError(.badURL)
        }
        components.percentEncodedPath += relative.percentEncodedPath
        components.percentEncodedQuery = relative.percentEncodedQuery
        guard let url = components.url else { throw URLError(.badURL) }
        var urlRequest = URLRequest(url: url, timeoutInterval: 60)
        urlRequest.httpMethod = request.method.rawValue
        for field in request.headerFields { urlRequest.addValue(field.value, forHTTPHeaderField: field.name.canonicalName) }
        if let body { urlRequest.httpBody = Data(try await [UInt8](collecting: body, upTo: Self.maxRequestBody)) }

        let delegate = StreamingDelegate()
        let session = URLSession(configuration: .ephemeral, delegate: delegate, delegateQueue: nil)
        session.dataTask(with: urlRequest).resume()
        session.finishTasksAndInvalidate()
        let response = try await delegate.response()
        var fields = HTTPFields()
        for (name, value) in response.allHeaderFields {
            if let text = name as? String, let fieldName = HTTPField.Name(text), let value = value as? String {
                fields.append(HTTPField(name: fieldName, value: value))
            }
        }
        let length: HTTPBody.Length = response.expectedContentLength >= 0 ? .known(response.expectedContentLength) : .unknown
        return (HTTPResponse(status: .init(code: response.statusCode), headerFields: fields), HTTPBody(delegate.chunks, length: length))
    }
}

/// Turns URLSession's delegate callbacks into the response head and a stream of body chunks.
final class StreamingDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {   // state guarded by lock
    private let lock = NSLock()
    private var head: CheckedContinuation<HTTPURLResponse, any Error>?
    private var received: Result<HTTPURLResponse, any Error>?
    let chunks: AsyncThrowingStream<ArraySlice<UInt8>, any Error>
    private let continuation: AsyncThrowingStream<ArraySlice<UInt8>, any Error>.Continuation

    override init() {
        (chunks, continuation) = AsyncThrowingStream.makeStream(of: ArraySlice<UInt8>.self)
        super.init()
    }

    /// Waits for the response head.
    func response() async throws -> HTTPURLResponse {
        try await withCheckedThrowingContinuation { waiting in
            let ready: Result<HTTPURLResponse, any Error>? = lock.withLock {
                if received == nil { head = waiting }
                return received
            }
            if let ready { waiting.resume(with: ready) }
        }
    }

    private func deliver(_ result: Result<HTTPURLResponse, any Error>) {
        let waiting: CheckedContinuation<HTTPURLResponse, any Error>? = lock.withLock {
            guard received == nil else { return nil }
            received = result
            defer { head = nil }
            return head
        }
        waiting?.resume(with: result)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        if let http = response as? HTTPURLResponse { deliver(.success(http)) } else { deliver(.failure(URLError(.badServerResponse))) }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        continuation.yield(ArraySlice(data))
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        deliver(.failure(error ?? URLError(.badServerResponse)))   // no-op when the head arrived
        continuation.finish(throwing: error)
    }
}
