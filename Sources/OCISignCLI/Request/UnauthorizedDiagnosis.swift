import Foundation
import OCISigning

/// The paragraph `oci-sign request` prints after a `401`, from what it knows locally: the
/// signed date against the response's `Date`, the key id's fingerprint against the key's,
/// OCI's error body and `opc-request-id`, and whether the body was signed.
struct UnauthorizedDiagnosis {
    var signedDate: HTTPDate
    var responseDate: String?
    var keyID: String
    var key: OCIPrivateKey
    var body: [UInt8]
    var requestID: String?
    /// The exclude-body operation the request was recognised as, when its body was signed anyway.
    var signedBodyOf: OCIExcludeBodyOperation?
    /// The accepted clock difference (OCI: 300 s).
    var maxSkew: Int64 = VerificationOptions.defaultMaxClockSkew

    /// One paragraph: OCI's words, the likely cause, what was checked and what could not be.
    var paragraph: String {
        var sentences: [String] = []
        let (code, message) = Self.errorBody(body)
        var opening = "401 \(code ?? "")".trimmingCharacters(in: .whitespaces)
        if let message { opening += ": \"\(message)\"" }
        if let requestID { opening += " (opc-request-id \(requestID))" }
        sentences.append(opening + ".")
        let (cause, checked) = likelyCause()
        sentences.append("Likely cause: " + cause + ".")
        sentences.append("Checked locally: " + checked.joined(separator: "; ") + ".")
        if !keyID.hasPrefix("ST$") {
            sentences.append("Not checkable here: whether OCI holds this public key for the user in the key id (Console > API Keys), and the user's policies.")
        }
        return sentences.joined(separator: " ")
    }

    private func likelyCause() -> (String, [String]) {
        var checked: [String] = []
        var cause: String?
        if let skew = skewSeconds() {
            let direction = skew > 0 ? "ahead of" : "behind"
            checked.append("the server's Date is \(abs(skew)) s \(direction) the signed date (accepted: ±\(maxSkew) s)")
            if abs(skew) > maxSkew {
                cause = "clock skew: this request was signed for \(signedDate.imfFixdate) but the server's clock says \(responseDate ?? ""), \(abs(skew)) s off; synchronise the local clock (timedatectl, chronyc tracking)"
            }
        } else {
            checked.append(responseDate == nil ? "no Date in the response, so the clock was not compared" : "the response's Date '\(responseDate!)' is not an IMF-fixdate, so the clock was not compared")
        }
        if keyID.hasPrefix("ST$") {
            checked.append("the key id is a session token (expired or revoked tokens are refused: oci session refresh)")
        } else if let mismatch = try? KeyIDFingerprint.mismatch(keyID: keyID, key: key) {
            checked.append("key id fingerprint: does not match the key")
            cause = cause ?? mismatch
        } else {
            checked.append("the key id's fingerprint is the key's")
        }
        if let operation = signedBodyOf {
            checked.append("the body was signed although this is \(operation.name)")
            cause = cause ?? "this is \(operation.name): OCI does not sign its body, and a signature over the body headers is refused; drop --sign-body"
        }
        return (cause ?? "none of the local checks failed: the key is probably not the one OCI has for this key id (not uploaded, another user or tenancy), or a proxy changed the request (compare with oci-sign verify)", checked)
    }

    /// The server's `Date` minus the signed date, when the response has a readable one.
    private func skewSeconds() -> Int64? {
        guard let text = responseDate, let date = try? HTTPDate(imfFixdate: text) else { return nil }
        return date.secondsSince1970 - signedDate.secondsSince1970
    }

    /// `code` and `message` of an OCI error body (`{"code": "...", "message": "..."}`).
    static func errorBody(_ body: [UInt8]) -> (code: String?, message: String?) {
        guard !body.isEmpty, let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            return (nil, nil)
        }
        return (object["code"] as? String, object["message"] as? String)
    }
}
