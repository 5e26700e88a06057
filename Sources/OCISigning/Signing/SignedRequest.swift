import HTTPTypes

/// Where a signed header's value came from — what a debugging dump needs to explain it.
public enum HeaderOrigin: String, Sendable, Hashable {
    /// Taken verbatim from the request.
    case given
    /// Derived from the request line or authority (`(request-target)`, `host`).
    case derived
    /// Filled with a default because the request had none (`content-type`).
    case defaulted
    /// Computed by the signer (`date`, `content-length`, `x-content-sha256`).
    case computed
}

/// One line of the signing string.
public struct SignedComponent: Sendable, Hashable {
    /// Lowercase header name or `(request-target)`.
    public let name: String
    /// The exact value signed.
    public let value: String
    /// Where the value came from.
    public let origin: HeaderOrigin

    /// Creates a component.
    public init(name: String, value: String, origin: HeaderOrigin) {
        self.name = name
        self.value = value
        self.origin = origin
    }

    /// The signing-string line, `name: value`.
    public var line: String { "\(name): \(value)" }
}

/// Everything a signature consists of, computed once.
///
/// Holds every intermediate value, so logging, `oci-sign dump` and tests never recompute
/// anything: the signed header names, each signed value and its origin, the signing string, the
/// body digest, the signature and the `Authorization` value.
public struct SignedRequest: Sendable {
    /// The request with the added header fields (date, content headers, authorization).
    public let request: HTTPRequest
    /// The fields the signer added, in the order they were appended.
    public let addedFields: HTTPFields
    /// The signing string's lines, in signature order.
    public let components: [SignedComponent]
    /// The exact signing string: lines joined by LF, no trailing LF.
    public let signingString: String
    /// The body digest, when the body was hashed (body methods that are not excluded).
    public let bodyDigest: ContentDigest?
    /// The body length sent as `content-length`, for body methods.
    public let bodyLength: Int?
    /// The raw RSA signature.
    public let signature: [UInt8]
    /// The key id placed in the `Authorization` header.
    public let keyID: String
    /// The `Authorization` header value.
    public let authorization: String

    /// The signed header names in order, as in `headers="…"`.
    public var signedHeaders: [String] { components.map(\.name) }
    /// The signature in base64.
    public var signatureBase64: String { Base64.encode(signature) }
}
