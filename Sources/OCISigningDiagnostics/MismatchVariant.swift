/// One known way two signers disagree. ``apply`` turns what the verifier rebuilt from the
/// received request into what the other signer may have signed instead (zero or more
/// candidates); ``MismatchExplainer`` checks the signature against each.
public struct MismatchVariant: Sendable {
    /// Stable id, used by tests and `--format json`.
    public let id: String
    /// What the signer did differently, as a sentence fragment.
    public let title: String
    /// Who typically does this and what to change.
    public let advice: String
    /// Candidates derived from a candidate (so variants compose in pairs).
    public let apply: @Sendable (SignatureCandidate, VariantContext) -> [SignatureCandidate]
    /// What the variant tries on a request, when that is not simply "every candidate it can
    /// derive" (which ports, how many subsets of how many places); nil when it is.
    public let scope: @Sendable (SignatureCandidate, VariantContext) -> String?

    /// A variant.
    public init(id: String, title: String, advice: String,
                scope: @escaping @Sendable (SignatureCandidate, VariantContext) -> String? = { _, _ in nil },
                apply: @escaping @Sendable (SignatureCandidate, VariantContext) -> [SignatureCandidate]) {
        self.id = id
        self.title = title
        self.advice = advice
        self.scope = scope
        self.apply = apply
    }
}

/// A change to the body between signing and sending (spec §8: stale hash after a rewrite,
/// newline added by an editor or a heredoc, line endings converted).
public struct BodyChange: Sendable {
    /// Stable id.
    public let id: String
    /// What happened, as a sentence fragment.
    public let title: String
    /// The body the signer hashed, given the body received; nil when not applicable.
    public let signedBody: @Sendable ([UInt8]) -> [UInt8]?

    /// A body change.
    public init(id: String, title: String, signedBody: @escaping @Sendable ([UInt8]) -> [UInt8]?) {
        self.id = id
        self.title = title
        self.signedBody = signedBody
    }
}
