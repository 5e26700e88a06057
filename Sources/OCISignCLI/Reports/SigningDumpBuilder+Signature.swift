import OCISigning
import OCISigningDiagnostics

/// Stages 6–9: what was signed, by which key, at what time.
extension SigningDumpBuilder {
    /// 6. The signing string, line ends shown, and its hash to compare with the other side's.
    func signingStringStage() -> SigningDump.Stage {
        let signingString = base.signingString
        let bytes = Array(signingString.utf8)
        let hash = ContentDigest(bytes: bytes)
        var stage = SigningDump.Stage(key: "signingString", title: "signing string (line ends shown)")
        stage.textLines += VisibleBytes.lines(bytes)
        stage.textLines.append("\(bytes.count) bytes, sha256 (hex): \(hash.hex) — compare with the other side's")
        stage.fields = [("value", .string(signingString)), ("length", .number(bytes.count)), ("sha256Hex", .string(hash.hex))]
        return stage
    }

    /// 7. The signature made now and the file's Authorization.
    func signatureStage() -> SigningDump.Stage {
        var stage = SigningDump.Stage(key: "signature", title: "signature and Authorization")
        if let signed {
            stage.textLines.append("signature (base64): \(signed.signatureBase64)")
            stage.textLines.append("authorization: \(signed.authorization)")
            stage.fields = [("signature", .string(signed.signatureBase64)), ("authorization", .string(signed.authorization))]
        }
        guard let text = fileAuthorization.text else { return stage }
        stage.textLines.append("authorization in file: \(text)")
        stage.fields.append(("fileAuthorization", .string(text)))
        if let parsed = fileAuthorization.parsed {
            stage.textLines.append("  parameter order: \(parsed.parameterOrder.joined(separator: ", "))")
            stage.textLines.append("  headers: \(parsed.signedHeaders.joined(separator: " "))")
            stage.fields.append(("fileParameterOrder", .array(parsed.parameterOrder.map { .string($0) })))
            if let signed { compare(parsed, with: signed, into: &stage) }
        } else if let error = fileAuthorization.error {
            stage.textLines.append("  cannot be parsed: \(error)")
            stage.fields.append(("fileAuthorizationError", .string(error)))
        }
        return stage
    }

    /// Whether the file's signature is the one computed now.
    func compare(_ file: SignatureAuthorization, with signed: SignedRequest, into stage: inout SigningDump.Stage) {
        let same = file.signature == signed.signature
        let verdict = same ? "same signature as computed now"
            : "differs from the signature computed now (run 'oci-sign explain --key-file PEM \(input.file)' to find out why)"
        stage.textLines.append("  \(verdict)")
        stage.fields.append(("fileSignatureMatches", .bool(same)))
        if !same { stage.warnings.append("the file's signature differs from the one computed with --key-file") }
    }

    /// 8. The keyId, the key and whether their fingerprints agree.
    func credentialsStage() throws(OCISigningError) -> SigningDump.Stage {
        var stage = SigningDump.Stage(key: "credentials", title: "credentials")
        let keyID = signed?.keyID ?? fileAuthorization.parsed?.keyID ?? ""
        let named = KeyIDFingerprint.of(keyID)
        stage.textLines.append("keyId: \(keyID)")
        stage.fields.append(("keyId", .string(keyID)))
        if keyID.hasPrefix("ST$") {
            stage.textLines.append("keyId kind: session token (ST$…); no fingerprint in it")
        } else {
            stage.textLines.append("fingerprint in keyId: \(named ?? "none found (expected <tenancy OCID>/<user OCID>/<aa:bb:…>)")")
        }
        stage.fields.append(("keyIdFingerprint", named.map { .string($0) } ?? .null))
        guard let key = input.signer?.privateKey else {
            stage.textLines.append("key: none given (pass --key-file to compare fingerprints)")
            return stage
        }
        let fingerprint = try key.fingerprint
        let kind = Self.keyKind(input.keyFile)
        stage.textLines.append("key file: \(input.keyFile ?? "-") (\(kind))")
        stage.textLines.append("key size: \(key.bits) bits" + (key.bits < 2048 ? " — below OCI's 2048-bit minimum for uploaded keys" : ""))
        stage.textLines.append("fingerprint computed from key: \(fingerprint)")
        stage.fields += [("keyFile", .string(input.keyFile ?? "")), ("keyKind", .string(kind)),
                         ("keyBits", .number(key.bits)), ("computedFingerprint", .string(fingerprint))]
        if let named {
            let match = named == fingerprint
            stage.textLines.append(match ? "fingerprints: MATCH" : "fingerprints: MISMATCH — the keyId names a different key than --key-file; OCI looks the key up by keyId")
            stage.fields.append(("fingerprintMatch", .bool(match)))
            if !match { stage.warnings.append("fingerprint in keyId (\(named)) differs from the key's (\(fingerprint))") }
        }
        return stage
    }

    /// 9. The signed date against the local clock and the verifier's window.
    func clockStage() -> SigningDump.Stage {
        var stage = SigningDump.Stage(key: "clock", title: "date and clock")
        stage.textLines.append("local clock: \(input.now.imfFixdate)")
        stage.fields.append(("localClock", .string(input.now.imfFixdate)))
        guard let date = dateComponent else {
            stage.textLines.append("neither date nor x-date is signed")
            stage.warnings.append("neither date nor x-date is signed; OCI requires one")
            return stage
        }
        stage.textLines.append("signed \(date.name): \(date.value) (\(date.origin.rawValue))")
        stage.fields += [("signedHeader", .string(date.name)), ("signedDate", .string(date.value))]
        guard let parsed = try? HTTPDate(imfFixdate: date.value) else {
            stage.textLines.append("the signed date is not an IMF-fixdate")
            stage.warnings.append("the signed \(date.name) '\(OCIDisplayText.clipped(date.value))' is not an IMF-fixdate like 'Thu, 05 Jan 2014 21:31:40 GMT'")
            return stage
        }
        let skew = parsed.secondsSince1970 - input.now.secondsSince1970
        let inside = skew.magnitude <= input.window
        let windowName = input.window == VerificationOptions.defaultMaxClockSkew ? "OCI's ±\(input.window) s window" : "the ±\(input.window) s window"
        stage.textLines.append("skew: signed date is \(SkewText.describe(skew)) the local clock — \(inside ? "inside" : "OUTSIDE") \(windowName)")
        stage.fields += [("skewSeconds", .number(Int(skew))), ("insideWindow", .bool(inside))]
        if !inside {
            stage.warnings.append("the signed \(date.name) is \(skew.magnitude) s away from the local clock; OCI answers 401 beyond \(VerificationOptions.defaultMaxClockSkew) s (check the clock: curl -s --head https://<endpoint> | grep -i date)")
        }
        let canonical = HTTPDate(secondsSince1970: parsed.secondsSince1970).imfFixdate
        if canonical != date.value {
            stage.textLines.append("note: the weekday or form differs from the canonical '\(canonical)'; it is signed verbatim")
        }
        return stage
    }
}
