#if AsyncHTTPClient
import AsyncHTTPClient
import HTTPTypes
import Logging
import NIOCore
import OCISigning

extension HTTPClient {
    /// Signs a request with an identity from `provider` and executes it by the rules of
    /// ``OCISigning/OCISendPolicy``: signed afresh for each attempt, one refresh and one retry
    /// after a `401`, an `opc-request-id` when the request has none.
    ///
    /// ```swift
    /// let response = try await HTTPClient.shared.execute(request, body: .bytes(json), signedWith: provider, timeout: .seconds(30))
    /// ```
    ///
    /// A retry sends the body again: bytes and ``SignableHTTPClientBody/replayableStream(_:length:)``
    /// bodies are re-sent; a ``SignableHTTPClientBody/stream(_:length:digest:)`` body may be a
    /// single-pass stream, so a `401` to it is returned without a retry.
    ///
    /// - Parameters:
    ///   - request: URL, method and headers; `body` must be nil.
    ///   - body: The body to sign and send.
    ///   - provider: Where the identity comes from.
    ///   - policy: The send rules (refresh, retry, clock skew).
    ///   - options: Exclude-body operations; a fixed date.
    ///   - timeout: The deadline for each attempt, as in `execute(_:timeout:)`.
    ///   - logger: Given to AsyncHTTPClient, and told at debug level about rejections, refreshes
    ///     and retries; never a secret.
    /// - Returns: The last attempt's response (its body still to be read).
    /// - Throws: `OCISigningError` before anything is sent, or AsyncHTTPClient's errors.
    public func execute(
        _ request: HTTPClientRequest, body: SignableHTTPClientBody = .empty, signedWith provider: some OCIIdentityProvider,
        policy: OCISendPolicy = OCISendPolicy(), options: SigningOptions = SigningOptions(), timeout: TimeAmount,
        logger: Logger? = nil
    ) async throws -> HTTPClientResponse {
        let host = try AsyncHTTPClientWire(url: request.url).authority
        return try await policy.send(
            host: host, provider: provider, options: options, canResend: body.replayable,
            attempt: { attempt in
                var prepared = request
                var existing = HTTPFields()
                for (name, value) in request.headers { if let fieldName = HTTPField.Name(name) { existing.append(HTTPField(name: fieldName, value: value)) } }
                for field in attempt.addedFields(to: existing) { prepared.headers.add(name: field.name.rawName, value: field.value) }
                let signed = try attempt.signer.sign(prepared, body: body, options: attempt.options)
                logger?.debug("sending a signed request", metadata: ["attempt": "\(attempt.number)", "keyId": "\(attempt.identity.redactedKeyID)"])
                return try await self.execute(signed.request, timeout: timeout, logger: logger)
            },
            head: { OCIResponseHead(status: Int($0.status.code), date: $0.headers.first(name: "date")) },
            discard: { response in _ = try? await response.body.collect(upTo: 1 << 20) },
            onEvent: { logger?.debug("\($0)") })
    }
}
#endif
