/// What a signed host may look like: `name`, `name:port`, `[v6]` or `[v6]:port` (RFC 9110
/// uri-host [":" port]). Anything else is read differently by the HTTP stack that sends it (user
/// info, a path, a second port), so the server would check a different host than was signed.
enum HostRules {
    /// Longest host signed (a DNS name has at most 253 characters; a port adds 6).
    static let maxLength = 261

    /// nil when `host` is acceptable, else why not.
    static func problem(_ host: String) -> String? {
        let bytes = Array(host.utf8)
        guard bytes.count <= maxLength else { return "it has \(bytes.count) bytes; a host name has at most 253, plus a port" }
        for (character, what) in [("@", "user info ('user:pw@host')"), ("/", "a '/' (a path)"), ("?", "a '?' (a query)"),
                                  ("#", "a '#'"), ("\\", "a backslash")] where host.contains(character) {
            return "it holds \(what); give only the host name and an optional port"
        }
        var name = bytes[...]
        var port: ArraySlice<UInt8>?
        if bytes.first == UInt8(ascii: "[") {
            guard let close = bytes.firstIndex(of: UInt8(ascii: "]")) else { return "'[' opens an IPv6 address that ']' never closes" }
            let rest = bytes[(close + 1)...]
            if !rest.isEmpty {
                guard rest.first == UInt8(ascii: ":") else { return "only ':port' may follow ']'" }
                port = rest.dropFirst()
            }
            name = bytes[...close]
        } else if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
            name = bytes[..<colon]
            port = bytes[(colon + 1)...]
        }
        if name.isEmpty { return "the host name is empty" }
        if let port {
            guard !port.isEmpty, port.count <= 5, port.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                  let value = Int(String(decoding: port, as: UTF8.self)), value <= 65535
            else { return "the port '\(OCIDisplayText.visible(port))' is not a number from 0 to 65535" }
        }
        return nil
    }
}
