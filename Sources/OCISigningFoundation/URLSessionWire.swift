import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import OCISigning

/// What URLSession will put on the wire for a URL: the request-target and the `Host` value, as
/// the two strings the OCI signature covers.
///
/// The target is the URL's percent-encoded path and query exactly as the URL holds them
/// (`URLComponents.percentEncodedPath` / `percentEncodedQuery`, never `URL.path`, which decodes
/// `%2F` into `/`). URLs that URLSession would not send as written are refused with a typed
/// error instead of being signed into a `401`:
/// - dot segments (`/a/../b`, `/./`, also `%2e`): libcurl, under Linux URLSession, removes
///   them before sending (measured: `/a/../b/./c` arrives as `/b/c`);
/// - user info (`https://user:pass@host/`): the client sends its own `Authorization`;
/// - a scheme other than `http`/`https`, or no host.
///
/// What Foundation itself re-encodes is harmless, because it happens when the `URL` is created,
/// before anything is signed: `URL(string: "https://h/a b")` already holds `/a%20b`, and that is
/// what is signed and sent. The default port (`:80` for http, `:443` for https) is dropped from
/// `Host`, as URLSession does.
public struct URLSessionWire: Sendable, Hashable {
    /// `http` or `https`, lowercased.
    public let scheme: String
    /// The `Host` header URLSession sends: host, plus `:port` when the port is not the scheme's default.
    public let authority: String
    /// The request-target URLSession sends: percent-encoded path (`/` when empty), then `?` and
    /// the percent-encoded query when the URL has one (an empty query keeps its `?`).
    public let target: String

    /// Derives the wire form of a URL.
    ///
    /// - Throws: `unsupportedURL` (scheme, user info), `missingHost`, or `invalidTarget` (dot
    ///   segments, bytes that cannot be sent as is).
    public init(url: URL) throws(OCISigningError) {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: true) else {
            throw OCISigningError(.unsupportedURL, "the URL '\(url.absoluteString)' cannot be split into components")
        }
        let scheme = (components.scheme ?? "").lowercased()
        guard scheme == "http" || scheme == "https" else {
            throw OCISigningError(.unsupportedURL, "the URL scheme must be http or https, found '\(components.scheme ?? "")'")
        }
        guard components.percentEncodedUser == nil && components.percentEncodedPassword == nil else {
            throw OCISigningError(.unsupportedURL, "the URL carries user info (user@host); URLSession would send its own Authorization header — remove it", header: "authorization")
        }
        guard var host = components.percentEncodedHost, !host.isEmpty else {
            throw OCISigningError(.missingHost, "the URL has no host", header: "host")
        }
        if host.contains(":") && !host.hasPrefix("[") { host = "[\(host)]" }   // IPv6 literal
        let defaultPort = scheme == "https" ? 443 : 80
        if let port = components.port, port != defaultPort { host += ":\(port)" }

        var path = components.percentEncodedPath
        if path.isEmpty { path = "/" }
        if let segment = Self.dotSegment(in: path) {
            throw OCISigningError(.invalidTarget, "the path '\(path)' has the dot segment '\(segment)', which URLSession (libcurl) removes before sending; resolve it first (e.g. URL.standardized) so the signed path is the one sent")
        }
        var target = path
        if let query = components.percentEncodedQuery { target += "?" + query }

        self.scheme = scheme
        self.authority = host
        self.target = target
    }

    /// The first `.` or `..` path segment, also percent-encoded (`%2e`, `%2E%2e`), or nil.
    static func dotSegment(in path: String) -> String? {
        for segment in path.split(separator: "/", omittingEmptySubsequences: false) {
            let decoded = segment.replacingOccurrences(of: "%2e", with: ".", options: .caseInsensitive)
            if decoded == "." || decoded == ".." { return String(segment) }
        }
        return nil
    }
}
