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

    /// Whether 1024–2047-bit public keys are accepted (the rule `sign --allow-weak-key` applies).
    @Flag(name: .customLong("allow-weak-key"), help: "Accept an RSA public key of 1024 to 2047 bits (Oracle's published test key is 1024-bit). Keys under 1024 bits are always refused.")
    public var allowWeakKey = false

    /// The body sent, for a capture that does not hold it (a `curl -v` trace).
    @Option(name: .customLong("body"), help: ArgumentHelp("The body file sent with the request, for a curl -v trace (which never prints the body); replaces the body the file holds.", valueName: "FILE"))
    public var bodyFile: String?

    /// Creates the options with their defaults (argument parsing fills them in).
    public init() {}
}
