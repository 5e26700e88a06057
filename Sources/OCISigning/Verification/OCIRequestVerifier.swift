import HTTPTypes

/// Verifies OCI request signatures the way the OCI front end does (spec §9): the receiving
/// side of ``OCIRequestSigner``, for mock servers, proxies and tests.
///
/// ``verify(_:body:options:)`` parses `Authorization`, checks that the method's required headers
/// are signed, rebuilds the signing string from the received request in `headers=` order,
/// checks `content-length` and `x-content-sha256` against the body actually received, looks the
/// key up by keyId, verifies RSA-SHA256 and finally checks the signed date against the clock.
/// Because the date window is checked last, a ``VerificationFailure/Reason/dateOutsideWindow(skew:maxSkew:)``
/// means everything else was right.
///
/// ```swift
/// let verifier = OCIRequestVerifier { keyID in keys[keyID] }
/// switch verifier.verify(request, body: .bytes(body)) {
/// case .valid(let details): print("signed by", details.keyID)
/// case .invalid(let failure): print("401:", failure, failure.signingString ?? "")
/// }
/// ```
public struct OCIRequestVerifier: Sendable {
    /// Looks up the public key for a keyId; `nil` means unknown key.
    public typealias KeyResolver = @Sendable (_ keyID: String) -> OCIPublicKey?

    /// The caller's key lookup.
    public let keyResolver: KeyResolver

    /// A verifier that asks `keyResolver` for the key of each request's keyId.
    public init(keyResolver: @escaping KeyResolver) {
        self.keyResolver = keyResolver
    }

    /// A verifier that checks every request against one public key, whatever its keyId.
    public init(publicKey: OCIPublicKey) {
        self.keyResolver = { _ in publicKey }
    }

    /// The headers OCI requires in `headers=` for a method: the generic set always, the body set
    /// for POST, PUT and PATCH unless the operation excludes the body. `"date"` may be satisfied
    /// by `x-date`.
    public static func requiredHeaders(for method: HTTPRequest.Method, excludeBody: Bool) -> [String] {
        var names = SigningPolicy.genericHeaders
        if SigningPolicy.bodyMethods.contains(method) && !excludeBody { names += SigningPolicy.bodyHeaders }
        return names
    }

    /// Verifies one received request.
    ///
    /// - Parameters:
    ///   - request: The request as received: `path` is the raw request-target, `authority` the
    ///     Host, and the `Authorization` header is among the fields.
    ///   - body: The body bytes actually received (or their digest).
    ///   - options: Exclude-body operations, the skew window and the clock.
    /// - Returns: ``VerificationResult/valid(_:)`` or the first failed check.
    public func verify(_ request: HTTPRequest, body: RequestBody = .empty, options: VerificationOptions = .init()) -> VerificationResult {
        do throws(VerificationFailure) {
            return .valid(try check(request, body: body, options: options))
        } catch {
            return .invalid(error)
        }
    }

    private func check(_ request: HTTPRequest, body: RequestBody, options: VerificationOptions) throws(VerificationFailure) -> VerifiedRequest {
        do { try OCIHeaderLimits.check(request.headerFields) } catch { throw VerificationFailure(.tooManyHeaders(error)) }
        let authorization = try Self.authorization(of: request)
        func fail(_ reason: VerificationFailure.Reason, _ base: SignatureBase? = nil) -> VerificationFailure {
            VerificationFailure(reason, authorization: authorization, signatureBase: base)
        }
        // The key is looked up first so a wrong key (the keyId's fingerprint names another, or
        // a size the signer refuses) is the reason reported, whatever else is wrong.
        let key = keyResolver(authorization.keyID)
        if let key, let problem = Self.checkKey(key, keyID: authorization.keyID, options: options) { throw fail(problem) }
        guard SigningPolicy.supportedMethods.contains(request.method) else {
            throw fail(.unsupportedMethod(request.method.rawValue))
        }
        // The signer's target rules: a target it would refuse is one an HTTP stack rewrites.
        do { _ = try RequestTargetRules.validated(request.path) } catch { throw fail(.invalidTarget(error)) }
        let signed = authorization.signedHeaders
        if let missing = Self.firstUnsignedRequiredHeader(signed, method: request.method, excludeBody: options.excludeBody) {
            throw fail(.missingSignedHeader(missing))
        }
        let base: SignatureBase
        do { base = try Self.signatureBase(of: request, signedHeaders: signed) } catch { throw fail(error) }

        let digest: ContentDigest?
        do { digest = try Self.checkBody(request, body: body) } catch { throw fail(error, base) }

        let dateName = signed.contains("x-date") ? "x-date" : "date"
        let dateValue = base.value(of: dateName)!
        let date: HTTPDate
        do { date = try HTTPDate(imfFixdate: dateValue) } catch { throw fail(.invalidDate(header: dateName, value: dateValue), base) }
        // The unsigned one of date / x-date too: the signer refuses a request carrying either
        // when it is not an IMF-fixdate, so no signer of this package produced it.
        for other in [HTTPField.Name.date, .xDate] where other.canonicalName != dateName {
            guard let value = request.headerFields[other] else { continue }
            if (try? HTTPDate(imfFixdate: value)) == nil { throw fail(.invalidDate(header: other.canonicalName, value: value), base) }
        }

        guard let key else {
            throw fail(.unknownKey(keyID: authorization.keyID), base)
        }
        guard key.isValidSignature(authorization.signature, for: base.signingString.utf8) else {
            throw fail(.badSignature, base)
        }

        let now = options.now ?? .now()
        let skew = date.secondsSince1970 - now.secondsSince1970
        // A negative window accepts nothing: comparing magnitudes would make -N mean N, and
        // Int64.min mean "any date".
        guard options.maxClockSkew >= 0, skew.magnitude <= options.maxClockSkew.magnitude else {
            throw fail(.dateOutsideWindow(skew: skew, maxSkew: options.maxClockSkew), base)
        }
        return VerifiedRequest(authorization: authorization, signatureBase: base, date: date, skew: skew, bodyDigest: digest)
    }

    /// Why `key` cannot be the key of `keyID`, or nil: a size ``OCIRequestSigner`` refuses, or a
    /// keyId whose third part is an MD5 fingerprint other than the key's.
    static func checkKey(_ key: OCIPublicKey, keyID: String, options: VerificationOptions) -> VerificationFailure.Reason? {
        if key.bits < 1024 { return .weakKey(bits: key.bits, minimumBits: 1024) }
        if key.bits < 2048 && !options.allowWeakKey { return .weakKey(bits: key.bits, minimumBits: 2048) }
        guard let named = keyIDFingerprint(keyID), let actual = key.cachedFingerprint, named != actual else { return nil }
        return .fingerprintMismatch(keyIDFingerprint: named, keyFingerprint: actual)
    }

    /// The lowercased third part of a `tenancy/user/fingerprint` keyId when it is 16 hex pairs
    /// joined by `:`; nil for session-token (`ST$…`) and other keyIds.
    static func keyIDFingerprint(_ keyID: String) -> String? {
        let parts = keyID.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        guard parts.count == 3, let last = parts.last, last.count == 47 else { return nil }
        for (index, byte) in last.enumerated() {
            let isHex = (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66)
            guard index % 3 == 2 ? byte == UInt8(ascii: ":") : isHex else { return nil }
        }
        return ASCII.lowercased(String(decoding: last, as: UTF8.self))
    }

    /// The first header OCI requires for `method` that `signed` does not list (`"date"` is
    /// satisfied by `x-date`), or nil when every required header is signed.
    static func firstUnsignedRequiredHeader(_ signed: [String], method: HTTPRequest.Method, excludeBody: Bool) -> String? {
        for name in SigningPolicy.genericHeaders {
            let listed = name == "date" ? signed.contains("date") || signed.contains("x-date") : signed.contains(name)
            if !listed { return name }
        }
        guard SigningPolicy.bodyMethods.contains(method), !excludeBody else { return nil }
        return SigningPolicy.bodyHeaders.first { !signed.contains($0) }
    }

    /// The one `Authorization` header of a request, parsed.
    ///
    /// - Throws: a failure with reason `missingAuthorization`, `duplicateAuthorization` or
    ///   `malformedAuthorization`.
    public static func authorization(of request: HTTPRequest) throws(VerificationFailure) -> SignatureAuthorization {
        let values = request.headerFields[values: .authorization]
        guard let value = values.first else { throw VerificationFailure(.missingAuthorization) }
        guard values.count == 1 else { throw VerificationFailure(.duplicateAuthorization) }
        do {
            return try SignatureAuthorization(parsing: value)
        } catch {
            throw VerificationFailure(.malformedAuthorization(error))
        }
    }

    /// Rebuilds the signature base of a received request for the given header names, in that
    /// order: `(request-target)` is the lowercased method, a space and the raw path; `host` is
    /// ``SignatureBase/host(of:)``; every other name is that header's single value.
    ///
    /// - Throws: the reason `missingHeader`, `duplicateHeader` or `invalidHeaderValue`.
    public static func signatureBase(of request: HTTPRequest, signedHeaders: [String]) throws(VerificationFailure.Reason) -> SignatureBase {
        var components: [SignedComponent] = []
        components.reserveCapacity(signedHeaders.count)
        for rawName in signedHeaders {
            let name = ASCII.lowercased(rawName)
            let component = try receivedComponent(name, of: request)
            guard isSignable(component.value) else { throw .invalidHeaderValue(name) }
            components.append(component)
        }
        return SignatureBase(components)
    }

    /// ``signatureBase(of:signedHeaders:)``'s lines.
    public static func signingComponents(of request: HTTPRequest, signedHeaders: [String]) throws(VerificationFailure.Reason) -> [SignedComponent] {
        try signatureBase(of: request, signedHeaders: signedHeaders).components
    }

    /// Whether a received value is printable ASCII or tab, what a signed value must be.
    static func isSignable(_ value: String) -> Bool {
        var contiguous = value  // withUTF8 is mutating; native strings are not copied
        return contiguous.withUTF8 { bytes in bytes.allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 } }
    }

    /// One line of a received request's signature base, before its value is checked.
    static func receivedComponent(_ name: String, of request: HTTPRequest) throws(VerificationFailure.Reason) -> SignedComponent {
        switch name {
        case "(request-target)":
            guard let path = request.path, !path.isEmpty else { throw .missingHeader(name) }
            return SignedComponent(name: name, value: RequestTargetRules.line(method: request.method, target: path), origin: .derived)
        case "host":
            do {
                return SignedComponent(name: name, value: try SignatureBase.host(of: request), origin: .derived)
            } catch {
                throw error.code == .missingHost ? .missingHeader("host") : .duplicateHeader("host")
            }
        default:
            guard let fieldName = knownFieldName(name) ?? HTTPField.Name(name) else { throw .missingHeader(name) }
            let values = request.headerFields[values: fieldName]
            guard let first = values.first else { throw .missingHeader(name) }
            guard values.count == 1 else { throw .duplicateHeader(name) }
            return SignedComponent(name: name, value: first, origin: .given)
        }
    }

    /// The prebuilt field name for the headers OCI signs on almost every request, so the hot
    /// path does not validate and lowercase the same names again.
    static func knownFieldName(_ name: String) -> HTTPField.Name? {
        switch name {
        case "date": .date
        case "x-date": .xDate
        case "content-length": .contentLength
        case "content-type": .contentType
        case "x-content-sha256": .xContentSHA256
        default: nil
        }
    }

    /// Compares `content-length` and `x-content-sha256`, when the request carries them (signed
    /// or not), with the body received. Returns the digest when one was computed.
    static func checkBody(_ request: HTTPRequest, body: RequestBody) throws(VerificationFailure.Reason) -> ContentDigest? {
        let lengths = request.headerFields[values: .contentLength]
        let hashes = request.headerFields[values: .xContentSHA256]
        guard lengths.count <= 1 else { throw .duplicateHeader("content-length") }
        guard hashes.count <= 1 else { throw .duplicateHeader("x-content-sha256") }
        var digest: ContentDigest?
        do {
            if let declared = hashes.first {
                let actual = try body.digest()
                digest = actual
                guard declared == actual.base64 else { throw VerificationFailure.Reason.bodyHashMismatch(declared: declared, actual: actual.base64) }
            }
            if let declared = lengths.first {
                let actual = try digest?.length ?? body.length()
                guard declared == String(actual) else { throw VerificationFailure.Reason.contentLengthMismatch(declared: declared, actual: actual) }
            }
        } catch let error as VerificationFailure.Reason {
            throw error
        } catch let error as OCISigningError {
            throw .unreadableBody(error)
        } catch {
            throw .unreadableBody(OCISigningError(.fileUnreadable, "\(error)"))
        }
        return digest
    }
}
