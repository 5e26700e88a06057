/// A parsed `Authorization: Signature …` header value, the receiving side of
/// ``AuthorizationHeader``.
///
/// Parsing is strict about what would make the header ambiguous and lenient about what the
/// official producers legitimately differ on (spec §4):
/// - parameters in any order (the SDKs emit four different orders), names matched
///   case-insensitively, unknown parameters ignored, spaces around `,` and `=` tolerated;
/// - every value double-quoted; a parameter given twice, a missing required parameter
///   (`keyId`, `algorithm`, `headers`, `signature`), an algorithm other than `rsa-sha256`, a
///   `version` other than `1`, a signature that is not canonical base64 or a header named twice
///   in `headers` is rejected with a ``ParseError``.
///
/// ```swift
/// let auth = try SignatureAuthorization(parsing: request.headerFields[.authorization]!)
/// auth.keyID          // "ocid1.tenancy…/ocid1.user…/73:61:…"
/// auth.signedHeaders  // ["date", "(request-target)", "host"], lowercased, in signing order
/// ```
public struct SignatureAuthorization: Sendable, Hashable {
    /// The `keyId` parameter, verbatim.
    public let keyID: String
    /// The `algorithm` parameter; always `rsa-sha256` after a successful parse.
    public let algorithm: String
    /// The names in `headers`, lowercased, in the order the signing string uses them.
    public let signedHeaders: [String]
    /// The `headers` parameter exactly as received (TypeScript capitalises some names).
    public let headersParameter: String
    /// The `signature` parameter as received (base64).
    public let signatureBase64: String
    /// The decoded signature bytes.
    public let signature: [UInt8]
    /// The `version` parameter, when present (`"1"`).
    public let version: String?
    /// The parameter names in the order they appeared, as written (for diagnostics: which SDK
    /// order produced this header).
    public let parameterOrder: [String]

    /// Why an `Authorization` value was refused.
    public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The value does not start with the scheme word `Signature` and a space.
        case wrongScheme(found: String)
        /// A parameter has no `=` or an empty / non-token name, or the list has an empty item.
        case malformedParameter(String)
        /// A value is not enclosed in double quotes, a quote is not closed, or text follows the
        /// closing quote before the next `,`.
        case malformedQuoting(parameter: String)
        /// The same parameter (compared case-insensitively) appears twice.
        case duplicateParameter(String)
        /// A required parameter is absent.
        case missingParameter(String)
        /// `algorithm` is not `rsa-sha256`.
        case unsupportedAlgorithm(String)
        /// `version` is not `1`.
        case unsupportedVersion(String)
        /// `signature` is not canonical, padded standard base64.
        case invalidSignatureEncoding
        /// `headers` lists no names.
        case emptyHeaderList
        /// `headers` names the same header twice.
        case duplicateSignedHeaderName(String)

        /// A sentence naming the problem; never contains the signature or keyId.
        public var description: String {
            // Names and values come from the request: clipped, so a long hostile header is not echoed.
            let clipped = OCIDisplayText.clipped
            return switch self {
            case .wrongScheme(let found): "the Authorization scheme must be 'Signature', found '\(clipped(found))'"
            case .malformedParameter(let text): "malformed Authorization parameter '\(clipped(text))': expected name=\"value\" items separated by ','"
            case .malformedQuoting(let name): "the value of Authorization parameter '\(clipped(name))' is not a properly closed double-quoted string"
            case .duplicateParameter(let name): "Authorization parameter '\(clipped(name))' is given more than once"
            case .missingParameter(let name): "Authorization parameter '\(clipped(name))' is missing"
            case .unsupportedAlgorithm(let algorithm): "algorithm '\(clipped(algorithm))' is not supported; OCI uses exactly 'rsa-sha256'"
            case .unsupportedVersion(let version): "signature version '\(clipped(version))' is not supported; OCI uses version \"1\""
            case .invalidSignatureEncoding: "the signature is not standard padded base64"
            case .emptyHeaderList: "the headers parameter lists no header names"
            case .duplicateSignedHeaderName(let name): "the headers parameter names '\(clipped(name))' twice"
            }
        }

        /// The same problem as an ``OCISigningError`` (code `malformedAuthorization`, or
        /// `unsupportedAlgorithm`), for callers that report every failure the same way.
        public var signingError: OCISigningError {
            switch self {
            case .unsupportedAlgorithm, .unsupportedVersion:
                OCISigningError(.unsupportedAlgorithm, description, header: "authorization")
            default:
                OCISigningError(.malformedAuthorization, description, header: "authorization")
            }
        }
    }

    /// The parameters every OCI signature must carry.
    public static let requiredParameters = ["keyId", "algorithm", "headers", "signature"]

    /// Parses an `Authorization` header value.
    ///
    /// - Throws: ``ParseError`` naming the first problem found.
    public init(parsing value: String) throws(ParseError) {
        let bytes = Array(value.utf8)
        let scheme = Array("Signature".utf8)
        guard bytes.count > scheme.count, Array(bytes[0..<scheme.count]) == scheme, bytes[scheme.count] == 0x20 else {
            let word = bytes.prefix { $0 != 0x20 }
            throw .wrongScheme(found: String(decoding: word.prefix(40), as: UTF8.self))
        }
        var parameters: [(name: String, value: String)] = []
        parameters.reserveCapacity(5)  // version, headers, keyId, algorithm, signature
        var seen: Set<String> = []
        var cursor = ParameterCursor(bytes: bytes, position: scheme.count)
        while let (name, value) = try cursor.next() {
            let key = name.lowercased()
            guard seen.insert(key).inserted else { throw .duplicateParameter(name) }
            parameters.append((name, value))
        }
        func lookup(_ name: String) -> String? {
            let key = name.lowercased()
            return parameters.first { $0.name.lowercased() == key }?.value
        }
        for name in Self.requiredParameters where lookup(name) == nil { throw .missingParameter(name) }
        let algorithm = lookup("algorithm")!
        guard algorithm == AuthorizationHeader.algorithm else { throw .unsupportedAlgorithm(algorithm) }
        let version = lookup("version")
        if let version, version != "1" { throw .unsupportedVersion(version) }
        let signatureBase64 = lookup("signature")!
        guard !signatureBase64.isEmpty, let signature = Base64.decode(signatureBase64) else { throw .invalidSignatureEncoding }
        let headersParameter = lookup("headers")!
        // Split on any run of spaces or tabs, as Oracle's verifier does; names are lowercased
        // because the signing string always uses lowercase names.
        let names = headersParameter.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.lowercased() }
        guard !names.isEmpty else { throw .emptyHeaderList }
        var seenNames: Set<String> = []
        for name in names where !seenNames.insert(name).inserted { throw .duplicateSignedHeaderName(name) }

        self.keyID = lookup("keyId")!
        self.algorithm = algorithm
        self.signedHeaders = names
        self.headersParameter = headersParameter
        self.signatureBase64 = signatureBase64
        self.signature = signature
        self.version = version
        self.parameterOrder = parameters.map(\.name)
    }
}

/// Walks `name="value"` items separated by commas.
private struct ParameterCursor {
    let bytes: [UInt8]
    var position: Int
    var first = true

    mutating func skipSpaces() {
        while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
    }

    /// The next parameter, or nil at the end of the value.
    mutating func next() throws(SignatureAuthorization.ParseError) -> (String, String)? {
        skipSpaces()
        if position == bytes.count {
            if first { throw .malformedParameter("") }  // "Signature " with nothing after it
            return nil
        }
        if !first {
            guard bytes[position] == UInt8(ascii: ",") else { throw .malformedParameter(rest) }
            position += 1
            skipSpaces()
        }
        first = false
        let nameStart = position
        while position < bytes.count, HTTPToken.isTokenByte(bytes[position]) { position += 1 }
        let name = String(decoding: bytes[nameStart..<position], as: UTF8.self)
        skipSpaces()
        guard !name.isEmpty, position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
            throw .malformedParameter(String(decoding: bytes[nameStart..<min(bytes.count, nameStart + 40)], as: UTF8.self))
        }
        position += 1
        skipSpaces()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw .malformedQuoting(parameter: name) }
        position += 1
        let valueStart = position
        while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
            // A backslash escape or a control byte never occurs in an OCI value; refusing them
            // keeps one reading of the header (no quoted-pair ambiguity).
            if bytes[position] == UInt8(ascii: "\\") || bytes[position] < 0x20 || bytes[position] == 0x7F {
                throw .malformedQuoting(parameter: name)
            }
            position += 1
        }
        guard position < bytes.count else { throw .malformedQuoting(parameter: name) }
        let value = String(decoding: bytes[valueStart..<position], as: UTF8.self)
        position += 1
        skipSpaces()
        guard position == bytes.count || bytes[position] == UInt8(ascii: ",") else { throw .malformedQuoting(parameter: name) }
        return (name, value)
    }

    private var rest: String { String(decoding: bytes[position..<min(bytes.count, position + 40)], as: UTF8.self) }
}
