#if IntegrationTests
/// OCI's error response body: `{"code":"NotAuthenticated","message":"…"}`.
public struct OCIErrorBody: Codable, Sendable, Hashable {
    /// OCI's error code (`NotAuthenticated`, `NotAuthorizedOrNotFound`, `InvalidParameter`, …).
    public var code: String
    /// A human-readable sentence.
    public var message: String

    /// Creates an error body.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}
#endif
