import OCISigningDiagnostics

/// Every stage of a signature, computed once and rendered as labelled text or one JSON object
/// (`oci-sign dump`). Secrets are removed from both renderings by ``SecretRedaction``.
struct SigningDump {
    /// A stage: a title and its fields in order. Text and JSON come from the same stage, so
    /// the two formats cannot drift apart.
    struct Stage {
        let key: String
        let title: String
        var fields: [(String, JSONValue)] = []
        var textLines: [String] = []
        /// Problems this stage found, listed together after the last stage.
        var warnings: [String] = []
    }

    var stages: [Stage] = []
    var redaction: SecretRedaction

    /// The warnings of every stage, in stage order.
    var warnings: [String] { stages.flatMap(\.warnings) }

    /// Plain text: numbered, labelled stages.
    var text: String {
        var out: [String] = []
        for (index, stage) in stages.enumerated() {
            out.append("== \(index + 1). \(stage.title) ==")
            out += stage.textLines.map { "  " + $0 }
        }
        if !warnings.isEmpty {
            out.append("== warnings ==")
            out += warnings.map { "  WARNING: " + $0 }
        }
        return redaction.apply(out.joined(separator: "\n"))
    }

    /// One JSON object, one member per stage.
    var json: JSONValue {
        var members = stages.map { ($0.key, JSONValue.object($0.fields)) }
        members.append(("warnings", .array(warnings.map { .string($0) })))
        return redaction.apply(.object(members))
    }
}
