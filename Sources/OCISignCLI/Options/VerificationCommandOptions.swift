import ArgumentParser
import OCISigning

/// The options `verify` and `explain` share: the key, the clock and whether the operation
/// excludes the body.
public struct VerificationCommandOptions: ParsableArguments, Sendable {
    /// The public key (or the private key whose public half is used).
    @OptionGroup public var key: VerificationKeyOptions

    /// The verifier's clock and window.
    @OptionGroup public var clock: ClockOptions

    /// Whether the operation excludes the body from the signature.
    @Flag(name: .customLong("exclude-body"), help: "The operation excludes the body (PutObject, UploadPart, PutMessages…): body headers are not required.")
    public var excludeBody = false

    /// Creates the options with their defaults (argument parsing fills them in).
    public init() {}
}
