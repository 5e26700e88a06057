import Foundation
import HTTPTypes
import OCISigning
import OCISigningDiagnostics

/// Stages 1–5: what the request holds.
extension SigningDumpBuilder {
    /// 1. The request as parsed, every byte visible.
    func requestStage() -> SigningDump.Stage {
        var stage = SigningDump.Stage(key: "request", title: "request as parsed")
        stage.textLines.append("file: \(input.file)")
        stage.textLines.append("line 1: \(VisibleBytes.escaped(Array("\(raw.method) \(raw.target) \(raw.version)".utf8)))")
        var headerJSON: [JSONValue] = []
        for header in raw.headers {
            let visible = VisibleBytes.escaped(header.value)
            let marker = VisibleBytes.isPlain(header.value) ? "" : "   ← has non-printable or non-ASCII bytes"
            stage.textLines.append("line \(header.line): \(VisibleBytes.escaped(Array(header.name.utf8))): \(visible)\(marker)")
            headerJSON.append(.object([("line", .number(header.line)), ("name", .string(header.name)), ("value", .string(visible))]))
        }
        let lineEnding = raw.lineEnding == "\r\n" ? "CRLF" : "LF"
        let preview = VisibleBytes.escaped(raw.body.prefix(256))
        stage.textLines.append("line endings: \(lineEnding)")
        let shown = raw.body.isEmpty ? "" : (raw.body.count > 256 ? ", first 256 shown" : "") + ": \(preview)"
        stage.textLines.append("body: \(raw.body.count) bytes" + shown)
        stage.fields = [("file", .string(input.file)), ("method", .string(raw.method)), ("target", .string(raw.target)),
                        ("version", .string(raw.version)), ("headers", .array(headerJSON)), ("lineEndings", .string(lineEnding)),
                        ("bodyLength", .number(raw.body.count)), ("bodyPreview", .string(preview))]
        return stage
    }

    /// 2. The request-target and the bytes clients re-encode.
    func targetStage() -> SigningDump.Stage {
        let target = TargetInspection(raw.target)
        let signedAs = "\(raw.method.lowercased()) \(raw.target)"
        var stage = SigningDump.Stage(key: "target", title: "request-target")
        stage.textLines.append("signed as: \(signedAs)")
        stage.textLines.append("path: \(target.path)")
        stage.textLines.append("query: \(target.query ?? "(none)")")
        if target.flags.isEmpty { stage.textLines.append("flags: none (nothing clients commonly re-encode)") }
        for flag in target.flags { stage.textLines.append("flag at offset \(flag.offset): '\(flag.text)' — \(flag.note)") }
        if raw.method != raw.method.uppercased() {
            stage.textLines.append("flag: method '\(raw.method)' is not uppercase; the signing string always uses the lowercased method")
        }
        let flags = target.flags.map { flag in
            JSONValue.object([("offset", .number(flag.offset)), ("text", .string(flag.text)), ("kind", .string(flag.kind)), ("note", .string(flag.note))])
        }
        stage.fields = [("value", .string(signedAs)), ("path", .string(target.path)),
                        ("query", target.query.map { .string($0) } ?? .null), ("flags", .array(flags))]
        return stage
    }

    /// 3. The host and its port.
    func hostStage() -> SigningDump.Stage {
        let host = HostInspection(headerText("host") ?? "")
        var stage = SigningDump.Stage(key: "host", title: "host")
        stage.textLines.append("host: \(host.host)")
        stage.textLines.append("port: \(host.port ?? "none") — \(host.note)")
        stage.fields = [("value", .string(host.host)), ("name", .string(host.name)), ("port", host.port.map { .string($0) } ?? .null),
                        ("note", .string(host.note))]
        return stage
    }

    /// 4. Each signed line with its origin.
    func signedHeadersStage() -> SigningDump.Stage {
        let mode = signed != nil ? "signed now with --key-file" : "rebuilt from the file's Authorization (no key given)"
        var stage = SigningDump.Stage(key: "signedHeaders", title: "signed headers (\(mode))")
        let width = base.components.map(\.name.count).max() ?? 4
        for (index, component) in base.components.enumerated() {
            let name = component.name.padding(toLength: width, withPad: " ", startingAt: 0)
            let origin = component.origin.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
            stage.textLines.append("\(index + 1). \(name)  \(origin) \(VisibleBytes.escaped(Array(component.value.utf8)))")
        }
        stage.textLines.append("origins: given = from the request; derived = request line / Host; defaulted = filled in; computed = by the signer")
        let lines = base.components.map { JSONValue.object([("name", .string($0.name)), ("value", .string($0.value)), ("origin", .string($0.origin.rawValue))]) }
        stage.fields = [("headers", .array(lines))]
        return stage
    }

    /// 5. The body, its digest and whether the body headers are signed.
    func bodyStage() -> SigningDump.Stage {
        let digest = ContentDigest(bytes: raw.body)
        let note = !isBodyMethod ? "not signed: \(raw.method) signs no body headers"
            : bodySigned ? "signed: \(SigningPolicy.bodyHeaders.joined(separator: ", ").replacingLast(", ", with: " and ")) are in the signature"
            : "not signed: body headers excluded (PutObject, UploadPart, PutMessages… with --exclude-body)"
        var stage = SigningDump.Stage(key: "body", title: "body")
        stage.textLines += ["length: \(digest.length) bytes", "sha256 (base64): \(digest.base64)", "sha256 (hex): \(digest.hex)", note]
        for (name, expected) in [("content-length", String(digest.length)), (HTTPField.Name.xContentSHA256.canonicalName, digest.base64)] {
            if let given = headerText(name), given != expected {
                stage.warnings.append("the request's \(name) '\(given)' does not match the body (\(expected))")
            }
        }
        stage.fields = [("length", .number(digest.length)), ("sha256Base64", .string(digest.base64)), ("sha256Hex", .string(digest.hex)),
                        ("signed", .bool(bodySigned)), ("note", .string(note))]
        return stage
    }
}

extension String {
    /// The text with the last occurrence of `separator` replaced (for "a, b and c").
    func replacingLast(_ separator: String, with replacement: String) -> String {
        guard let range = range(of: separator, options: .backwards) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
