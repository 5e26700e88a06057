#if AsyncHTTPClient
import AsyncHTTPClient
import Foundation
import OCISigning

/// What AsyncHTTPClient 1.x will put on the wire for a request URL: the request-target and the
/// `Host` value, computed with the same Foundation calls AsyncHTTPClient makes
/// (`DeconstructedURL`, `URL.uri`, `addHostIfNeeded`), so the signed strings are the sent ones.
///
/// - Target: `URLComponents(url:resolvingAgainstBaseURL: true).percentEncodedPath` (`/` when the
///   path is empty), then `?` and `URL.query` (still percent-encoded). Nothing is normalised:
///   dot segments, `%2F`, `+`, `%3a` and `~` go out as written.
/// - Host: the URL's host (IPv6 literals in brackets), plus `:port` when it is not the scheme's
///   default, or the request's own `Host` header when it sets one.
public struct AsyncHTTPClientWire: Sendable, Hashable {
    /// `http` or `https`.
    public let scheme: String
    /// The `Host` header AsyncHTTPClient sends.
    public let authority: String
    /// The request-target AsyncHTTPClient sends.
    public let target: String

    /// Derives the wire form of a request URL string.
    ///
    /// - Throws: `unsupportedURL` when AsyncHTTPClient would refuse it or it is not http/https
    ///   (unix sockets have no OCI meaning), `missingHost`, or `invalidTarget`.
    public init(url string: String) throws(OCISigningError) {
        guard let url = URL(string: string) else {
            throw OCISigningError(.unsupportedURL, "'\(string)' is not a URL AsyncHTTPClient can parse")
        }
        let scheme = (url.scheme ?? "").lowercased()
        guard scheme == "http" || scheme == "https" else {
            throw OCISigningError(.unsupportedURL, "the URL scheme must be http or https, found '\(url.scheme ?? "")'")
        }
        guard var host = url.host, !host.isEmpty else {
            throw OCISigningError(.missingHost, "the URL '\(string)' has no host", header: "host")
        }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.contains(":") { host = "[\(host)]" }   // AsyncHTTPClient serialises IPv6 in brackets
        let defaultPort = scheme == "https" ? 443 : 80
        if let port = url.port, port != defaultPort { host += ":\(port)" }

        // AsyncHTTPClient's `URL.uri`, verbatim.
        var target = url.path.isEmpty ? "/" : (URLComponents(url: url, resolvingAgainstBaseURL: true)?.percentEncodedPath ?? url.path)
        if let query = url.query { target += "?" + query }

        self.scheme = scheme
        self.authority = host
        self.target = target
    }
}
#endif
