import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends one signed attempt over URLSession and streams its response body into a sink chosen
/// when the status is known. Redirects are never followed: the signature was made for this
/// host and target, and a `3xx` is returned as the answer with its `Location`.
enum RequestTransport {
    /// What came back from one attempt.
    enum Outcome {
        /// A response arrived; `failure` is set when the body broke off afterwards.
        case response(ResponseHead, ResponseSink, failure: String?)
        /// No response: no connection, name not found, TLS failure, timeout before an answer.
        case noResponse(String)
    }

    /// How long to wait: `idle` between bytes, `total` for the whole attempt.
    struct Timeouts: Sendable {
        var idle: TimeInterval
        var total: TimeInterval
    }

    /// Sends `request` with `payload` and waits for the whole response.
    static func send(_ request: URLRequest, payload: RequestPayload, timeouts: Timeouts,
                     sinkFor: @escaping @Sendable (ResponseHead) -> ResponseSink) -> Outcome {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeouts.idle
        configuration.timeoutIntervalForResource = timeouts.total
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        let delegate = AttemptDelegate(sinkFor: sinkFor)
        let session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
        let task: URLSessionTask
        switch payload {
        case .none: task = session.dataTask(with: request)
        case .bytes(let bytes): task = session.uploadTask(with: request, from: Data(bytes))
        case .file(let path): task = session.uploadTask(with: request, fromFile: URL(fileURLWithPath: path))
        }
        task.resume()
        delegate.done.wait()
        session.finishTasksAndInvalidate()
        return delegate.outcome()
    }
}

/// The URLSession delegate of one attempt. Callbacks arrive on the session's serial queue;
/// the lock guards what the waiting thread reads afterwards.
private final class AttemptDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let done = DispatchSemaphore(value: 0)
    private let sinkFor: @Sendable (ResponseHead) -> ResponseSink
    private let lock = NSLock()
    private var head: ResponseHead?
    private var sink: ResponseSink?
    private var error: Error?

    init(sinkFor: @escaping @Sendable (ResponseHead) -> ResponseSink) { self.sinkFor = sinkFor }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        if let http = response as? HTTPURLResponse {
            let head = ResponseHead(http)
            let sink = sinkFor(head)
            lock.withLock { self.head = head; self.sink = sink }
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        lock.withLock { sink }?.write(data)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        lock.withLock { self.error = error }
        done.signal()
    }

    func outcome() -> RequestTransport.Outcome {
        lock.withLock {
            sink?.close()
            guard let head, let sink else {
                return .noResponse(error.map(Self.describe) ?? "the server closed the connection without an HTTP response")
            }
            return .response(head, sink, failure: error.map(Self.describe))
        }
    }

    static func describe(_ error: Error) -> String {
        guard let urlError = error as? URLError else { return "\(error)" }
        let what: String
        switch urlError.code {
        case .cannotConnectToHost: what = "connection refused"
        case .cannotFindHost, .dnsLookupFailed: what = "host not found"
        case .timedOut: what = "timed out"
        case .notConnectedToInternet: what = "no network"
        case .networkConnectionLost: what = "connection lost"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot: what = "TLS failure"
        default: what = "URLError \(urlError.code.rawValue)"
        }
        return "\(what) (\(urlError.localizedDescription))"
    }
}
