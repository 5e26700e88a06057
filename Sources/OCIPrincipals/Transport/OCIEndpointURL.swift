import Foundation
import OCISigning

/// An `http(s)://authority/path` URL split into the parts an `HTTPRequest` takes.
struct OCIEndpointURL: Sendable, Hashable {
    let scheme: String
    let authority: String
    /// The path, without a trailing `/`, possibly empty.
    let path: String

    init(_ text: String, what: String) throws(OCISigningError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.percentEncodedHost, !host.isEmpty,
              components.query == nil, components.fragment == nil, components.user == nil else {
            throw OCISigningError(.invalidEndpoint, "\(what) '\(text)' is not an http(s)://host[:port][/path] URL")
        }
        self.scheme = scheme
        authority = components.port.map { "\(host):\($0)" } ?? host
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        self.path = path
    }

    var text: String { "\(scheme)://\(authority)\(path)" }
}
