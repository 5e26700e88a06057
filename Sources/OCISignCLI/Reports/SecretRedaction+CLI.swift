import OCISigning
import OCISigningDiagnostics

extension SecretRedaction {
    /// A redaction of the secrets `raw` carries (its headers as written, parseable or not).
    init(of raw: RawHTTPRequest, disabled: Bool = false) {
        self.init(disabled: disabled)
        for header in raw.headers { addSecrets(ofHeader: header.name, value: header.valueText) }
    }

    /// A JSON value with every string redacted.
    func apply(_ value: JSONValue) -> JSONValue {
        guard !disabled else { return value }
        switch value {
        case .string(let text): return .string(apply(text))
        case .array(let items): return .array(items.map { apply($0) })
        case .object(let members): return .object(members.map { ($0.0, apply($0.1)) })
        default: return value
        }
    }
}
