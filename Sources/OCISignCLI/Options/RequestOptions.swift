import ArgumentParser
import OCISigning

/// What `sign` and `dump` sign besides the request itself: whether the body is excluded and
/// the date to use when the request has none.
public struct RequestOptions: ParsableArguments, Sendable {
    /// Sign only the generic headers.
    @Flag(name: .customLong("exclude-body"), help: "Sign only date, (request-target) and host, as for Object Storage PutObject/UploadPart and Streaming PutMessages.")
    public var excludeBody = false

    /// The date to sign when the request has none.
    @Option(name: .long, help: ArgumentHelp("Date to sign when the request has no date/x-date header, e.g. 'Thu, 05 Jan 2014 21:31:40 GMT'.", valueName: "IMF-FIXDATE"))
    public var date: String?

    /// Creates the options with their defaults (argument parsing fills them in).
    public init() {}

    /// The signer's options.
    func signingOptions() throws(OCISigningError) -> SigningOptions {
        SigningOptions(excludeBody: excludeBody, date: try date.map { text throws(OCISigningError) in try HTTPDate(imfFixdate: text) })
    }
}
