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

    /// The exact signing string, written straight into one string buffer (`String.append` per
    /// piece cost about 300 instructions each, on every request signed or verified).
    public var signingString: String {
        var length = components.count - 1
        for component in components { length += component.name.utf8.count + 2 + component.value.utf8.count }
        guard length > 0 else { return "" }
        return String(unsafeUninitializedCapacity: length) { out in
            var written = 0
            for (index, component) in components.enumerated() {
                if index > 0 { out[written] = 0x0A; written += 1 }
                written = UTF8Copy.copy(component.name, into: out, at: written)
                out[written] = UInt8(ascii: ":"); out[written + 1] = 0x20; written += 2
                written = UTF8Copy.copy(component.value, into: out, at: written)
            }
            return written
        }
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
