import HTTPTypes

/// The rules every adapter follows when it sends a signed request — URLSession, AsyncHTTPClient
/// and the OpenAPI middleware all run this one implementation, so the three stacks behave alike:
///
/// 1. Every attempt is signed afresh: a new `date` and a signature with the provider's current
///    identity (a request is never re-sent with an old signature).
/// 2. A `401` answer makes the provider refresh the identity once
///    (``OCIIdentityProvider/refresh(afterRejectionOf:)``); the request is retried once, and only
///    when the refreshed identity ``OCISigningIdentity/differs(from:)`` the rejected one (a fixed
///    key would only be rejected again) — unless ``retryWithSameIdentity`` is set.
/// 3. Optionally (``clockSkew``, off by default) a `401` whose `Date` is far from the local
///    clock records that host's offset; this and later requests to the host are signed with the
///    corrected time, and the rejected request is retried once.
/// 4. An `opc-request-id` is added when the request has none (the same one on every attempt,
///    so a support case can find every try), and the identity's delegation token as
///    `opc-obo-token`.
///
/// The policy is pure: it does no I/O itself. An adapter passes a closure that signs and sends
/// one attempt with the ``OCISendAttempt`` it receives, and one that reads a response's status
/// and `Date`:
///
/// ```swift
/// let response = try await policy.send(host: "iaas.us-ashburn-1.oraclecloud.com", provider: provider,
///     attempt: { attempt in try await transport.send(try attempt.sign(request, body: .bytes(json))) },
///     head: { OCIResponseHead(status: $0.status.code, date: $0.headerFields[.date]) })
/// ```
public struct OCISendPolicy: Sendable {
    /// After a `401`, ask the provider for a new identity and retry once. Default `true`.
    public var refreshesAfterRejection: Bool
    /// Retry after a `401` even when the refreshed identity is the rejected one. Default `false`:
    /// re-sending with the same credential only earns a second `401`.
    public var retryWithSameIdentity: Bool
    /// Per-host clock-skew correction from a `401`'s `Date`; `nil` (the default) leaves the date
    /// to the local clock. Share one instance between sends so what it learns is kept.
    public var clockSkew: OCIClockSkewCorrection?
    /// Add an `opc-request-id` when the request has none. Default `true`.
    public var addsRequestID: Bool
    /// Sign with 1024–2047-bit keys (Oracle's published test key has 1024 bits). Default `false`.
    public var allowsWeakKeys: Bool
    /// The local clock, for the signed date and for skew measurement.
    public var now: @Sendable () -> HTTPDate

    /// Creates a policy; the defaults are the rules above with clock-skew correction off.
    public init(refreshesAfterRejection: Bool = true, retryWithSameIdentity: Bool = false,
                clockSkew: OCIClockSkewCorrection? = nil, addsRequestID: Bool = true,
                allowsWeakKeys: Bool = false, now: @escaping @Sendable () -> HTTPDate = { .now() }) {
        self.refreshesAfterRejection = refreshesAfterRejection
        self.retryWithSameIdentity = retryWithSameIdentity
        self.clockSkew = clockSkew
        self.addsRequestID = addsRequestID
        self.allowsWeakKeys = allowsWeakKeys
        self.now = now
    }

    /// Signs and sends a request by these rules: at most two attempts.
    ///
    /// - Parameters:
    ///   - host: The `Host` the request is sent to (clock-skew offsets are kept per host).
    ///   - provider: Where the identity comes from; asked once per call, refreshed at most once.
    ///   - options: Exclude-body and date options. A `date` set here is used as is and turns
    ///     clock-skew correction off for this call.
    ///   - canResend: Whether the body can be sent a second time; when `false` a `401` is
    ///     returned without a retry (a single-pass stream is gone after the first attempt).
    ///   - attempt: Signs (with ``OCISendAttempt/sign(_:body:)`` or the attempt's signer and
    ///     options) and sends one attempt, returning the response.
    ///   - head: The status and `Date` of a response.
    ///   - discard: Releases a rejected response before the retry (drain its body).
    ///   - onEvent: Told about rejections, refreshes, skew corrections and retries (for logging).
    /// - Returns: The last attempt's response: a `401` when the retry was not made or failed too.
    /// - Throws: What `provider.identity()`, signing or `attempt` throws. A failed refresh is
    ///   reported to `onEvent` and the `401` is returned, since the service's answer says more.
    public func send<Response>(
        host: String,
        provider: some OCIIdentityProvider,
        options: SigningOptions = .init(),
        canResend: Bool = true,
        attempt: (OCISendAttempt) async throws -> Response,
        head: (Response) -> OCIResponseHead,
        discard: (Response) async -> Void = { _ in },
        onEvent: (OCISendEvent) -> Void = { _ in }
    ) async throws -> Response {
        let requestID = addsRequestID ? OCIRequestID.make() : nil
        var identity = try await provider.identity()
        var number = 1
        while true {
            let current = OCISendAttempt(
                number: number, identity: identity, signer: try identity.makeSigner(allowWeakKey: allowsWeakKeys),
                options: await signingOptions(options, host: host), requestID: requestID)
            let response = try await attempt(current)
            let status = head(response)
            guard status.status == 401, number == 1 else { return response }
            onEvent(.rejected(status: status.status, keyID: identity.redactedKeyID, requestID: requestID))
            guard canResend else {
                onEvent(.notRetried(reason: "the body cannot be sent a second time"))
                return response
            }
            let (retry, refreshed) = await decideRetry(after: status, host: host, options: options,
                                                       provider: provider, rejected: identity, onEvent: onEvent)
            guard retry else { return response }
            identity = refreshed
            await discard(response)
            number += 1
            onEvent(.retrying(attempt: number))
        }
    }

    /// The options for one attempt: the caller's date, or the policy's clock (corrected by the
    /// host's recorded skew when correction is on), read afresh for every attempt.
    func signingOptions(_ options: SigningOptions, host: String) async -> SigningOptions {
        guard options.date == nil else { return options }
        var dated = options
        if let clockSkew {
            dated.date = await clockSkew.correctedDate(now(), host: host)
        } else {
            dated.date = now()
        }
        return dated
    }

    /// After a 401: whether a retry can succeed (new identity, or newly corrected clock), and
    /// the identity to retry with.
    func decideRetry(after rejection: OCIResponseHead, host: String, options: SigningOptions,
                     provider: some OCIIdentityProvider, rejected: OCISigningIdentity,
                     onEvent: (OCISendEvent) -> Void) async -> (Bool, OCISigningIdentity) {
        var retry = false
        if options.date == nil, let clockSkew, let text = rejection.date, let serverDate = try? HTTPDate(imfFixdate: text) {
            switch await clockSkew.record(serverDate: serverDate, localDate: now(), host: host) {
            case .corrected(let offset):
                onEvent(.clockSkewCorrected(host: host, offsetSeconds: offset))
                retry = true
            case .outOfBounds(let offset):
                onEvent(.clockSkewIgnored(host: host, offsetSeconds: offset))
            case .unchanged:
                break
            }
        }
        var identity = rejected
        if refreshesAfterRejection {
            do {
                identity = try await provider.refresh(afterRejectionOf: rejected)
                let differs = identity.differs(from: rejected)
                onEvent(.identityRefreshed(keyID: identity.redactedKeyID, differs: differs))
                if differs || retryWithSameIdentity { retry = true }
            } catch {
                onEvent(.refreshFailed(error))
                identity = rejected
            }
        }
        if !retry { onEvent(.notRetried(reason: "the refreshed identity is the rejected one")) }
        return (retry, identity)
    }
}
