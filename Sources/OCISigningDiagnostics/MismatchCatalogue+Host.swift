extension MismatchCatalogue {
    /// The host signed with or without a port, or another host altogether.
    static let hostVariants = [hostWithoutPort, hostWithPort, hostOverridden]

    /// Ports tried first when the Host has none (besides those the request names); every other
    /// port is tried by the last-resort port scan of ``MismatchExplainer``.
    public static let commonPorts = ["443", "80", "8443", "8080", "8000", "8888", "4443", "10443", "3000", "5000", "9000", "12000"]

    static let hostWithoutPort = MismatchVariant(
        id: "host-without-port", title: "the signer signed the host without its port",
        advice: ".NET and Ruby drop the port when they take host from the URL, and a proxy or HTTP client may add one after signing; sign the Host header exactly as sent"
    ) { candidate, _ in
        guard let host = candidate.value("host") else { return [] }
        let parsed = HostInspection(host)
        guard parsed.port != nil else { return [] }
        return [candidate.replacing("host", with: parsed.name, "host '\(parsed.name)' instead of '\(host)'")].compactMap { $0 }
    }

    static let hostWithPort = MismatchVariant(
        id: "host-with-port", title: "the signer signed the host with a port the request does not carry (or another port)",
        advice: "an HTTP stack or proxy dropped or changed the port after signing (or the signer added it); sign the Host exactly as sent",
        scope: { candidate, context in
            candidate.value("host").map { "ports \(hostPorts(HostInspection($0), context).joined(separator: ", ")); the others by the port scan when nothing else matches" }
        }
    ) { candidate, context in
        guard let host = candidate.value("host") else { return [] }
        let parsed = HostInspection(host)
        return hostPorts(parsed, context).compactMap { port in
            candidate.replacing("host", with: parsed.name + ":" + port, "host '\(parsed.name):\(port)' instead of '\(host)'")
        }
    }

    /// The ports named by the request (forwarding headers, the capture's connection) and the
    /// common ones, without the Host's own.
    static func hostPorts(_ host: HostInspection, _ context: VariantContext) -> [String] {
        let forwarded = context.header("x-forwarded-port").map { [String($0.filter(\.isNumber))] } ?? []
        let named = context.hostHints.compactMap { HostInspection($0).port } + forwarded.filter { !$0.isEmpty }
        var seen: Set<String> = [host.port ?? ""]
        return (named + commonPorts).filter { seen.insert($0).inserted }
    }

    /// The last-resort scan of every port (run by the search itself, not from the table).
    static let hostPortScan = MismatchVariant(
        id: "host-port-scan", title: "the signer signed the host with another port than the request carries",
        advice: "the port was dropped or changed between signing and sending (a proxy, a load balancer, an HTTP client normalising the URL); sign the Host exactly as sent"
    ) { _, _ in [] }

    static let hostOverridden = MismatchVariant(
        id: "host-overridden", title: "the signer signed another host than the Host header sent (a proxy rewrote Host, or Host was overridden)",
        advice: "the host signed must be the Host the server receives: sign after the proxy's rewrite (or sign the proxy's upstream host and have it keep Host), and do not override Host after signing",
        scope: { _, context in
            context.hostHints.isEmpty ? "no other host named (X-Forwarded-Host, Forwarded, X-Original-Host, the capture's connection): not applicable"
                : "hosts \(context.hostHints.joined(separator: ", "))"
        }
    ) { candidate, context in
        guard let host = candidate.value("host") else { return [] }
        return context.hostHints.compactMap { hint in
            candidate.replacing("host", with: hint, "host '\(hint)' (named by the request or its capture) instead of '\(host)'")
        }
    }
}
