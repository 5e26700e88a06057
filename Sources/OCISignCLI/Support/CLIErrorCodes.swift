import OCISigning

/// The error codes only the command line raises.
extension OCISigningError.Code {
    /// The command line is incomplete or contradictory (no key given, two alternatives given
    /// at once): exit status 64, not a key problem.
    public static let usage = OCISigningError.Code(rawValue: "usage")
    /// A `Vectors/` suite file (manifest.json, case.json) is not what `Vectors/README.md` describes.
    public static let invalidVectorSuite = OCISigningError.Code(rawValue: "invalidVectorSuite")
}

extension OCISigningError {
    /// A usage error: what is missing or contradictory and what to pass instead.
    static func usage(_ reason: String) -> OCISigningError { OCISigningError(.usage, reason) }
}
