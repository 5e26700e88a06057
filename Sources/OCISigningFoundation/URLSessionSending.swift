import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HTTPTypes
import Logging
import OCISigning

extension URLSession {
    /// Signs a request with an identity from `provider` and sends it by the rules of
    /// `OCISendPolicy` (OCISigning): signed afresh for each attempt, one refresh and one retry
    /// after a `401`, an `opc-request-id` when the request has none.
    ///
    /// ```swift
    /// let (data, response) = try await URLSession.shared.send(request, body: .bytes(json), signedWith: provider)
    /// ```
    ///
    /// - Parameters:
    ///   - request: URL, method and headers as they will be sent; a body as `httpBody` or `body`.
    ///   - body: The body to send instead of `httpBody`: bytes (`upload(for:from:)`) or a file
    ///     (`upload(for:fromFile:)`). A bare digest cannot be sent and is refused.
    ///   - provider: Where the identity comes from.
    ///   - policy: The send rules (refresh, retry, clock skew).
    ///   - options: Exclude-body operations; a fixed date.
    ///   - logger: Told at debug level about rejections, refreshes and retries; never a secret.
    /// - Returns: The last attempt's body and response.
    /// - Throws: `OCISigningError` (signing, identity, `unhashableBody`), or URLSession's errors.
    public func send(
        _ request: URLRequest, body: RequestBody? = nil, signedWith provider: some OCIIdentityProvider,
        policy: OCISendPolicy = OCISendPolicy(), options: SigningOptions = SigningOptions(), logger: Logger? = nil
    ) async throws -> (Data, HTTPURLResponse) {
        if case .digest = body {
            throw OCISigningError(.unhashableBody, "a digest alone cannot be sent: pass the body's bytes or file")
        }
        guard let url = request.url else { throw OCISigningError(.unsupportedURL, "the URLRequest has no URL") }
        let host = try URLSessionWire(url: url).authority
        return try await policy.send(
            host: host, provider: provider, options: options,
            attempt: { attempt in
                var prepared = request
                let existing = HTTPFields(request.allHTTPHeaderFields ?? [:])
                for field in attempt.addedFields(to: existing) { prepared.setValue(field.value, forHTTPHeaderField: field.name.rawName) }
                let signed = try attempt.signer.sign(prepared, body: body, options: attempt.options)
                logger?.debug("sending a signed request", metadata: ["attempt": "\(attempt.number)", "keyId": "\(attempt.identity.redactedKeyID)"])
                return try await self.sendOnce(signed.urlRequest, body: body)
            },
            head: { OCIResponseHead(status: $0.1.statusCode, date: $0.1.value(forHTTPHeaderField: "Date")) },
            onEvent: { logger?.debug("\($0)") })
    }

    /// One attempt with the body where URLSession wants it.
    private func sendOnce(_ request: URLRequest, body: RequestBody?) async throws -> (Data, HTTPURLResponse) {
        let (data, response): (Data, URLResponse)
        switch body {
        case .bytes(let bytes): (data, response) = try await upload(for: request, from: Data(bytes))
        case .file(let path): (data, response) = try await upload(for: request, fromFile: URL(fileURLWithPath: path))
        case .empty, .digest, nil: (data, response) = try await self.data(for: request)
        }
        guard let http = response as? HTTPURLResponse else {
            throw OCISigningError(.unsupportedURL, "the response to \(request.url?.absoluteString ?? "the request") is not an HTTP response")
        }
        return (data, http)
    }
}

extension HTTPFields {
    /// Fields from a `URLRequest`'s header dictionary (names that are not valid are skipped:
    /// they only matter to the question "is this header present").
    init(_ dictionary: [String: String]) {
        self.init()
        for (name, value) in dictionary {
            if let fieldName = HTTPField.Name(name) { append(HTTPField(name: fieldName, value: value)) }
        }
    }
}
