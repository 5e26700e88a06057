import HTTPTypes

/// Which headers OCI requires in a signature, per method and operation (spec §2).
///
/// These are Oracle's SDK defaults (Go, Python, Java, .NET, Ruby): the generic set for every
/// method and the body set for POST, PUT and PATCH, in exactly this order.
public enum SigningPolicy {
    /// The methods OCI signs.
    public static let supportedMethods: [HTTPRequest.Method] = [.get, .head, .delete, .post, .put, .patch]

    /// Methods whose body is signed (unless the operation excludes the body).
    public static let bodyMethods: [HTTPRequest.Method] = [.post, .put, .patch]

    /// Signed for every request, in this order (`date` becomes `x-date` when that is present).
    public static let genericHeaders = ["date", "(request-target)", "host"]

    /// Added after the generic headers for POST, PUT and PATCH.
    public static let bodyHeaders = ["content-length", "content-type", "x-content-sha256"]

    /// Signed when present in the request. Those in ``headersAfterHost`` go right after `host`;
    /// the others are appended at the end, in this order (Java and .NET SDK behaviour).
    public static let optionalHeaders = ["opc-obo-token", "x-cross-tenancy-request", "x-subscription"]

    /// Optional headers signed right after `host`, before the body headers: the delegation token,
    /// where Oracle's Python SDK delegation signers (and Go's `signOboToken`) put it, observed on
    /// the wire as `date (request-target) host opc-obo-token content-length content-type
    /// x-content-sha256`. (Java and .NET append it at the end; services accept any order.)
    public static let headersAfterHost = ["opc-obo-token"]

    /// ``optionalHeaders`` with their field names, built once (the signer looks them up on
    /// every request): those signed right after `host`, and those appended at the end.
    static let afterHostFields: [(String, HTTPField.Name)] = [("opc-obo-token", .opcOboToken)]
    static let trailingFields: [(String, HTTPField.Name)] = [
        ("x-cross-tenancy-request", .xCrossTenancyRequest), ("x-subscription", .xSubscription),
    ]

    /// The `content-type` signed when the caller gave none.
    public static let defaultContentType = "application/json"
}

/// Per-request choices that change what is signed.
public struct SigningOptions: Sendable, Hashable {
    /// Sign only the generic headers even for a body method. Required for the operations whose
    /// body OCI leaves out of the signature: Object Storage PutObject and UploadPart, Streaming
    /// PutMessages, and the other upload operations listed in the spec (§2.2). The body length is
    /// still sent as an unsigned `content-length`.
    public var excludeBody: Bool
    /// The date to sign when the request carries neither `date` nor `x-date`; `nil` means now.
    public var date: HTTPDate?

    /// Creates options.
    public init(excludeBody: Bool = false, date: HTTPDate? = nil) {
        self.excludeBody = excludeBody
        self.date = date
    }
}
