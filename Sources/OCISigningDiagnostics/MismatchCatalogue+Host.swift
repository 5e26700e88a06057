extension MismatchCatalogue {
    /// The host signed with or without a port.
    static let hostVariants = [hostWithoutPort, hostWithPort]

    static let hostWithoutPort = MismatchVariant(
        id: "host-without-port", title: "the signer signed the host without its port",
        advice: ".NET and Ruby drop the port when they take host from the URL; sign the Host header exactly as sent"
    ) { candidate, _ in
        guard let host = candidate.value("host") else { return [] }
        let parsed = HostInspection(host)
        guard parsed.port != nil else { return [] }
        return [candidate.replacing("host", with: parsed.name, "host '\(parsed.name)' instead of '\(host)'")].compactMap { $0 }
    }

    static let hostWithPort = MismatchVariant(
        id: "host-with-port", title: "the signer signed the host with a port the request does not carry",
        advice: "an HTTP stack stripped the default port after signing (or the signer added it); sign the Host exactly as sent"
    ) { candidate, _ in
        guard let host = candidate.value("host"), HostInspection(host).port == nil else { return [] }
        return [":443", ":80", ":8443"].compactMap { candidate.replacing("host", with: host + $0, "host '\(host + $0)' instead of '\(host)'") }
    }
}
