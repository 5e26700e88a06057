/// One line of the signing string (`name: value`) and where its value came from: the unit a
/// ``SignatureBase`` is made of.
public struct SignedComponent: Sendable, Hashable {
    /// Lowercase header name or `(request-target)`.
    public let name: String
    /// The exact value signed.
    public let value: String
    /// Where the value came from.
    public let origin: HeaderOrigin

    /// Creates a component.
    public init(name: String, value: String, origin: HeaderOrigin) {
        self.name = name
        self.value = value
        self.origin = origin
    }

    /// The signing-string line, `name: value`.
    public var line: String { "\(name): \(value)" }
}

extension SignedComponent {
    /// A signing-string line built outside the signer: by a verifier rebuilding what was signed,
    /// or a debugger trying what another signer may have signed.
    /// The same as ``init(name:value:origin:)``, with the origin defaulting to `given`.
    public init(_ name: String, value: String, origin: HeaderOrigin = .given) {
        self.init(name: name, value: value, origin: origin)
    }
}
