extension OCISigningError.Code {
    /// An `Authorization: Signature …` value cannot be parsed (scheme, quoting, duplicate or
    /// missing parameter, signature encoding).
    public static let malformedAuthorization = OCISigningError.Code(rawValue: "malformedAuthorization")
    /// The `Authorization` header names an algorithm or version other than `rsa-sha256` / `1`.
    public static let unsupportedAlgorithm = OCISigningError.Code(rawValue: "unsupportedAlgorithm")
}

extension SignedComponent {
    /// A signing-string line built outside the signer: by a verifier rebuilding what was signed,
    /// or a debugger trying what another signer may have signed.
    /// (The memberwise initializer stays internal to the signer; this one is public.)
    public init(_ name: String, value: String, origin: HeaderOrigin = .given) {
        self.init(name: name, value: value, origin: origin)
    }
}
