import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import OCISigning
import OCISigningDiagnostics
import OCISigningFoundation

/// `oci-sign request -v`: what was sent and signed, then what came back, on standard error in
/// curl's notation (`>` sent, `<` received, `*` notes). Session and delegation tokens are
/// redacted; the signature itself is not secret and is shown whole.
struct VerboseTrace: Sendable {
    let terminal: Terminal
    var enabled: Bool
    private(set) var redaction = SecretRedaction()

    init(terminal: Terminal, enabled: Bool) {
        self.terminal = terminal
        self.enabled = enabled
    }

    /// Registers the secrets a signed request carries (also used for non-verbose messages).
    mutating func register(_ signed: SignedURLRequest) {
        redaction.addKeyID(signed.signed.keyID)
        redaction.addSecrets(of: signed.signed.request.headerFields)
    }

    func note(_ line: String) {
        guard enabled else { return }
        terminal.error(redaction.apply("* " + line))
    }

    /// The request line, the headers set on the URLRequest, and the signing string.
    func request(_ signed: SignedURLRequest, attempt: Int, payload: RequestPayload, excludeBody: Bool) {
        guard enabled else { return }
        var lines = ["* attempt \(attempt)"]
        let method = signed.urlRequest.httpMethod ?? "GET"
        lines.append("> \(method) \(signed.wire.target) HTTP/1.1")
        lines.append("> host: \(signed.wire.authority)")
        for field in signed.signed.request.headerFields {
            lines.append("> \(field.name.canonicalName): \(field.value)")
        }
        lines.append(">")
        lines.append("* (URLSession adds its own User-Agent, Accept and Accept-Encoding headers; none is signed)")
        lines.append("* signing string (line ends shown):")
        lines += VisibleBytes.lines(Array(signed.signed.signingString.utf8)).map { "*   " + $0 }
        lines.append("* body: " + Self.describe(payload, excludeBody: excludeBody))
        terminal.error(redaction.apply(lines.joined(separator: "\n")))
    }

    /// The response's status and headers.
    func response(_ head: ResponseHead) {
        guard enabled else { return }
        var lines = ["< " + head.statusLine]
        for field in head.headers { lines.append("< \(field.name): \(field.value)") }
        lines.append("<")
        terminal.error(redaction.apply(lines.joined(separator: "\n")))
    }

    static func describe(_ payload: RequestPayload, excludeBody: Bool) -> String {
        let what: String
        switch payload {
        case .none: what = "none"
        case .bytes(let bytes): what = "\(bytes.count) bytes in memory"
        case .file(let path): what = "the file \(path), streamed"
        }
        return what + (excludeBody ? ", not signed (exclude-body)" : "")
    }
}
