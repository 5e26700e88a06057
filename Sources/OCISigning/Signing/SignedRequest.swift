import HTTPTypes

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
    /// The signed components in signature order, and the signing string they render.
    public let signatureBase: SignatureBase
    /// The exact signing string: ``signatureBase``'s rendering, kept as signed.
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

    /// The signing string's lines, in signature order.
    public var components: [SignedComponent] { signatureBase.components }
    /// The signed header names in order, as in `headers="…"`.
    public var signedHeaders: [String] { signatureBase.headerNames }
    /// The signature in base64.
    public var signatureBase64: String { Base64.encode(signature) }
}
