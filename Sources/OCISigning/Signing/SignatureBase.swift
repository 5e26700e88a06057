/// The ordered signed components of one signature and the exact signing-string bytes they
/// render to: `name: value` lines joined by LF, no trailing LF.
///
/// The one place a signing string is built. The signer renders it to sign, the verifier to
/// rebuild what the client must have signed, and the debugging tools to show and compare it.
public struct SignatureBase: Sendable, Hashable {
    /// The lines, in signature order.
    public let components: [SignedComponent]

    /// Creates a base from components in signature order.
    public init(_ components: [SignedComponent]) {
        self.components = components
    }

    /// The names in order, as listed in the `Authorization`'s `headers="…"`.
    public var headerNames: [String] { components.map(\.name) }

    /// The `headers` parameter value: the names joined by single spaces.
    public var headersParameter: String { headerNames.joined(separator: " ") }

    /// The exact signing string, built in one buffer.
    public var signingString: String {
        var length = components.count
        for component in components { length += component.name.utf8.count + 2 + component.value.utf8.count }
        var text = ""
        text.reserveCapacity(length)
        for (index, component) in components.enumerated() {
            if index > 0 { text += "\n" }
            text += component.name
            text += ": "
            text += component.value
        }
        return text
    }

    /// The value signed for `name`, if the base has that component.
    public func value(of name: String) -> String? {
        components.first { $0.name == name }?.value
    }

    /// A copy with `component` replacing the line of the same name (or appended when absent):
    /// what the debugging tools use to try "what if the client had signed this instead".
    public func replacing(_ component: SignedComponent) -> SignatureBase {
        var lines = components
        if let index = lines.firstIndex(where: { $0.name == component.name }) {
            lines[index] = component
        } else {
            lines.append(component)
        }
        return SignatureBase(lines)
    }
}
