/// Why a request's signature was not accepted, with what the verifier rebuilt so a human (or
/// `oci-sign explain`) can see what the signature was checked against.
public struct VerificationFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of failure, in the order the verifier checks them.
    public enum Reason: Sendable, Hashable {
        /// The request has more header fields or header bytes than ``OCIHeaderLimits`` allows
        /// (checked first, before anything is parsed).
        case tooManyHeaders(OCISigningError)
        /// The request has no `Authorization` header.
        case missingAuthorization
        /// The request has more than one `Authorization` header.
        case duplicateAuthorization
        /// The `Authorization` value cannot be parsed.
        case malformedAuthorization(SignatureAuthorization.ParseError)
        /// The method is not one OCI signs.
        case unsupportedMethod(String)
        /// The request-target holds what ``OCIRequestSigner`` refuses to sign (a space, control
        /// or non-ASCII byte, a character RFC 3986 does not allow, a `%` without two hex digits,
        /// a fragment): HTTP stacks rewrite such targets, so no signer could have meant it.
        case invalidTarget(OCISigningError)
        /// A header OCI requires for this method is not listed in `headers=`
        /// (`"date"` stands for "date or x-date").
        case missingSignedHeader(String)
        /// A header listed in `headers=` is not in the request.
        case missingHeader(String)
        /// A header listed in `headers=` occurs more than once in the request.
        case duplicateHeader(String)
        /// A signed value holds a control or non-ASCII byte.
        case invalidHeaderValue(String)
        /// `x-content-sha256` does not describe the body received.
        case bodyHashMismatch(declared: String, actual: String)
        /// `content-length` does not describe the body received.
        case contentLengthMismatch(declared: String, actual: Int)
        /// The signed `date`/`x-date` (or the other of the two, when present) is not an IMF-fixdate.
        case invalidDate(header: String, value: String)
        /// The signed date is further than the allowed skew from the verifier's clock.
        /// `skew` is date − now in seconds (negative: the request is in the past).
        case dateOutsideWindow(skew: Int64, maxSkew: Int64)
        /// The fingerprint in the keyId (`tenancy/user/fingerprint`) is not the fingerprint of
        /// the public key the resolver returned: OCI would look up a different key.
        case fingerprintMismatch(keyIDFingerprint: String, keyFingerprint: String)
        /// The public key is smaller than the signer accepts: under 1024 bits always, under
        /// 2048 bits unless ``VerificationOptions/allowWeakKey``.
        case weakKey(bits: Int, minimumBits: Int)
        /// The key resolver knows no key for this keyId.
        case unknownKey(keyID: String)
        /// The body could not be read (a ``RequestBody/file(path:)`` that vanished).
        case unreadableBody(OCISigningError)
        /// The signature does not verify against the rebuilt signing string with the key.
        case badSignature
    }

    /// What went wrong.
    public let reason: Reason
    /// The parsed `Authorization`, when it could be parsed.
    public let authorization: SignatureAuthorization?
    /// The signature base the verifier rebuilt from the request, when it could be rebuilt.
    public let signatureBase: SignatureBase?

    /// Creates a failure.
    public init(_ reason: Reason, authorization: SignatureAuthorization? = nil, signatureBase: SignatureBase? = nil) {
        self.reason = reason
        self.authorization = authorization
        self.signatureBase = signatureBase
    }

    /// Creates a failure from rebuilt signing-string lines.
    public init(_ reason: Reason, authorization: SignatureAuthorization? = nil, components: [SignedComponent]?) {
        self.init(reason, authorization: authorization, signatureBase: components.map(SignatureBase.init))
    }

    /// The rebuilt signing-string lines, when they could be rebuilt.
    public var components: [SignedComponent]? { signatureBase?.components }

    /// The rebuilt signing string (lines joined by LF), when it could be rebuilt.
    public var signingString: String? { signatureBase?.signingString }

    /// The kind of failure, stable across releases, for exit messages, JSON and tests.
    public var code: Code {
        switch reason {
        case .tooManyHeaders: .tooManyHeaders
        case .missingAuthorization: .missingAuthorization
        case .duplicateAuthorization: .duplicateAuthorization
        case .malformedAuthorization: .malformedAuthorization
        case .unsupportedMethod: .unsupportedMethod
        case .invalidTarget: .invalidTarget
        case .missingSignedHeader: .missingSignedHeader
        case .missingHeader: .missingHeader
        case .duplicateHeader: .duplicateHeader
        case .invalidHeaderValue: .invalidHeaderValue
        case .bodyHashMismatch: .bodyHashMismatch
        case .contentLengthMismatch: .contentLengthMismatch
        case .invalidDate: .invalidDate
        case .dateOutsideWindow: .dateOutsideWindow
        case .fingerprintMismatch: .fingerprintMismatch
        case .weakKey: .weakKey
        case .unknownKey: .unknownKey
        case .unreadableBody: .unreadableBody
        case .badSignature: .badSignature
        }
    }

    /// One sentence saying what is wrong. Never contains key material; a session-token keyId
    /// is shown as `ST$…(N chars)`.
    public var description: String {
        // Names and values come from the request: clipped, so a hostile 3 KB date is not echoed.
        let clipped = OCIDisplayText.clipped
        return switch reason {
        case .tooManyHeaders(let error): error.reason
        case .missingAuthorization: "the request has no Authorization header"
        case .duplicateAuthorization: "the request has more than one Authorization header"
        case .malformedAuthorization(let error): error.description
        case .unsupportedMethod(let method): "method '\(clipped(method))' is not signed by OCI"
        case .invalidTarget(let error): error.reason
        case .missingSignedHeader(let name):
            name == "date" ? "neither date nor x-date is signed; OCI requires one of them"
                : "'\(clipped(name))' is required for this method but not listed in headers=\"…\""
        case .missingHeader(let name): "'\(clipped(name))' is listed in headers=\"…\" but the request has no such header"
        case .duplicateHeader(let name): "signed header '\(clipped(name))' occurs more than once in the request"
        case .invalidHeaderValue(let name): "signed header '\(clipped(name))' has a control or non-ASCII byte"
        case .bodyHashMismatch(let declared, let actual): "x-content-sha256 is '\(clipped(declared))' but the body received hashes to '\(clipped(actual))'"
        case .contentLengthMismatch(let declared, let actual): "content-length is '\(clipped(declared))' but the body received has \(actual) bytes"
        case .invalidDate(let header, let value): "the \(header) header '\(clipped(value))' is not an IMF-fixdate like 'Thu, 05 Jan 2014 21:31:40 GMT'"
        case .dateOutsideWindow(let skew, let maxSkew):
            "the signed date is \(skew < 0 ? -skew : skew) s \(skew < 0 ? "behind" : "ahead of") the verifier's clock; the window is ±\(maxSkew) s"
        case .fingerprintMismatch(let named, let actual):
            "the keyId names fingerprint \(clipped(named)) but the key given is \(actual)"
        case .weakKey(let bits, let minimum):
            minimum > 1024 ? "the public key has \(bits) bits; OCI requires 2048 or more (allow weaker keys explicitly, e.g. for Oracle's 1024-bit test key)"
                : "the public key has \(bits) bits; keys under 1024 bits are never accepted"
        case .unknownKey(let keyID): "no public key is known for keyId '\(KeyIDRedaction.redacted(keyID))'"
        case .unreadableBody(let error): "the body could not be read: \(error)"
        case .badSignature: "the signature does not verify against the rebuilt signing string with this public key"
        }
    }
}

extension VerificationFailure.Reason: Error {}
