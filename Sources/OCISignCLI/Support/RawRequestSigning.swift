import HTTPTypes
import OCISigning
import OCIRawRequest

/// Signs a raw request file and renders the result in the `oci-sign` output formats.
public enum RawRequestSigning {
    /// The outcome of signing one raw request.
    public struct Result: Sendable {
        /// The request as parsed.
        public let raw: RawHTTPRequest
        /// The engine's result with every intermediate value.
        public let signed: SignedRequest
        /// The header lines appended to the raw request, in order, lowercase names.
        public let addedHeaders: [RawHTTPRequest.Header]

        /// The signed request in the raw format: the input's request line and headers (an old
        /// `Authorization` dropped), the added headers, an empty line, the body.
        public var httpBytes: [UInt8] {
            var kept = raw
            kept.headers.removeAll { $0.name.lowercased() == "authorization" }
            return kept.serialized(appending: addedHeaders)
        }

        /// Every header of the signed request, lowercase name → value (repeated names joined
        /// with ", ").
        public var headerMap: [(String, String)] {
            var out: [(String, String)] = []
            var index: [String: Int] = [:]
            var kept = raw.headers.filter { $0.name.lowercased() != "authorization" }
            kept += addedHeaders
            for header in kept {
                let name = header.name.lowercased()
                if let at = index[name] {
                    out[at].1 += ", " + header.valueText
                } else {
                    index[name] = out.count
                    out.append((name, header.valueText))
                }
            }
            return out
        }

        /// The `--format json` object.
        public func json(file: String) -> JSONValue {
            var members: [(String, JSONValue)] = [
                ("file", .string(file)),
                ("method", .string(raw.method)),
                ("target", .string(raw.target)),
                ("keyId", .string(signed.keyID)),
                ("signedHeaders", .array(signed.signedHeaders.map { .string($0) })),
                ("signingString", .string(signed.signingString)),
                ("signature", .string(signed.signatureBase64)),
                ("authorization", .string(signed.authorization)),
                ("headers", .object(headerMap.map { ($0.0, .string($0.1)) })),
                ("components", .array(signed.components.map {
                    .object([("name", .string($0.name)), ("value", .string($0.value)), ("origin", .string($0.origin.rawValue))])
                })),
            ]
            if let length = signed.bodyLength { members.append(("bodyLength", .number(length))) }
            if let digest = signed.bodyDigest { members.append(("bodySha256", .string(digest.base64))) }
            return .object(members)
        }
    }

    /// Signs a parsed raw request with the body bytes it carries.
    public static func sign(_ raw: RawHTTPRequest, with signer: OCIRequestSigner, options: SigningOptions) throws(OCISigningError) -> Result {
        try sign(raw, body: raw.body.isEmpty ? .empty : .bytes(raw.body), with: signer, options: options)
    }

    /// Signs a parsed raw request head with a body given separately (a ``RawRequestFile``'s
    /// streamed digest); the result's ``Result/httpBytes`` then end where the body begins.
    public static func sign(_ raw: RawHTTPRequest, body: RequestBody, with signer: OCIRequestSigner, options: SigningOptions) throws(OCISigningError) -> Result {
        let signed: SignedRequest
        do {
            let request = try raw.httpRequest()
            signed = try signer.sign(request, body: body, options: options)
        } catch {
            // The engine names the header; the raw file knows its line.
            var located = error
            if located.line == nil, let header = located.header,
               let line = raw.headers.first(where: { $0.name.lowercased() == header })?.line {
                located.line = line
            }
            if located.line == nil, located.code == .invalidTarget || located.code == .unsupportedMethod {
                located.line = 1
            }
            throw located
        }
        let added = signed.addedFields.map {
            RawHTTPRequest.Header(name: $0.name.canonicalName, value: Array($0.value.utf8))
        }
        return Result(raw: raw, signed: signed, addedHeaders: added)
    }
}
