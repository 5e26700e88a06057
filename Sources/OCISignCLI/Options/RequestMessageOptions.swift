import ArgumentParser
import Foundation
import HTTPTypes
import OCISigning

/// What `oci-sign request` sends: method, headers, body, and whether the body is signed.
public struct RequestMessageOptions: ParsableArguments, Sendable {
    /// The method (default GET; POST with a body; PUT with `-T`).
    @Option(name: [.customShort("X"), .customLong("request")], help: ArgumentHelp("Method (default: GET, POST with -d/--data-binary, PUT with -T).", valueName: "METHOD"))
    public var method: String?

    /// Extra header lines.
    @Option(name: [.customShort("H"), .customLong("header")], help: ArgumentHelp("A header line 'Name: value' (repeatable). Content-Type defaults to application/json for a body.", valueName: "HEADER"))
    public var headers: [String] = []

    /// `-d DATA`, `-d @FILE`, `-d @-`.
    @Option(name: [.customShort("d"), .customLong("data")], help: ArgumentHelp("Body DATA as given; @FILE or @- reads a file or standard input with CR and LF removed, as curl does.", valueName: "DATA"))
    public var data: [String] = []

    /// `--data-binary DATA`, `--data-binary @FILE` (streamed), `--data-binary @-`.
    @Option(name: .customLong("data-binary"), help: ArgumentHelp("Body sent byte for byte; @FILE streams the file, @- reads standard input.", valueName: "DATA"))
    public var dataBinary: [String] = []

    /// `-T FILE`: the file streamed as the body.
    @Option(name: [.customShort("T"), .customLong("upload-file")], help: ArgumentHelp("Stream FILE as the body (never loaded whole); '-' reads standard input.", valueName: "FILE"))
    public var uploadFile: String?

    /// Force an exclude-body signature.
    @Flag(name: .customLong("exclude-body"), help: "Sign without the body headers (automatic for PutObject, UploadPart, PutMessages).")
    public var excludeBody = false

    /// Force the body headers into the signature.
    @Flag(name: .customLong("sign-body"), help: "Sign the body headers even for an operation recognised as exclude-body.")
    public var signBody = false

    /// The service whose regional endpoint a PATH is joined to.
    @Option(name: .customLong("service"), help: ArgumentHelp("Service endpoint prefix for a PATH, e.g. iaas, objectstorage, identity (with --region).", valueName: "SERVICE"))
    public var service: String?

    /// Creates the options with their defaults (argument parsing fills them in).
    public init() {}

    /// The body from `-d`, `--data-binary` or `-T`.
    func payload(terminal: Terminal) throws(OCISigningError) -> RequestPayload {
        try RequestPayload.parse(data: data, dataBinary: dataBinary, uploadFile: uploadFile, terminal: terminal)
    }

    /// The `-H` lines as name and value (surrounding blanks of the value dropped).
    func parsedHeaders() throws(OCISigningError) -> [(name: String, value: String)] {
        var out: [(name: String, value: String)] = []
        for line in headers {
            guard let colon = line.firstIndex(of: ":") else {
                throw .usage("-H '\(line)' is not 'Name: value'")
            }
            let name = String(line[..<colon])
            guard !name.isEmpty, name.utf8.allSatisfy(HTTPToken.isTokenByte) else {
                throw .usage("-H '\(line)': '\(name)' is not a header name")
            }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
            out.append((name, value))
        }
        return out
    }

    /// Whether the body is left out of the signature: `--exclude-body`, `--sign-body`, or the
    /// operation recognised from method and path.
    func excludesBody(method: String, url: URL) throws(OCISigningError) -> Bool {
        if excludeBody && signBody { throw .usage("--exclude-body and --sign-body are alternatives: give one") }
        if excludeBody { return true }
        if signBody { return false }
        return Self.operation(method: method, url: url) != nil
    }

    /// The exclude-body operation `method` and `url` are, if any.
    static func operation(method: String, url: URL) -> OCIExcludeBodyOperation? {
        guard let method = HTTPRequest.Method(method),
              let path = URLComponents(url: url, resolvingAgainstBaseURL: true)?.percentEncodedPath else { return nil }
        return OCIExcludeBodyOperation.matching(method: method, path: path)
    }
}
