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

    /// A context for one received request.
    public init(headerFields: HTTPFields, body: [UInt8], authorization: SignatureAuthorization) {
        self.headerFields = headerFields
        self.body = body
        self.authorization = authorization
    }

    /// The first value of the header `name` (lowercase), if the request has one.
    public func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { headerFields[values: $0].first }
    }
}
