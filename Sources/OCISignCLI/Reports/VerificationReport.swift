import OCISigning
import OCISigningDiagnostics

/// The lines `oci-sign verify` prints for a verification result (before redaction).
struct VerificationReport {
    let result: VerificationResult
    /// The accepted clock difference in seconds.
    let window: Int64
    let file: String
    /// The exclude-body operation the request is, when it was verified as a body operation
    /// and failed on an unsigned body header.
    var excludeBodyOperation: String? = nil

    var lines: [String] {
        switch result {
        case .valid(let details): validLines(details)
        case .invalid(let failure): invalidLines(failure)
        }
    }

    func validLines(_ details: VerifiedRequest) -> [String] {
        let signedDate = details.components.first { $0.name == "x-date" } ?? details.components.first { $0.name == "date" }
        return [
            "valid: keyId=\(details.keyID)",
            "  signed headers: \(details.authorization.signedHeaders.joined(separator: " "))",
            "  \(signedDate?.name ?? "date"): \(signedDate?.value ?? details.date.imfFixdate) (\(SkewText.describe(details.skew, human: true)) the verifier's clock, window ±\(window) s)",
        ]
    }

    func invalidLines(_ failure: VerificationFailure) -> [String] {
        var out = ["invalid: \(failure.code): \(failure.description)"]
        if let excludeBodyOperation {
            out.append("  this is \(excludeBodyOperation): OCI does not sign its body; use --exclude-body")
        }
        if case .fingerprintMismatch = failure.reason {
            out.append("  the keyId names another key than the one given: OCI looks the key up by keyId; fix the keyId or give the key it names")
        }
        if let components = failure.components {
            out.append("  rebuilt signing string:")
            out += VisibleBytes.lines(Array(SignatureBase(components).signingString.utf8)).map { "    " + $0 }
        }
        if case .dateOutsideWindow(let skew, _) = failure.reason {
            out.append("  skew: the signed date is \(SkewText.describe(skew, human: true)) the verifier's clock")
            out.append("  everything else verified (signature, body, required headers): fix the clock, or pass --now / --max-skew for a recorded request")
        }
        if failure.reason == .badSignature {
            out.append("  hint: oci-sign explain --public-key PUB \(file)  tries the usual signer mistakes")
        }
        return out
    }
}

/// Human wording for a signed-date skew.
enum SkewText {
    /// `"equal to"`, `"301 s behind"`, `"266400 s (3 days 2 h) ahead of"` (with `human`).
    static func describe(_ skew: Int64, human: Bool = false) -> String {
        guard skew != 0 else { return "equal to" }
        let units = human ? humanUnits(skew.magnitude).map { " (\($0))" } ?? "" : ""
        return "\(skew.magnitude) s\(units) \(skew < 0 ? "behind" : "ahead of")"
    }

    /// The two largest non-zero units of `seconds` ("3 days 2 h", "5 min 1 s"); nil below a minute.
    static func humanUnits(_ seconds: UInt64) -> String? {
        guard seconds >= 60 else { return nil }
        let parts: [(UInt64, String)] = [
            (seconds / 86_400, seconds / 86_400 == 1 ? "day" : "days"), (seconds % 86_400 / 3600, "h"),
            (seconds % 3600 / 60, "min"), (seconds % 60, "s"),
        ]
        guard let first = parts.firstIndex(where: { $0.0 > 0 }) else { return nil }
        return parts[first...].prefix(2).filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }.joined(separator: " ")
    }
}
