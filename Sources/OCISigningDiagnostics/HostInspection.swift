/// The signed host split into name and port (`[::1]:8080`, `localhost:8443`), with what each
/// form means for clients that sign the host differently.
public struct HostInspection: Sendable, Hashable {
    /// The host as signed.
    public let host: String
    /// The host without its port.
    public let name: String
    /// The port, when the host carries one.
    public let port: String?

    /// Splits `host` at its last `:` when digits follow (an IPv6 literal keeps its brackets).
    public init(_ host: String) {
        self.host = host
        if let colon = host.lastIndex(of: ":"), !host[host.index(after: colon)...].isEmpty,
           host[host.index(after: colon)...].allSatisfy(\.isNumber),
           !host[..<colon].contains(":") || host.hasPrefix("[") {
            name = String(host[..<colon])
            port = String(host[host.index(after: colon)...])
        } else {
            name = host
            port = nil
        }
    }

    /// Which SDKs sign this form and which do not.
    public var note: String {
        if let port {
            return "carries port \(port): Go, Python, TypeScript and Java sign the port, .NET and Ruby sign the host without it"
                + (port == "443" ? "; an HTTP stack that strips the default port :443 after signing breaks the signature" : "")
        }
        return "no port: a client that signs 'host:443' (or a non-default port) will not match"
    }
}
