import ArgumentParser
import OCISigning

/// The clock a signed date is compared with, and the accepted difference: `verify`, `explain`
/// and `dump`.
public struct ClockOptions: ParsableArguments, Sendable {
    /// The clock to compare with, instead of the system clock.
    @Option(name: .long, help: ArgumentHelp("The clock to compare the signed date with, e.g. 'Thu, 05 Jan 2014 21:31:40 GMT' (default: now).", valueName: "IMF-FIXDATE"))
    public var now: String?

    /// The clock-skew window in seconds.
    @Option(name: .customLong("max-skew"), help: ArgumentHelp("Largest accepted clock difference in seconds (OCI: 300).", valueName: "SECONDS"))
    public var maxSkew: Int64 = VerificationOptions.defaultMaxClockSkew

    /// Creates the options with their defaults (argument parsing fills them in).
    public init() {}

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
