import OCISigning

/// A signing string the other party may have signed: a ``SignatureBase`` plus the two ways a
/// broken signer renders it differently (lines joined by CRLF, a line break after the last
/// line), and what differs from the request as received, in words.
public struct SignatureCandidate: Sendable, Hashable {
    /// The lines.
    public var base: SignatureBase
    /// Joins the lines: `\n` as OCI requires, `\r\n` for a signer that uses CRLF.
    public var joiner = "\n"
    /// What followed the last line: empty as OCI requires, or a line break.
    public var trailer = ""
    /// What differs from the received request, in words ("host 'a' instead of 'a:8443'").
    public var details: [String] = []

    /// A candidate that renders exactly as `base`.
    public init(base: SignatureBase) { self.base = base }

    /// The signing-string text. The lines come from ``SignatureBase/signingString``; header
    /// values hold no line break, so only the joins change with ``joiner``.
    public var text: String {
        let lines = base.signingString
        return (joiner == "\n" ? lines : lines.replacingAll("\n", with: joiner)) + trailer
    }

    /// The signing-string bytes.
    public var bytes: [UInt8] { Array(text.utf8) }

    /// The lines, in order.
    public var components: [SignedComponent] { base.components }

    /// The value signed for `name`.
    public func value(_ name: String) -> String? { base.value(of: name) }

    /// The same candidate with one line's value replaced, keeping its origin; nil when the line
    /// is absent or already has that value.
    public func replacing(_ name: String, with value: String, _ detail: String) -> SignatureCandidate? {
        guard let old = base.components.first(where: { $0.name == name }), old.value != value else { return nil }
        return with(base.replacing(SignedComponent(name, value: value, origin: old.origin)), detail)
    }

    /// The same candidate with other lines.
    public func with(_ components: [SignedComponent], _ detail: String) -> SignatureCandidate {
        with(SignatureBase(components), detail)
    }

    /// The same lines rendered with another joiner and trailer.
    public func rendered(joiner: String, trailer: String, _ detail: String) -> SignatureCandidate {
        var copy = self
        copy.joiner = joiner
        copy.trailer = trailer
        copy.details.append(detail)
        return copy
    }

    /// The same candidate with another base.
    public func with(_ base: SignatureBase, _ detail: String) -> SignatureCandidate {
        var copy = self
        copy.base = base
        copy.details.append(detail)
        return copy
    }
}
