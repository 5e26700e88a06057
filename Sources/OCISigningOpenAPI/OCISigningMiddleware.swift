#if OpenAPI
import Foundation
import HTTPTypes
import Logging
import OCISigning
import OCISigningFoundation
import OpenAPIRuntime

/// Signs every request of a swift-openapi-generator client for OCI: a `ClientMiddleware` made
/// from an identity provider (or a signer).
///
/// ```swift
/// let client = Client(
///     serverURL: URL(string: "https://inference.generativeai.us-chicago-1.oci.oraclecloud.com/openai/v1")!,
///     transport: URLSessionTransport(),
///     middlewares: [RetryingMiddleware(), OCISigningMiddleware(identityProvider: provider)])  // last
/// ```
///
/// - What is signed is what the transport sends: the request-target is the base URL's
///   percent-encoded path followed by the operation's path and query (`/openai/v1/chat/completions`),
///   the host is the base URL's host and non-default port. The request is passed on relative,
///   with only the added header fields (`date`, the body headers, `authorization`,
///   `opc-request-id`).
/// - Bodies: one that can be iterated more than once is hashed as a stream, never held whole;
///   a single-use stream is buffered up to ``Configuration/maximumBufferedBodySize`` (beyond:
///   `bodyTooLargeToBuffer`); an unknown length becomes a known one; exclude-body operations
///   are chosen by ``Configuration/excludeBody`` rules.
/// - Sending follows ``OCISigning/OCISendPolicy``: signed afresh on every attempt, one refresh
///   and one retry after a `401`, optional clock-skew correction.
/// - Order: put it **last** in `middlewares:` (closest to the transport), so that a retrying
///   middleware before it gets a new signature — a new date — for each of its attempts, and no
///   middleware changes the request after it is signed.
public struct OCISigningMiddleware: ClientMiddleware {
    /// How the middleware signs and sends.
    public struct Configuration: Sendable {
        /// The send rules (refresh and retry after a `401`, clock skew, `opc-request-id`).
        public var sendPolicy: OCISendPolicy
        /// The largest single-use body buffered to be hashed (default 4 MiB).
        public var maximumBufferedBodySize: Int
        /// The operations whose body is not signed.
        public var excludeBody: [OCIExcludeBodyRule]

        /// The default: 4 MiB.
        public static let defaultMaximumBufferedBodySize = 4 << 20

        /// Creates a configuration.
        public init(sendPolicy: OCISendPolicy = OCISendPolicy(), maximumBufferedBodySize: Int = Configuration.defaultMaximumBufferedBodySize,
                    excludeBody: [OCIExcludeBodyRule] = []) {
            self.sendPolicy = sendPolicy
            self.maximumBufferedBodySize = maximumBufferedBodySize
            self.excludeBody = excludeBody
        }
    }

    /// Where identities come from.
    public let identityProvider: any OCIIdentityProvider
    /// The configuration.
    public let configuration: Configuration
    private let logger: Logger?
    private let baseURLs = BaseURLCache()

    /// A middleware that signs with the provider's current identity.
    ///
    /// - Parameters:
    ///   - identityProvider: Asked for an identity for every request, refreshed after a `401`.
    ///   - configuration: Body rules and the send policy.
    ///   - logger: Told at debug level what is signed (signed header names, redacted key id,
    ///     retries); never a key, token or signature.
    public init(identityProvider: some OCIIdentityProvider, configuration: Configuration = Configuration(), logger: Logger? = nil) {
        self.identityProvider = identityProvider
        self.configuration = configuration
        self.logger = logger
    }

    /// A middleware that signs with one fixed key (no refresh is possible, so a `401` is
    /// returned without a retry).
    public init(signer: OCIRequestSigner, configuration: Configuration = Configuration(), logger: Logger? = nil) {
        self.init(identityProvider: OCIStaticIdentityProvider(keyID: signer.keyID, privateKey: signer.privateKey),
                  configuration: configuration, logger: logger)
    }

    /// Signs the request for the wire form the transport will send, then calls `next` with
    /// the relative request plus the added header fields; again after a `401` when the policy says so.
    ///
    /// - Throws: `OCISigningError` before anything is sent (`bodyTooLargeToBuffer`,
    ///   `invalidTarget`, identity errors…), or what `next` throws.
    public func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let wire = try OpenAPIWire.wire(of: request, base: baseURLs.parts(of: baseURL))
        let path = wire.pathWithoutQuery
        let excluded = configuration.excludeBody.contains { $0.matches(method: request.method, path: path, operationID: operationID) }
        let prepared = try await SignableOpenAPIBody.prepare(body, excluded: excluded, limit: configuration.maximumBufferedBodySize, operationID: operationID)
        var wireRequest = request
        wireRequest.scheme = wire.scheme
        wireRequest.authority = wire.authority
        wireRequest.path = wire.target
        let logger = self.logger
        return try await configuration.sendPolicy.send(
            host: wire.authority, provider: identityProvider, options: SigningOptions(excludeBody: excluded),
            attempt: { attempt in
                let signed = try attempt.sign(wireRequest, body: prepared.signingBody)
                var relative = request
                relative.headerFields[values: .authorization] = []
                relative.headerFields.append(contentsOf: attempt.addedFields(to: request.headerFields))
                relative.headerFields.append(contentsOf: signed.addedFields)
                logger?.debug("signed \(request.method.rawValue) \(wire.target)", metadata: [
                    "operation": "\(operationID)", "host": "\(wire.authority)", "attempt": "\(attempt.number)",
                    "keyId": "\(attempt.identity.redactedKeyID)", "headers": "\(signed.signedHeaders.joined(separator: " "))"])
                return try await next(relative, prepared.body, baseURL)
            },
            head: { OCIResponseHead(status: $0.0.status.code, date: $0.0.headerFields[.date]) },
            discard: { _, body in if let body { _ = try? await Self.drain(body) } },
            onEvent: { logger?.debug("\($0)", metadata: ["operation": "\(operationID)"]) })
    }

    /// Reads and drops a rejected response's body (at most 64 KiB of it).
    static func drain(_ body: HTTPBody) async throws {
        var seen = 0
        for try await chunk in body {
            seen += chunk.count
            if seen > 64 << 10 { break }
        }
    }
}
#endif
