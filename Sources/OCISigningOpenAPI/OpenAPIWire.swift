#if OpenAPI
import Foundation
import HTTPTypes
import OCISigning
import OCISigningFoundation

/// The request-target and `Host` that swift-openapi's transports send for a request relative
/// to a base URL. URLSessionTransport and AsyncHTTPClientTransport both build the URL the same
/// way: the base URL's percent-encoded path followed by the request's percent-encoded path,
/// and the request's query. That URL is then sent as ``OCISigningFoundation/URLSessionWire``
/// describes (dot segments and user info are refused: one of the two transports would rewrite
/// them).
enum OpenAPIWire {
    /// The wire form of `request` sent against `baseURL`.
    static func wire(of request: HTTPRequest, baseURL: URL) throws(OCISigningError) -> URLSessionWire {
        let path = request.path ?? ""
        guard var components = URLComponents(string: baseURL.absoluteString), let relative = URLComponents(string: path) else {
            throw OCISigningError(.invalidTarget, "the request path '\(path)' cannot be joined to the base URL '\(baseURL.absoluteString)'")
        }
        components.percentEncodedPath += relative.percentEncodedPath
        components.percentEncodedQuery = relative.percentEncodedQuery
        guard let url = components.url else {
            throw OCISigningError(.invalidTarget, "the request path '\(path)' and the base URL '\(baseURL.absoluteString)' do not make a URL")
        }
        return try URLSessionWire(url: url)
    }

    /// The target without its query, for exclude-body rules.
    static func pathWithoutQuery(_ target: String) -> String {
        String(target.prefix { $0 != "?" })
    }
}
#endif
