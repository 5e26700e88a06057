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
        /// A parameter value holds a control byte (a tab in `headers`, where names are separated
        /// by single spaces).
        case controlByteInValue(parameter: String, byte: UInt8)
        /// `keyId` is longer than ``OCIHeaderLimits/maxKeyIDLength`` bytes.
        case keyIDTooLong(length: Int)

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
            case .controlByteInValue(let name, let byte):
                byte == 0x09 && name.lowercased() == "headers"
                    ? "the headers parameter separates names with a tab; OCI separates them with single spaces"
                    : "the value of Authorization parameter '\(clipped(name))' holds \(byte == 0x09 ? "a tab" : "control byte 0x\(OCIDisplayText.hexDigits(byte))"); OCI values are printable ASCII"
            case .keyIDTooLong(let length): "the keyId has \(length) bytes; at most \(OCIHeaderLimits.maxKeyIDLength) are accepted"
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
    /// ``requiredParameters`` lowercased, as parameter names are compared.
    static let requiredKeys = ["keyid", "algorithm", "headers", "signature"]

    /// Parses an `Authorization` header value.
    ///
    /// - Throws: ``ParseError`` naming the first problem found.
    public init(parsing value: String) throws(ParseError) {
        let parameters = try Self.parameters(of: value)
        func lookup(_ key: String) -> String? { parameters.first { $0.key == key }?.value }
        for (name, key) in zip(Self.requiredParameters, Self.requiredKeys) where lookup(key) == nil { throw .missingParameter(name) }
        let algorithm = lookup("algorithm")!
        guard algorithm == AuthorizationHeader.algorithm else { throw .unsupportedAlgorithm(algorithm) }
        let version = lookup("version")
        if let version, version != "1" { throw .unsupportedVersion(version) }
        let signatureBase64 = lookup("signature")!
        guard !signatureBase64.isEmpty, let signature = Base64.decode(signatureBase64) else { throw .invalidSignatureEncoding }
        let headersParameter = lookup("headers")!

        let keyID = lookup("keyid")!
        guard keyID.utf8.count <= OCIHeaderLimits.maxKeyIDLength else { throw .keyIDTooLong(length: keyID.utf8.count) }
        self.keyID = keyID
        self.algorithm = algorithm
        self.signedHeaders = try Self.headerNames(in: headersParameter)
        self.headersParameter = headersParameter
        self.signatureBase64 = signatureBase64
        self.signature = signature
        self.version = version
        self.parameterOrder = parameters.map(\.name)
    }

    /// The `name="value"` items after the scheme word, in order, each with its name lowercased
    /// as `key`; a name given twice (compared case-insensitively) is refused.
    static func parameters(of value: String) throws(ParseError) -> [(name: String, key: String, value: String)] {
        let bytes = Array(value.utf8)
        let scheme = Array("Signature".utf8)
        guard bytes.count > scheme.count, bytes[0..<scheme.count].elementsEqual(scheme), bytes[scheme.count] == 0x20 else {
            let word = bytes.prefix { $0 != 0x20 }
            throw .wrongScheme(found: String(decoding: word.prefix(40), as: UTF8.self))
        }
        return try bytes.withUnsafeBufferPointer { buffer throws(ParseError) in
            var parameters: [(name: String, key: String, value: String)] = []
            parameters.reserveCapacity(5)  // version, headers, keyId, algorithm, signature
            var seen = DuplicateFinder()
            var cursor = ParameterCursor(bytes: buffer, position: scheme.count)
            while let (name, value) = try cursor.next() {
                let key = ASCII.lowercased(name)
                guard seen.insert(key) else { throw .duplicateParameter(name) }
                parameters.append((name, key, value))
            }
            return parameters
        }
    }

    /// The names in a `headers` value: split on any run of spaces or tabs, as Oracle's verifier
    /// does, and lowercased, because the signing string always uses lowercase names.
    static func headerNames(in headersParameter: String) throws(ParseError) -> [String] {
        guard headersParameter.utf8.allSatisfy({ $0 < 0x80 }) else { return try unicodeHeaderNames(in: headersParameter) }
        var names: [String] = []
        names.reserveCapacity(9)  // the most OCI signs: generic 3, body 3, optional 3
        var seen = DuplicateFinder()
        var start: String.UTF8View.Index?
        let utf8 = headersParameter.utf8
        var index = utf8.startIndex
        while true {
            let atEnd = index == utf8.endIndex
            let isSeparator = atEnd || utf8[index] == 0x20 || utf8[index] == 0x09
            if isSeparator, let first = start {
                let name = ASCII.lowercased(Substring(utf8[first..<index]))
                guard seen.insert(name) else { throw .duplicateSignedHeaderName(name) }
                names.append(name)
                start = nil
            } else if !isSeparator, start == nil {
                start = index
            }
            if atEnd { break }
            utf8.formIndex(after: &index)
        }
        guard !names.isEmpty else { throw .emptyHeaderList }
        return names
    }

    /// ``headerNames(in:)`` for a value with non-ASCII text: split by characters and lowercased
    /// by Unicode rules, so a name no header can have is still reported as the client wrote it.
    static func unicodeHeaderNames(in headersParameter: String) throws(ParseError) -> [String] {
        let names = headersParameter.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.lowercased() }
        guard !names.isEmpty else { throw .emptyHeaderList }
        var seen = DuplicateFinder()
        for name in names where !seen.insert(name) { throw .duplicateSignedHeaderName(name) }
        return names
    }
}

/// Finds the first repeated string: a linear scan while the list is short (the usual five
/// parameters or three to nine header names), a set once a hostile header makes it long.
struct DuplicateFinder {
    private var small: [String]
    private var large: Set<String>?

    init() {
        small = []
        small.reserveCapacity(9)
    }

    /// False when `text` was inserted before.
    mutating func insert(_ text: String) -> Bool {
        if large != nil { return large!.insert(text).inserted }
        if small.contains(text) { return false }
        small.append(text)
        if small.count > 16 { large = Set(small); small = [] }
        return true
    }
}

/// ASCII-only case mapping: header and parameter names are tokens, and `String.lowercased()`
/// runs the full Unicode mapping and allocates even when nothing changes.
enum ASCII {
    /// `text` with A–Z mapped to a–z; `text` itself when it has no upper-case letter.
    static func lowercased(_ text: some StringProtocol) -> String {
        guard text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return String(text) }
        return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}

/// Walks `name="value"` items separated by commas.
///
/// Reads the header's bytes in place: it lives only inside the `withUnsafeBufferPointer` scope
/// of ``SignatureAuthorization/parameters(of:)`` (the verifier parses one header per request).
private struct ParameterCursor {
    let bytes: UnsafeBufferPointer<UInt8>
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
            if bytes[position] < 0x20 || bytes[position] == 0x7F { throw .controlByteInValue(parameter: name, byte: bytes[position]) }
            if bytes[position] == UInt8(ascii: "\\") { throw .malformedQuoting(parameter: name) }
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
