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
        let authorization = try Self.authorization(of: request)
        func fail(_ reason: VerificationFailure.Reason, _ components: [SignedComponent]? = nil) -> VerificationFailure {
            VerificationFailure(reason, authorization: authorization, components: components)
        }
        guard SigningPolicy.supportedMethods.contains(request.method) else {
            throw fail(.unsupportedMethod(request.method.rawValue))
        }
        let signed = authorization.signedHeaders
        for name in Self.requiredHeaders(for: request.method, excludeBody: options.excludeBody) {
            let listed = name == "date" ? signed.contains("date") || signed.contains("x-date") : signed.contains(name)
            guard listed else { throw fail(.missingSignedHeader(name)) }
        }
        let components: [SignedComponent]
        do {
            components = try Self.signingComponents(of: request, signedHeaders: signed)
        } catch {
            throw fail(error)
        }

        let digest: ContentDigest?
        do {
            digest = try Self.checkBody(request, body: body)
        } catch {
            throw fail(error, components)
        }

        let dateName = signed.contains("x-date") ? "x-date" : "date"
        let dateValue = components.first { $0.name == dateName }!.value
        let date: HTTPDate
        do {
            date = try HTTPDate(imfFixdate: dateValue)
        } catch {
            throw fail(.invalidDate(header: dateName, value: dateValue), components)
        }

        guard let key = keyResolver(authorization.keyID) else {
            throw fail(.unknownKey(keyID: authorization.keyID), components)
        }
        // One buffer for the signing string, not a string per line plus their join.
        var signingString = ""
        signingString.reserveCapacity(components.reduce(components.count) { $0 + $1.name.utf8.count + 2 + $1.value.utf8.count })
        for (index, component) in components.enumerated() {
            if index > 0 { signingString += "\n" }
            signingString += component.name
            signingString += ": "
            signingString += component.value
        }
        guard key.isValidSignature(authorization.signature, for: signingString.utf8) else {
            throw fail(.badSignature, components)
        }

        let now = options.now ?? .now()
        let skew = date.secondsSince1970 - now.secondsSince1970
        guard skew.magnitude <= options.maxClockSkew.magnitude else {
            throw fail(.dateOutsideWindow(skew: skew, maxSkew: options.maxClockSkew), components)
        }
        return VerifiedRequest(authorization: authorization, components: components, date: date, skew: skew, bodyDigest: digest)
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

    /// Rebuilds the signing-string lines of a received request for the given header names, in
    /// that order: `(request-target)` is the lowercased method, a space and the raw path;
    /// `host` is the authority (or the Host field); every other name is that header's single value.
    ///
    /// - Throws: the reason `missingHeader`, `duplicateHeader` or `invalidHeaderValue`.
    public static func signingComponents(of request: HTTPRequest, signedHeaders: [String]) throws(VerificationFailure.Reason) -> [SignedComponent] {
        var components: [SignedComponent] = []
        components.reserveCapacity(signedHeaders.count)
        for rawName in signedHeaders {
            let name = rawName.lowercased()
            let value: String
            let origin: HeaderOrigin
            switch name {
            case "(request-target)":
                guard let path = request.path, !path.isEmpty else { throw .missingHeader(name) }
                value = "\(request.method.rawValue.lowercased()) \(path)"
                origin = .derived
            case "host":
                do {
                    value = try OCIRequestSigner.host(of: request)
                } catch {
                    throw error.code == .missingHost ? .missingHeader("host") : .duplicateHeader("host")
                }
                origin = .derived
            default:
                guard let fieldName = HTTPField.Name(name) else { throw .missingHeader(name) }
                let values = request.headerFields[values: fieldName]
                guard let first = values.first else { throw .missingHeader(name) }
                guard values.count == 1 else { throw .duplicateHeader(name) }
                value = first
                origin = .given
            }
            guard value.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 }) else { throw .invalidHeaderValue(name) }
            components.append(SignedComponent(name: name, value: value, origin: origin))
        }
        return components
    }

    /// Compares `content-length` and `x-content-sha256`, when the request carries them (signed
    /// or not), with the body received. Returns the digest when one was computed.
    static func checkBody(_ request: HTTPRequest, body: RequestBody) throws(VerificationFailure.Reason) -> ContentDigest? {
        let lengths = request.headerFields[values: .contentLength]
        let hashes = request.headerFields[values: OCIRequestSigner.xContentSHA256]
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
