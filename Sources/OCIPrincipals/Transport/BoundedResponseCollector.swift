import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HTTPTypes
import OCISigning

/// The URLSession delegate of one exchange: collects the body up to a limit (cancelling the
/// task beyond it), refuses redirects, and resumes the caller exactly once.
final class BoundedResponseCollector: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let limit: Int
    private let lock = NSLock()
    private var body: [UInt8] = []
    private var response: HTTPURLResponse?
    private var tooLarge = false
    private var url = ""
    private var continuation: CheckedContinuation<Result<OCIHTTPResponse, OCISigningError>, Never>?

    init(limit: Int) { self.limit = limit }

    func start(_ task: URLSessionDataTask, url: String, continuation: CheckedContinuation<Result<OCIHTTPResponse, OCISigningError>, Never>) {
        lock.withLock {
            self.url = url
            self.continuation = continuation
        }
        task.resume()
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        lock.withLock { self.response = response as? HTTPURLResponse }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let exceeded: Bool = lock.withLock {
            if body.count + data.count > limit {
                tooLarge = true
                return true
            }
            body.append(contentsOf: data)
            return false
        }
        if exceeded { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        let (continuation, result): (CheckedContinuation<Result<OCIHTTPResponse, OCISigningError>, Never>?, Result<OCIHTTPResponse, OCISigningError>) = lock.withLock {
            let pending = self.continuation
            self.continuation = nil
            return (pending, outcome(error))
        }
        continuation?.resume(returning: result)
    }

    /// Called with the lock held.
    private func outcome(_ error: Error?) -> Result<OCIHTTPResponse, OCISigningError> {
        if tooLarge {
            return .failure(OCISigningError(.responseTooLarge, "the response from \(url) is larger than \(limit) bytes"))
        }
        if let error {
            return .failure(Self.classify(error, url: url))
        }
        guard let response else {
            return .failure(OCISigningError(.connectionFailed, "\(url) closed the connection without an HTTP response"))
        }
        var fields = HTTPFields()
        for (name, value) in response.allHeaderFields {
            if let text = name as? String, let name = HTTPField.Name(text), let value = value as? String {
                fields.append(HTTPField(name: name, value: value))
            }
        }
        return .success(OCIHTTPResponse(status: response.statusCode, headerFields: fields, body: body))
    }

    static func classify(_ error: Error, url: String) -> OCISigningError {
        let code = (error as? URLError)?.code
        switch code {
        case .timedOut?:
            return OCISigningError(.requestTimedOut, "\(url) did not answer in time")
        default:
            let detail = (error as? URLError).map { "URLError \($0.code.rawValue)" } ?? String(describing: type(of: error))
            return OCISigningError(.connectionFailed, "cannot connect to \(url) (\(detail))")
        }
    }
}
