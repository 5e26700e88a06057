#if OpenAPI
import Foundation
import HTTPTypes
import OCISigning
import OCISigningFoundation

/// The request-target and `Host` that swift-openapi's transports send for a request relative
/// to a base URL. URLSessionTransport and AsyncHTTPClientTransport both build the URL the same
/// way: the base URL's percent-encoded path followed by the request's percent-encoded path,
/// and the request's query. The base URL is read as ``OCISigningFoundation/URLSessionWire``
/// reads a URL (dot segments and user info are refused: one of the two transports would
/// rewrite them), once per base URL.
struct OpenAPIWire: Sendable {
    /// `http` or `https`.
    let scheme: String
    /// The `Host` sent.
    let authority: String
    /// The request-target sent.
    let target: String

    /// The wire form of `request` sent against `base`.
    static func wire(of request: HTTPRequest, base: BaseURLParts) throws(OCISigningError) -> OpenAPIWire {
        let path = request.path ?? ""
        let relativePath: Substring, query: Substring?
        if let mark = path.firstIndex(of: "?") {
            relativePath = path[..<mark]
            query = path[path.index(after: mark)...]
        } else {
            relativePath = path[...]
            query = nil
        }
        // A fragment, or a path that is not a relative reference, is not split the way
        // URLComponents splits it: refuse rather than sign something else than is sent.
        guard !path.utf8.contains(UInt8(ascii: "#")), relativePath.isEmpty || relativePath.first == "/" else {
            throw OCISigningError(.invalidTarget, "the operation path '\(path)' is not an absolute path with an optional query")
        }
        var target = base.path
        target += relativePath
        if target.isEmpty { target = "/" }
        if let segment = dotSegment(in: relativePath) {
            throw OCISigningError(.invalidTarget, "the path '\(path)' has the dot segment '\(segment)', which URLSession (libcurl) removes before sending; the signed path would not be the one sent")
        }
        if let query { target += "?" + query }
        return OpenAPIWire(scheme: base.scheme, authority: base.authority, target: target)
    }

    /// The target without its query, for exclude-body rules.
    var pathWithoutQuery: String { String(target.prefix { $0 != "?" }) }

    /// The first `.` or `..` segment (also percent-encoded), or nil.
    static func dotSegment(in path: Substring) -> Substring? {
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) where segment.utf8.count <= 6 {
            switch segment.lowercased() {
            case ".", "..", "%2e", "%2e%2e", ".%2e", "%2e.": return segment
            default: continue
            }
        }
        return nil
    }
}

/// What the transports take from a base URL: scheme, `Host` and percent-encoded path.
struct BaseURLParts: Sendable, Equatable {
    let scheme: String
    let authority: String
    /// The percent-encoded path exactly as the transports append to it (may be empty; a
    /// trailing `/` stays, so `https://h/v1/` + `/x` is sent as `/v1//x`).
    let path: String

    init(_ url: URL) throws(OCISigningError) {
        let wire = try URLSessionWire(url: url)   // scheme, host and port, user info, dot segments
        guard let components = URLComponents(string: url.absoluteString) else {
            throw OCISigningError(.unsupportedURL, "the base URL '\(url.absoluteString)' cannot be split into components")
        }
        scheme = wire.scheme
        authority = wire.authority
        path = components.percentEncodedPath
    }
}

/// The parts of the last base URL seen: a client uses one base URL, so parsing it once saves
/// most of the middleware's own cost (measured: Benchmarks/OpenAPIOverhead).
final class BaseURLCache: @unchecked Sendable {   // guarded by lock
    private let lock = NSLock()
    private var last: (url: URL, parts: BaseURLParts)?

    func parts(of url: URL) throws(OCISigningError) -> BaseURLParts {
        if let hit = lock.withLock({ last?.url == url ? last?.parts : nil }) { return hit }
        let parts = try BaseURLParts(url)
        lock.withLock { last = (url, parts) }
        return parts
    }
}
#endif
