import Foundation
import HTTPTypes
import OCISigning
import OCIRawRequest

/// Every stage of a signature, computed once and rendered as labelled text or one JSON object
/// (`oci-sign dump`). Secrets are removed from both renderings by ``SecretRedaction``.
struct SigningDump {
    /// A stage: a title and its fields in order. Text and JSON come from the same fields, so
    /// the two formats cannot drift apart.
    struct Stage {
        let key: String
        let title: String
        var fields: [(String, JSONValue)] = []
        var textLines: [String] = []
    }

    var stages: [Stage] = []
    var warnings: [String] = []
    var redaction: SecretRedaction

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

/// Builds a ``SigningDump`` from a raw request and, optionally, a signer.
enum SigningDumpBuilder {
    struct Input {
        var raw: RawHTTPRequest
        var file: String
        var signer: OCIRequestSigner?
        var keyFile: String?
        var options: SigningOptions
        var now: HTTPDate
        var showSecrets: Bool
    }

    static func build(_ input: Input) throws(OCISigningError) -> SigningDump {
        let raw = input.raw
        var redaction = SecretRedaction(disabled: input.showSecrets)
        redaction.addSecrets(of: raw)
        if let keyID = input.signer?.keyID { redaction.addKeyID(keyID) }
        var dump = SigningDump(redaction: redaction)

        let fileAuthorizationText = raw.values(of: "authorization").first.map { String(decoding: $0, as: UTF8.self) }
        var fileAuthorization: SignatureAuthorization?
        var fileAuthorizationError: String?
        if let text = fileAuthorizationText {
            do { fileAuthorization = try SignatureAuthorization(parsing: text) } catch { fileAuthorizationError = error.description }
        }

        // What was (or would be) signed.
        let components: [SignedComponent]
        var signed: SignedRequest?
        if let signer = input.signer {
            let result = try RawRequestSigning.sign(raw, with: signer, options: input.options)
            signed = result.signed
            components = result.signed.components
        } else if let fileAuthorization {
            let request = try raw.httpRequest()
            do {
                components = try OCIRequestVerifier.signingComponents(of: request, signedHeaders: fileAuthorization.signedHeaders)
            } catch {
                throw OCISigningError(.malformedRequest, VerificationFailure(error).description)
            }
        } else {
            throw OCISigningError(.invalidKey, fileAuthorizationError.map { "the file's Authorization cannot be read (\($0)) and no key was given: pass --key-file PEM --key-id KEYID" }
                ?? "the request is not signed and no key was given: pass --key-file PEM --key-id KEYID to sign it")
        }
        let mode = signed != nil ? "signed now with --key-file" : "rebuilt from the file's Authorization (no key given)"

        // 1. The request as parsed.
        var stage = SigningDump.Stage(key: "request", title: "request as parsed")
        stage.textLines.append("file: \(input.file)")
        stage.textLines.append("line 1: \(VisibleText.bytes(Array("\(raw.method) \(raw.target) \(raw.version)".utf8)))")
        var headerJSON: [JSONValue] = []
        for header in raw.headers {
            let visible = VisibleText.bytes(header.value)
            let marker = VisibleText.isPlain(header.value) ? "" : "   ← has non-printable or non-ASCII bytes"
            stage.textLines.append("line \(header.line): \(VisibleText.bytes(Array(header.name.utf8))): \(visible)\(marker)")
            headerJSON.append(.object([("line", .number(header.line)), ("name", .string(header.name)), ("value", .string(visible))]))
        }
        let lineEnding = raw.lineEnding == "\r\n" ? "CRLF" : "LF"
        let preview = Array(raw.body.prefix(256))
        stage.textLines.append("line endings: \(lineEnding)")
        stage.textLines.append("body: \(raw.body.count) bytes" + (raw.body.isEmpty ? "" : (raw.body.count > 256 ? ", first 256 shown" : "") + ": \(VisibleText.bytes(preview))"))
        stage.fields = [("file", .string(input.file)), ("method", .string(raw.method)), ("target", .string(raw.target)),
                        ("version", .string(raw.version)), ("headers", .array(headerJSON)), ("lineEndings", .string(lineEnding)),
                        ("bodyLength", .number(raw.body.count)), ("bodyPreview", .string(VisibleText.bytes(preview)))]
        dump.stages.append(stage)

        // 2. The request-target.
        let target = TargetInspection(raw.target)
        stage = SigningDump.Stage(key: "target", title: "request-target")
        stage.textLines.append("signed as: \(raw.method.lowercased()) \(raw.target)")
        stage.textLines.append("path: \(target.path)")
        stage.textLines.append("query: \(target.query ?? "(none)")")
        if target.flags.isEmpty { stage.textLines.append("flags: none (nothing clients commonly re-encode)") }
        for flag in target.flags { stage.textLines.append("flag at offset \(flag.offset): '\(flag.text)' — \(flag.note)") }
        if raw.method != raw.method.uppercased() {
            stage.textLines.append("flag: method '\(raw.method)' is not uppercase; the signing string always uses the lowercased method")
        }
        stage.fields = [("value", .string("\(raw.method.lowercased()) \(raw.target)")), ("path", .string(target.path)),
                        ("query", target.query.map { .string($0) } ?? .null),
                        ("flags", .array(target.flags.map { .object([("offset", .number($0.offset)), ("text", .string($0.text)), ("kind", .string($0.kind)), ("note", .string($0.note))]) }))]
        dump.stages.append(stage)

        // 3. The host.
        let hostValue = raw.values(of: "host").first.map { String(decoding: $0, as: UTF8.self) } ?? ""
        let host = HostInspection(hostValue)
        stage = SigningDump.Stage(key: "host", title: "host")
        stage.textLines.append("host: \(host.host)")
        stage.textLines.append("port: \(host.port ?? "none") — \(host.note)")
        stage.fields = [("value", .string(host.host)), ("name", .string(host.name)), ("port", host.port.map { .string($0) } ?? .null), ("note", .string(host.note))]
        dump.stages.append(stage)

        // 4. Signed headers.
        stage = SigningDump.Stage(key: "signedHeaders", title: "signed headers (\(mode))")
        let width = components.map(\.name.count).max() ?? 4
        for (index, component) in components.enumerated() {
            let name = component.name.padding(toLength: width, withPad: " ", startingAt: 0)
            let origin = component.origin.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
            stage.textLines.append("\(index + 1). \(name)  \(origin) \(VisibleText.bytes(Array(component.value.utf8)))")
        }
        stage.textLines.append("origins: given = from the request; derived = request line / Host; defaulted = filled in; computed = by the signer")
        stage.fields = [("headers", .array(components.map { .object([("name", .string($0.name)), ("value", .string($0.value)), ("origin", .string($0.origin.rawValue))]) }))]
        dump.stages.append(stage)

        // 5. The body.
        let digest = ContentDigest(bytes: raw.body)
        let isBodyMethod = ["POST", "PUT", "PATCH"].contains(raw.method.uppercased())
        let bodySigned = components.contains { $0.name == "x-content-sha256" }
        let bodyNote = !isBodyMethod ? "not signed: \(raw.method) signs no body headers"
            : bodySigned ? "signed: content-length, content-type and x-content-sha256 are in the signature"
            : "not signed: body headers excluded (PutObject, UploadPart, PutMessages… with --exclude-body)"
        stage = SigningDump.Stage(key: "body", title: "body")
        stage.textLines.append("length: \(digest.length) bytes")
        stage.textLines.append("sha256 (base64): \(digest.base64)")
        stage.textLines.append("sha256 (hex): \(digest.hex)")
        stage.textLines.append(bodyNote)
        for (name, expected) in [("content-length", String(digest.length)), ("x-content-sha256", digest.base64)] {
            if let given = raw.values(of: name).first.map({ String(decoding: $0, as: UTF8.self) }), given != expected {
                dump.warnings.append("the request's \(name) '\(given)' does not match the body (\(expected))")
            }
        }
        stage.fields = [("length", .number(digest.length)), ("sha256Base64", .string(digest.base64)), ("sha256Hex", .string(digest.hex)),
                        ("signed", .bool(bodySigned)), ("note", .string(bodyNote))]
        dump.stages.append(stage)

        // 6. The signing string.
        let signingString = components.map(\.line).joined(separator: "\n")
        let signingBytes = Array(signingString.utf8)
        let signingHash = ContentDigest(bytes: signingBytes)
        stage = SigningDump.Stage(key: "signingString", title: "signing string (line ends shown)")
        stage.textLines += VisibleText.lines(signingBytes)
        stage.textLines.append("\(signingBytes.count) bytes, sha256 (hex): \(signingHash.hex) — compare with the other side's")
        stage.fields = [("value", .string(signingString)), ("length", .number(signingBytes.count)), ("sha256Hex", .string(signingHash.hex))]
        dump.stages.append(stage)

        // 7. Signature and Authorization.
        stage = SigningDump.Stage(key: "signature", title: "signature and Authorization")
        if let signed {
            stage.textLines.append("signature (base64): \(signed.signatureBase64)")
            stage.textLines.append("authorization: \(signed.authorization)")
            stage.fields = [("signature", .string(signed.signatureBase64)), ("authorization", .string(signed.authorization))]
        }
        if let fileAuthorizationText {
            stage.textLines.append("authorization in file: \(fileAuthorizationText)")
            stage.fields.append(("fileAuthorization", .string(fileAuthorizationText)))
            if let fileAuthorization {
                stage.textLines.append("  parameter order: \(fileAuthorization.parameterOrder.joined(separator: ", "))")
                stage.textLines.append("  headers: \(fileAuthorization.signedHeaders.joined(separator: " "))")
                stage.fields.append(("fileParameterOrder", .array(fileAuthorization.parameterOrder.map { .string($0) })))
                if let signed {
                    let same = fileAuthorization.signature == signed.signature
                    let verdict = same ? "same signature as computed now"
                        : "differs from the signature computed now (run 'oci-sign explain --key-file PEM \(input.file)' to find out why)"
                    stage.textLines.append("  \(verdict)")
                    stage.fields.append(("fileSignatureMatches", .bool(same)))
                    if !same { dump.warnings.append("the file's signature differs from the one computed with --key-file") }
                }
            } else if let fileAuthorizationError {
                stage.textLines.append("  cannot be parsed: \(fileAuthorizationError)")
                stage.fields.append(("fileAuthorizationError", .string(fileAuthorizationError)))
            }
        }
        dump.stages.append(stage)

        // 8. Credentials.
        stage = SigningDump.Stage(key: "credentials", title: "credentials")
        let keyID = signed?.keyID ?? fileAuthorization?.keyID ?? ""
        stage.textLines.append("keyId: \(keyID)")
        stage.fields.append(("keyId", .string(keyID)))
        let keyIDFingerprint = Self.fingerprint(inKeyID: keyID)
        if keyID.hasPrefix("ST$") {
            stage.textLines.append("keyId kind: session token (ST$…); no fingerprint in it")
        } else {
            stage.textLines.append("fingerprint in keyId: \(keyIDFingerprint ?? "none found (expected <tenancy OCID>/<user OCID>/<aa:bb:…>)")")
        }
        stage.fields.append(("keyIdFingerprint", keyIDFingerprint.map { .string($0) } ?? .null))
        if let signer = input.signer {
            let key = signer.privateKey
            let fingerprint = try key.fingerprint
            stage.textLines.append("key file: \(input.keyFile ?? "-") (\(Self.keyKind(input.keyFile)))")
            stage.textLines.append("key size: \(key.bits) bits" + (key.bits < 2048 ? " — below OCI's 2048-bit minimum for uploaded keys" : ""))
            stage.textLines.append("fingerprint computed from key: \(fingerprint)")
            stage.fields += [("keyFile", .string(input.keyFile ?? "")), ("keyKind", .string(Self.keyKind(input.keyFile))),
                             ("keyBits", .number(key.bits)), ("computedFingerprint", .string(fingerprint))]
            if let keyIDFingerprint {
                let match = keyIDFingerprint == fingerprint
                stage.textLines.append(match ? "fingerprints: MATCH" : "fingerprints: MISMATCH — the keyId names a different key than --key-file; OCI looks the key up by keyId")
                stage.fields.append(("fingerprintMatch", .bool(match)))
                if !match { dump.warnings.append("fingerprint in keyId (\(keyIDFingerprint)) differs from the key's (\(fingerprint))") }
            }
        } else {
            stage.textLines.append("key: none given (pass --key-file to compare fingerprints)")
        }
        dump.stages.append(stage)

        // 9. The clock.
        stage = SigningDump.Stage(key: "clock", title: "date and clock")
        let dateComponent = components.first { $0.name == "x-date" } ?? components.first { $0.name == "date" }
        stage.textLines.append("local clock: \(input.now.imfFixdate)")
        stage.fields.append(("localClock", .string(input.now.imfFixdate)))
        if let dateComponent {
            stage.textLines.append("signed \(dateComponent.name): \(dateComponent.value) (\(dateComponent.origin.rawValue))")
            stage.fields += [("signedHeader", .string(dateComponent.name)), ("signedDate", .string(dateComponent.value))]
            if let date = try? HTTPDate(imfFixdate: dateComponent.value) {
                let skew = date.secondsSince1970 - input.now.secondsSince1970
                let inside = skew.magnitude <= 300
                stage.textLines.append("skew: signed date is \(SkewText.describe(skew)) the local clock — \(inside ? "inside" : "OUTSIDE") OCI's ±300 s window")
                stage.fields += [("skewSeconds", .number(Int(skew))), ("insideWindow", .bool(inside))]
                if !inside { dump.warnings.append("the signed \(dateComponent.name) is \(skew.magnitude) s away from the local clock; OCI answers 401 beyond 300 s (check the clock: curl -s --head https://<endpoint> | grep -i date)") }
                let canonical = HTTPDate(secondsSince1970: date.secondsSince1970).imfFixdate
                if canonical != dateComponent.value {
                    stage.textLines.append("note: the weekday or form differs from the canonical '\(canonical)'; it is signed verbatim")
                }
            } else {
                stage.textLines.append("the signed date is not an IMF-fixdate")
                dump.warnings.append("the signed \(dateComponent.name) '\(dateComponent.value)' is not an IMF-fixdate like 'Thu, 05 Jan 2014 21:31:40 GMT'")
            }
        } else {
            stage.textLines.append("neither date nor x-date is signed")
            dump.warnings.append("neither date nor x-date is signed; OCI requires one")
        }
        dump.stages.append(stage)
        return dump
    }

    /// The last `/`-separated part of a keyId when it looks like an MD5 fingerprint.
    static func fingerprint(inKeyID keyID: String) -> String? {
        guard let last = keyID.split(separator: "/").last else { return nil }
        let parts = last.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 16, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isHexDigit) }) else { return nil }
        return String(last)
    }

    /// The PEM label of a key file (read only up to the BEGIN line; key material is never read
    /// into the output).
    static func keyKind(_ path: String?) -> String {
        guard let path, let data = FileManager.default.contents(atPath: path) else { return "unknown" }
        let text = String(decoding: data, as: UTF8.self)
        if text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") { return "PKCS#8, encrypted" }
        if text.contains("-----BEGIN RSA PRIVATE KEY-----") { return text.contains("Proc-Type: 4,ENCRYPTED") ? "PKCS#1, legacy encrypted" : "PKCS#1" }
        if text.contains("-----BEGIN PRIVATE KEY-----") { return "PKCS#8" }
        return "unknown PEM"
    }
}
