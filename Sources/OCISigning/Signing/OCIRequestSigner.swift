import HTTPTypes

/// Signs OCI API requests: one small value holding the key id and the private key.
///
/// The signer is pure: given the same request, body, date and key it returns the same
/// ``SignedRequest``. It is `Sendable` and can sign from many tasks at once; the key was parsed
/// once when the ``OCIPrivateKey`` was created.
///
/// ```swift
/// let key = try OCIPrivateKey(pemFile: "/home/me/.oci/oci_api_key.pem")
/// let signer = try OCIRequestSigner(keyID: "\(tenancy)/\(user)/\(try key.fingerprint)", privateKey: key)
/// let request = HTTPRequest(method: .post, scheme: "https",
///                           authority: "iaas.us-ashburn-1.oraclecloud.com", path: "/20160918/volumeBackups")
/// let signed = try signer.sign(request, body: .bytes(json))
/// // signed.request now carries date, content-type, content-length, x-content-sha256, authorization
/// ```
public struct OCIRequestSigner: Sendable {
    /// The `keyId` placed in the `Authorization` header: `tenancy/user/fingerprint`, or
    /// `ST$<token>` for session tokens.
    public let keyID: String
    /// The RSA private key that signs.
    public let privateKey: OCIPrivateKey

    /// Creates a signer.
    ///
    /// - Parameters:
    ///   - keyID: The key id; printable ASCII without `"` or `\\`, at most
    ///     ``OCIHeaderLimits/maxKeyIDLength`` bytes.
    ///   - privateKey: An RSA key of at least 2048 bits (OCI's minimum), or 1024–2047 bits with
    ///     `allowWeakKey` (Oracle's own published test key has 1024 bits).
    ///   - allowWeakKey: Accept a 1024–2047-bit key. Keys under 1024 bits are always refused.
    /// - Throws: `keyTooSmall`, `weakKey`, or `invalidHeaderValue` for a key id that cannot be
    ///   quoted in a header.
    public init(keyID: String, privateKey: OCIPrivateKey, allowWeakKey: Bool = false) throws(OCISigningError) {
        let bits = privateKey.bits
        guard bits >= 1024 else {
            throw OCISigningError(.keyTooSmall, "the RSA key has \(bits) bits; keys under 1024 bits are never used for signing")
        }
        guard bits >= 2048 || allowWeakKey else {
            throw OCISigningError(.weakKey, "the RSA key has \(bits) bits; OCI requires 2048 or more (allow weaker keys explicitly, e.g. for Oracle's 1024-bit test key)")
        }
        try Self.checkKeyID(keyID)
        self.keyID = keyID
        self.privateKey = privateKey
    }

    /// Refuses a key id that ``SignatureAuthorization`` (and so OCI's front end, and this
    /// package's verifier) could not read back: empty, longer than
    /// ``OCIHeaderLimits/maxKeyIDLength``, or holding a space, control, non-ASCII byte, `"` or
    /// `\\`. The reason never quotes the key id (a session token's body is a bearer secret).
    static func checkKeyID(_ keyID: String) throws(OCISigningError) {
        let length = keyID.utf8.count
        guard length <= OCIHeaderLimits.maxKeyIDLength else {
            throw OCISigningError(.invalidHeaderValue, "the key id has \(length) bytes; at most \(OCIHeaderLimits.maxKeyIDLength) are accepted (check the tenancy, user and fingerprint, or the session token file)", header: "authorization")
        }
        for (offset, byte) in keyID.utf8.enumerated() where byte < 0x21 || byte > 0x7E || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            let what = byte == 0x20 ? "a space" : byte == UInt8(ascii: "\"") ? "'\"'" : byte == UInt8(ascii: "\\") ? "'\\'" : "byte 0x\(OCIDisplayText.hexDigits(byte))"
            throw OCISigningError(.invalidHeaderValue, "the key id has \(what) at offset \(offset); a key id is printable ASCII without spaces, quotes or backslashes (the Authorization header could not be read back)", header: "authorization")
        }
        guard length > 0 else {
            throw OCISigningError(.invalidHeaderValue, "the key id is empty; it is tenancy/user/fingerprint or ST$<session token>", header: "authorization")
        }
    }

    /// Signs a request.
    ///
    /// - Parameters:
    ///   - request: The request as it will be sent. Its `path` is signed byte for byte as the
    ///     request-target (never re-encoded) and its `authority` (or a `Host` field) as `host`.
    ///     A `date` or `x-date` field is signed verbatim; `x-date` wins when both are present.
    ///   - body: The exact body bytes that will be sent, or their digest.
    ///   - options: Exclude-body operations and the date to use when the request has none.
    /// - Returns: The signed request and every intermediate value.
    /// - Throws: ``OCISigningError`` describing the first problem found.
    public func sign(_ request: HTTPRequest, body: RequestBody = .empty, options: SigningOptions = .init()) throws(OCISigningError) -> SignedRequest {
        let method = request.method
        guard SigningPolicy.supportedMethods.contains(method) else {
            throw OCISigningError(.unsupportedMethod, "method '\(method.rawValue)' cannot be signed for OCI; supported: GET, HEAD, DELETE, POST, PUT, PATCH")
        }
        let target = try RequestTargetRules.validated(request.path)
        let host = try Self.sendableHost(of: request)
        let fields = request.headerFields
        try OCIHeaderLimits.check(fields)
        // Chunked framing beside the content-length the signature covers is the request-
        // smuggling shape, and a chunked body's length is not known when it is signed.
        if fields[.transferEncoding] != nil {
            throw OCISigningError(.invalidHeaderValue, "a Transfer-Encoding header cannot be signed: OCI signs content-length and the body's hash; drop the header and send the body with its length", header: "transfer-encoding")
        }

        var components: [SignedComponent] = []
        components.reserveCapacity(9)  // generic 3 + body 3 + optional 3: never regrows
        var added = HTTPFields()
        added.reserveCapacity(5)  // date, content-type, content-length, x-content-sha256, authorization

        components.append(try Self.dateComponent(fields, options: options, added: &added))
        components.append(SignedComponent(name: "(request-target)", value: RequestTargetRules.line(method: method, target: target), origin: .derived))
        components.append(try Self.component("host", host, .derived))
        for (name, fieldName) in SigningPolicy.afterHostFields {
            if let value = try Self.single(fieldName, in: fields) { components.append(try Self.component(name, value, .given)) }
        }

        var digest: ContentDigest?
        var bodyLength: Int?
        if SigningPolicy.bodyMethods.contains(method) {
            let body = try Self.bodyComponents(fields, body: body, options: options, added: &added)
            components += body.components
            digest = body.digest
            bodyLength = body.length
        } else {
            try Self.checkUnsignedContentLength(fields, body: body)
        }

        for (name, fieldName) in SigningPolicy.trailingFields {
            if let value = try Self.single(fieldName, in: fields) {
                components.append(try Self.component(name, value, .given))
            }
        }

        let base = SignatureBase(components)
        let signingString = base.signingString
        let signature = try privateKey.sign(signingString.utf8)
        let authorization = AuthorizationHeader.value(
            base: base, keyID: keyID, signatureBase64: Base64.encode(signature))
        added.append(HTTPField(name: .authorization, value: authorization))

        var signed = request
        // Only touch the fields when there is a stale Authorization to drop: each mutation of
        // the shared HTTPFields storage costs a copy.
        if fields[.authorization] != nil { signed.headerFields[values: .authorization] = [] }
        signed.headerFields.reserveCapacity(signed.headerFields.count + added.count)  // one copy, no regrowth
        signed.headerFields.append(contentsOf: added)
        return SignedRequest(
            request: signed, addedFields: added, signatureBase: base, signingString: signingString,
            bodyDigest: digest, bodyLength: bodyLength, signature: signature, keyID: keyID,
            authorization: authorization)
    }

    /// ``SignatureBase/host(of:)``, refused when it could not be sent as written.
    ///
    /// swift-http-types turns CR/LF in an authority into spaces, so the host is checked here:
    /// visible ASCII only, no spaces (RFC 9110 uri-host [":" port]).
    static func sendableHost(of request: HTTPRequest) throws(OCISigningError) -> String {
        let host = try SignatureBase.host(of: request)
        if let byte = host.utf8.first(where: { $0 <= 0x20 || $0 == 0x7F }) {
            throw OCISigningError(.invalidHeaderValue, "the host has \(byte == 0x20 ? "a space" : "control byte 0x\(OCIDisplayText.hexDigits(byte))"); a host is a name or address with an optional port", header: "host")
        }
        if let problem = HostRules.problem(host) {
            throw OCISigningError(.invalidHeaderValue, "the host '\(OCIDisplayText.visible(Array(host.utf8)))' cannot be signed: \(problem); fix the host", header: "host")
        }
        return host
    }

    /// A GET, HEAD or DELETE does not sign its `content-length`, but one that is not its body's
    /// length (e.g. 99999999999999999999) would be sent as a lie: refused as for a body method.
    static func checkUnsignedContentLength(_ fields: HTTPFields, body: RequestBody) throws(OCISigningError) {
        guard let given = try single(.contentLength, in: fields) else { return }
        let length = try body.length()
        guard given == String(length) else {
            throw OCISigningError(.contentLengthMismatch, "content-length is '\(OCIDisplayText.clipped(given))' but the body has \(length) bytes", header: "content-length")
        }
    }

    /// The `date` or `x-date` line: `x-date` wins when present (OCI: "Oracle uses x-date"); a
    /// request with neither gets a `date` from the options or the clock, added to `added`.
    static func dateComponent(_ fields: HTTPFields, options: SigningOptions, added: inout HTTPFields) throws(OCISigningError) -> SignedComponent {
        let xDate = try single(.xDate, in: fields)
        let givenDate = try single(.date, in: fields)
        // Both are checked, signed or not: OCI's front end (and this package's verifier) refuse
        // a date that is not an IMF-fixdate, so signing one is a guaranteed 401.
        if let xDate { try checkHTTPDate("x-date", xDate) }
        if let givenDate { try checkHTTPDate("date", givenDate) }
        if let xDate {
            return try component("x-date", xDate, .given)
        }
        if let givenDate {
            return try component("date", givenDate, .given)
        }
        let date = options.date ?? .now()
        // An IMF-fixdate has four year digits: an instant it cannot write is refused, not clamped.
        guard date.isRepresentable else {
            throw OCISigningError(.invalidDate, "the date \(date.secondsSince1970) s since 1970 is outside the years 0000–9999 an HTTP date can express", header: "date")
        }
        let value = date.imfFixdate
        added.append(HTTPField(name: .date, value: value))
        return SignedComponent(name: "date", value: value, origin: .computed)
    }

    /// Refuses a given `date`/`x-date` that is not an IMF-fixdate, with the fix.
    static func checkHTTPDate(_ name: String, _ value: String) throws(OCISigningError) {
        do {
            _ = try HTTPDate(imfFixdate: value)
        } catch {
            let shown = value.isEmpty ? "is empty" : "'\(OCIDisplayText.visible(Array(value.utf8.prefix(80))))' is not an HTTP-date"
            throw OCISigningError(.invalidDate, "header '\(name)' \(shown); write an IMF-fixdate like 'Thu, 05 Jan 2014 21:31:40 GMT', or drop the header to have the current date added", header: name)
        }
    }

    /// The body lines of a POST, PUT or PATCH (`content-length content-type x-content-sha256`, or
    /// none for an exclude-body operation), with the fields to add for the ones the request lacks.
    static func bodyComponents(_ fields: HTTPFields, body: RequestBody, options: SigningOptions, added: inout HTTPFields)
        throws(OCISigningError) -> (components: [SignedComponent], digest: ContentDigest?, length: Int) {
        var digest: ContentDigest?
        let signBody = !options.excludeBody
        if signBody { digest = try body.digest() }
        let length: Int
        if let digest { length = digest.length } else { length = try body.length() }

        let contentLength: SignedComponent
        if let given = try single(.contentLength, in: fields) {
            guard given == String(length) else {
                throw OCISigningError(.contentLengthMismatch, "content-length is '\(OCIDisplayText.clipped(given))' but the body has \(length) bytes", header: "content-length")
            }
            contentLength = try component("content-length", given, .given)
        } else {
            contentLength = SignedComponent(name: "content-length", value: String(length), origin: .computed)
        }

        if signBody, let digest {
            let contentType: SignedComponent
            if let given = try single(.contentType, in: fields) {
                contentType = try component("content-type", given, .given)
            } else {
                contentType = SignedComponent(name: "content-type", value: SigningPolicy.defaultContentType, origin: .defaulted)
                added.append(HTTPField(name: .contentType, value: contentType.value))
            }
            if contentLength.origin == .computed { added.append(HTTPField(name: .contentLength, value: contentLength.value)) }

            let hash: SignedComponent
            if let given = try single(.xContentSHA256, in: fields) {
                guard given == digest.base64 else {
                    throw OCISigningError(.bodyHashMismatch, "x-content-sha256 is '\(OCIDisplayText.clipped(given))' but the body's SHA-256 is '\(digest.base64)'", header: "x-content-sha256")
                }
                hash = try component("x-content-sha256", given, .given)
            } else {
                hash = SignedComponent(name: "x-content-sha256", value: digest.base64, origin: .computed)
                added.append(HTTPField(name: .xContentSHA256, value: hash.value))
            }
            return ([contentLength, contentType, hash], digest, length)
        } else if contentLength.origin == .computed {
            // Excluded body: content-length is sent (Object Storage answers 411 without it)
            // but not signed.
            added.append(HTTPField(name: .contentLength, value: contentLength.value))
        }
        return ([], digest, length)
    }

    /// The one value of a signed header, or nil; a second occurrence is an error because OCI
    /// signs exactly one value per name (Java refuses, Go silently takes the first).
    static func single(_ fieldName: HTTPField.Name, in fields: HTTPFields) throws(OCISigningError) -> String? {
        let values = fields[values: fieldName]
        guard values.count <= 1 else {
            let name = fieldName.canonicalName
            throw OCISigningError(.duplicateSignedHeader, "header '\(name)' is given \(values.count) times; a signed header must occur once", header: name)
        }
        return values.first
    }

    /// A signed line, after checking its value is printable ASCII.
    static func component(_ name: String, _ value: String, _ origin: HeaderOrigin) throws(OCISigningError) -> SignedComponent {
        // An oversized value is refused, not signed (and not echoed back in the error).
        guard value.utf8.count <= InputLimits.maxSignedValueLength else {
            throw OCISigningError(.invalidHeaderValue, "signed header '\(name)' has \(value.utf8.count) bytes; at most \(InputLimits.maxSignedValueLength) are signed", header: name)
        }
        // Fast path over the contiguous UTF-8: printable ASCII or tab, the usual case.
        var contiguous = value  // withUTF8 is mutating; native strings are not copied
        let clean = contiguous.withUTF8 { bytes in bytes.allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 } }
        if clean { return SignedComponent(name: name, value: value, origin: origin) }
        for byte in value.utf8 {
            if byte >= 0x80 {
                throw OCISigningError(.nonASCIISignedValue, "signed header '\(name)' has a non-ASCII byte (0x\(OCIDisplayText.hexDigits(byte))); OCI signs ASCII only — percent-encode or remove it", header: name)
            }
            if byte < 0x20 && byte != 0x09 || byte == 0x7F {
                throw OCISigningError(.invalidHeaderValue, "signed header '\(name)' has a control character (0x\(OCIDisplayText.hexDigits(byte)))", header: name)
            }
        }
        return SignedComponent(name: name, value: value, origin: origin)
    }
}
