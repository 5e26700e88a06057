import HTTPTypes
import OCISigning

/// What every ``MismatchVariant`` may look at besides the candidate: the request as received.
public struct VariantContext: Sendable {
    /// The received header fields.
    public let headerFields: HTTPFields
    /// The received body.
    public let body: [UInt8]
    /// The received `Authorization`, parsed.
    public let authorization: SignatureAuthorization
    /// The lines of the headers OCI requires that the request carries but `headers="…"` does
    /// not list, as the verifier would rebuild them.
    public let unlistedRequiredLines: [SignedComponent]
    /// Hosts the client may have signed instead of the Host received: forwarding headers
    /// (`X-Forwarded-Host`, `Forwarded: host=`, `X-Original-Host`) and the hosts a capture says
    /// the client connected to.
    public let hostHints: [String]

    /// A context for one received request.
    public init(headerFields: HTTPFields, body: [UInt8], authorization: SignatureAuthorization,
                unlistedRequiredLines: [SignedComponent] = [], hostHints: [String] = []) {
        self.headerFields = headerFields
        self.body = body
        self.authorization = authorization
        self.unlistedRequiredLines = unlistedRequiredLines
        self.hostHints = hostHints
    }

    /// The first value of the header `name` (lowercase), if the request has one.
    public func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { headerFields[values: $0].first }
    }
}
