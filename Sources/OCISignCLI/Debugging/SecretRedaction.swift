import Foundation
import OCISigning
import OCIRawRequest

/// Removes secrets from everything `oci-sign dump` / `explain` print: session-token bodies
/// (`ST$<token>` keyIds, also inside `Authorization`) and delegation tokens (`opc-obo-token`).
///
/// Works on the final text rather than on chosen fields, so a secret cannot leak through a
/// stage someone adds later: every occurrence of a collected secret is replaced.
struct SecretRedaction: Sendable {
    private(set) var secrets: [(secret: String, replacement: String)] = []
    /// `--show-secrets`: print everything verbatim.
    let disabled: Bool

    init(disabled: Bool) { self.disabled = disabled }

    /// Registers a keyId: an `ST$` token body becomes a secret.
    mutating func addKeyID(_ keyID: String) {
        guard keyID.hasPrefix("ST$"), keyID.utf8.count > 3 else { return }
        let marker = "…(session token, \(keyID.utf8.count - 3) chars, redacted; --show-secrets shows it)"
        // A token is replaced wherever it appears; a very short one only together with its
        // prefix, so redaction cannot garble unrelated text.
        if keyID.utf8.count - 3 >= 8 { add(String(keyID.dropFirst(3)), as: marker) } else { add(keyID, as: "ST$" + marker) }
    }

    /// Registers a secret value (a delegation token, …).
    mutating func add(_ secret: String, as replacement: String) {
        guard !secret.isEmpty, !secrets.contains(where: { $0.secret == secret }) else { return }
        secrets.append((secret, replacement))
        secrets.sort { $0.secret.utf8.count > $1.secret.utf8.count }  // longest first
    }

    /// Registers the secrets a raw request carries: `ST$` keyIds in any `Authorization` and
    /// `opc-obo-token` values.
    mutating func addSecrets(of raw: RawHTTPRequest) {
        for header in raw.headers {
            switch header.name.lowercased() {
            case "opc-obo-token":
                add(header.valueText, as: "…(delegation token, \(header.value.count) bytes, redacted; --show-secrets shows it)")
            case "authorization":
                if let auth = try? SignatureAuthorization(parsing: header.valueText) { addKeyID(auth.keyID) }
                else if let range = header.valueText.range(of: "keyId=\"ST$") {
                    let rest = header.valueText[range.upperBound...]
                    addKeyID("ST$" + rest.prefix { $0 != "\"" })
                }
            default: break
            }
        }
    }

    /// The text with every registered secret replaced.
    func apply(_ text: String) -> String {
        guard !disabled else { return text }
        var out = text
        for (secret, replacement) in secrets { out = out.replacingAll(secret, with: replacement) }
        return out
    }

    /// A JSON value with every string redacted.
    func apply(_ value: JSONValue) -> JSONValue {
        guard !disabled else { return value }
        switch value {
        case .string(let s): return .string(apply(s))
        case .array(let items): return .array(items.map { apply($0) })
        case .object(let members): return .object(members.map { ($0.0, apply($0.1)) })
        default: return value
        }
    }
}

extension String {
    /// Replaces every occurrence of `target`.
    func replacingAll(_ target: String, with replacement: String) -> String {
        target.isEmpty ? self : replacingOccurrences(of: target, with: replacement)
    }
}
