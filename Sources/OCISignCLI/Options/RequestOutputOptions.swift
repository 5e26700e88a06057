import ArgumentParser
import Foundation
import OCISigning

/// How `oci-sign request` reports the answer, and how hard it tries.
public struct RequestOutputOptions: ParsableArguments, Sendable {
    /// Response headers before the body.
    @Flag(name: [.customShort("i"), .customLong("include")], help: "Print the response status line and headers before the body.")
    public var include = false

    /// Write the body to a file.
    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write the response body to FILE instead of standard output.", valueName: "FILE"))
    public var outputFile: String?

    /// Trace on standard error.
    @Flag(name: [.customShort("v"), .customLong("verbose")], help: "Print the request sent, the signing string and the response head to standard error (tokens redacted).")
    public var verbose = false

    /// Exit 22 on a status of 400 or more.
    @Flag(name: [.customShort("f"), .customLong("fail")], help: "Exit 22 for a status of 400 or more, without printing the body (as curl).")
    public var fail = false

    /// text (the body) or json (`{"status":…,"headers":{…},"data":…}`).
    @Option(name: .long, help: "Output: text (the body) or json ({\"status\":…, \"headers\":{…}, \"data\":…}, like oci raw-request).")
    public var format: ReportFormat = .text

    /// Further attempts.
    @Option(name: .long, help: ArgumentHelp("Retry up to N times after no response, 408, 429 or 5xx; only GET/HEAD/PUT/DELETE or requests with opc-retry-token. Each attempt is signed again.", valueName: "N"))
    public var retry = 0

    /// The longest Retry-After honoured.
    @Option(name: .customLong("retry-max-wait"), help: ArgumentHelp("Longest wait between attempts, also for a Retry-After (default 60).", valueName: "SECONDS"))
    public var retryMaxWait = 60

    /// The whole attempt's time limit.
    @Option(name: .customLong("max-time"), help: ArgumentHelp("Time limit for one attempt, upload and download included (default 3600).", valueName: "SECONDS"))
    public var maxTime = 3600

    /// Seconds without a byte before an attempt fails.
    var idleTimeout: Int { 60 }

    /// Creates the options with their defaults (argument parsing fills them in).
    public init() {}

    /// Refuses negative counts and times.
    public func validate() throws {
        guard (0...100).contains(retry) else { throw ValidationError("--retry must be 0 to 100, got \(retry)") }
        guard retryMaxWait >= 0 else { throw ValidationError("--retry-max-wait must be 0 or more seconds") }
        guard maxTime > 0 else { throw ValidationError("--max-time must be more than 0 seconds") }
    }

    /// The `-o` file, created (or truncated) before anything is sent.
    func openOutputFile() throws(OCISigningError) -> FileHandle? {
        guard let outputFile else { return nil }
        guard FileManager.default.createFile(atPath: outputFile, contents: nil),
              let handle = FileHandle(forWritingAtPath: outputFile) else {
            throw OCISigningError(.fileUnreadable, "cannot create the output file", path: outputFile)
        }
        return handle
    }

    /// Where the final response's body goes; with `-i` (text) the head is printed first.
    func destination(terminal: Terminal, file: FileHandle?) -> @Sendable (ResponseHead) -> ResponseSink.Destination {
        let include = include && format == .text
        let failing = fail
        let json = format == .json
        return { head in
            if failing && head.status >= 400 { return .discard }
            if include { terminal.write(Array(head.httpText.utf8)) }
            if let file { return .file(file) }
            return json ? .memory : .standardOutput(terminal)
        }
    }
}
