import ArgumentParser
import OCISigning

/// The clock a signed date is compared with, and the accepted difference: `verify`, `explain`
/// and `dump`.
public struct ClockOptions: ParsableArguments, Sendable {
    /// The clock to compare with, instead of the system clock.
    @Option(name: .long, help: ArgumentHelp("The clock to compare the signed date with, e.g. 'Thu, 05 Jan 2014 21:31:40 GMT' (default: now).", valueName: "IMF-FIXDATE"))
    public var now: String?

    /// The clock-skew window in seconds.
    /// Parsed unconditionally so `--max-skew -1` is read as a value (and refused by
    /// ``validate()``), not as a missing value followed by an unknown option.
    @Option(name: .customLong("max-skew"), parsing: .unconditional, help: ArgumentHelp("Largest accepted clock difference in seconds (OCI: 300).", valueName: "SECONDS"))
    public var maxSkew: Int64 = VerificationOptions.defaultMaxClockSkew

    /// Creates the options with their defaults (argument parsing fills them in).
    public init() {}

    /// Refuses a negative window: the verifier compares magnitudes, so `-N` would silently
    /// mean `N`, and a very negative one accepts any date.
    public func validate() throws {
        guard maxSkew >= 0 else {
            throw ValidationError("--max-skew must be 0 or more seconds, got \(maxSkew)")
        }
    }

    /// `--now` parsed; nil for the system clock.
    func fixedClock() throws(OCISigningError) -> HTTPDate? {
        guard let now else { return nil }
        return try HTTPDate(imfFixdate: now)
    }

    /// `--now`, or the system clock.
    func clock() throws(OCISigningError) -> HTTPDate {
        try fixedClock() ?? .now()
    }

    /// The verifier's options with this clock and window.
    func verificationOptions(excludeBody: Bool) throws(OCISigningError) -> VerificationOptions {
        VerificationOptions(excludeBody: excludeBody, maxClockSkew: maxSkew, now: try fixedClock())
    }
}
