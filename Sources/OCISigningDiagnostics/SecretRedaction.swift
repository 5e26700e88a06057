import HTTPTypes
import OCISigning

/// Removes secrets from diagnostic text: session-token bodies (`ST$<token>` keyIds, also inside
/// `Authorization`) and delegation tokens (`opc-obo-token`). `oci-sign dump`, `verify` and
/// `explain` run everything they print through it; a server logging a rejected request can too.
///
/// Works on the final text rather than on chosen fields, so a secret cannot leak through a
/// line someone adds later: every occurrence of a collected secret is replaced.
public struct SecretRedaction: Sendable {
    /// The collected secrets and what replaces each, longest first.
    public private(set) var secrets: [(secret: String, replacement: String)] = []
    /// Print everything verbatim (`oci-sign dump --show-secrets`).
    public let disabled: Bool

    /// A redaction with no secrets yet; `disabled` turns it into the identity.
    public init(disabled: Bool = false) { self.disabled = disabled }

    /// Registers a keyId: an `ST$` token body becomes a secret.
    public mutating func addKeyID(_ keyID: String) {
        guard keyID.hasPrefix("ST$"), keyID.utf8.count > 3 else { return }
        let marker = "…(session token, \(keyID.utf8.count - 3) chars, redacted; --show-secrets shows it)"
        // A token is replaced wherever it appears; a very short one only together with its
        // prefix, so redaction cannot garble unrelated text.
        if keyID.utf8.count - 3 >= 8 {
            add(String(keyID.dropFirst(3)), as: marker)
        } else {
            add(keyID, as: "ST$" + marker)
        }
    }

    /// Registers a secret value and the text shown in its place.
    public mutating func add(_ secret: String, as replacement: String) {
        guard !secret.isEmpty, !secrets.contains(where: { $0.secret == secret }) else { return }
        secrets.append((secret, replacement))
        secrets.sort { $0.secret.utf8.count > $1.secret.utf8.count }
    }

    /// Registers the secrets one header field may carry: an `ST$` keyId in an `Authorization`
    /// (even one that does not parse) or an `opc-obo-token` value. `name` in any case.
    public mutating func addSecrets(ofHeader name: String, value: String) {
        switch name.lowercased() {
        case HTTPField.Name.opcOboToken.canonicalName:
            add(value, as: "…(delegation token, \(value.utf8.count) bytes, redacted; --show-secrets shows it)")
        case HTTPField.Name.authorization.canonicalName:
            if let authorization = try? SignatureAuthorization(parsing: value) {
                addKeyID(authorization.keyID)
            } else if let range = value.firstRange(of: "keyId=\"ST$") {
                addKeyID("ST$" + value[range.upperBound...].prefix { $0 != "\"" })
            }
        default:
            break
        }
    }

    /// Registers the secrets of every field of `fields`.
    public mutating func addSecrets(of fields: HTTPFields) {
        for field in fields { addSecrets(ofHeader: field.name.canonicalName, value: field.value) }
    }

    /// The text with every registered secret replaced, then every `ST$…` run and JWT-shaped
    /// run, wherever it appears, whether or not it was registered.
    public func apply(_ text: String) -> String {
        guard !disabled else { return text }
        var out = text
        for (secret, replacement) in secrets { out = out.replacingAll(secret, with: replacement) }
        // Then by shape: a token in a header spelled in a way nothing above recognised.
        return TokenPatternRedaction.apply(out)
    }
}
