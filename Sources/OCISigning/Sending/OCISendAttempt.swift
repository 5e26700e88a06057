import HTTPTypes

/// One attempt of a send: the identity and signer to use, the signing options (with the
/// corrected date when clock-skew correction applies) and the headers to add.
public struct OCISendAttempt: Sendable {
    /// 1 for the first attempt, 2 for the retry after a `401`.
    public let number: Int
    /// The identity this attempt signs as.
    public let identity: OCISigningIdentity
    /// A signer for ``identity``.
    public let signer: OCIRequestSigner
    /// The options to sign with.
    public let options: SigningOptions
    /// The `opc-request-id` to send when the request has none; `nil` when the policy adds none.
    public let requestID: String?

    /// Creates an attempt (adapters receive one from ``OCISendPolicy``; tests may build one).
    public init(number: Int, identity: OCISigningIdentity, signer: OCIRequestSigner, options: SigningOptions, requestID: String?) {
        self.number = number
        self.identity = identity
        self.signer = signer
        self.options = options
        self.requestID = requestID
    }

    /// The header fields to add to a request that has `fields` before signing it: the
    /// `opc-request-id` and the identity's `opc-obo-token`, each only when absent.
    public func addedFields(to fields: HTTPFields) -> HTTPFields {
        var added = HTTPFields()
        if let requestID, fields[.opcRequestID] == nil {
            added.append(HTTPField(name: .opcRequestID, value: requestID))
        }
        if let token = identity.delegationToken, fields[.opcOboToken] == nil {
            added.append(HTTPField(name: .opcOboToken, value: token))
        }
        return added
    }

    /// Adds ``addedFields(to:)`` to `request` and signs it with ``signer`` and ``options``.
    ///
    /// - Parameters:
    ///   - request: The request as the transport will send it (wire target and host).
    ///   - body: The body bytes, file or digest.
    /// - Returns: The signed request; its ``SignedRequest/addedFields`` do not include the
    ///   fields added here, which are in ``SignedRequest/request``.
    public func sign(_ request: HTTPRequest, body: RequestBody = .empty) throws(OCISigningError) -> SignedRequest {
        var request = request
        request.headerFields.append(contentsOf: addedFields(to: request.headerFields))
        return try signer.sign(request, body: body, options: options)
    }
}

/// What the send policy needs to know about a response: its status and `Date` header.
public struct OCIResponseHead: Sendable, Hashable {
    /// The status code.
    public var status: Int
    /// The `Date` header, when present.
    public var date: String?

    /// Creates a response head.
    public init(status: Int, date: String? = nil) {
        self.status = status
        self.date = date
    }
}

/// Something the send policy did, for an adapter's logger. Never holds a secret: key ids are
/// redacted.
public enum OCISendEvent: Sendable {
    /// The service answered `401` to a request signed as `keyID`.
    case rejected(status: Int, keyID: String, requestID: String?)
    /// The provider refreshed the identity; `differs` says whether it is another credential.
    case identityRefreshed(keyID: String, differs: Bool)
    /// The provider could not refresh; the `401` is returned.
    case refreshFailed(OCISigningError)
    /// The host's clock is `offsetSeconds` ahead of ours (negative: behind); dates are corrected.
    case clockSkewCorrected(host: String, offsetSeconds: Int64)
    /// The measured offset is beyond the correction's bound and was not applied.
    case clockSkewIgnored(host: String, offsetSeconds: Int64)
    /// The request is signed again and re-sent.
    case retrying(attempt: Int)
    /// A `401` is returned without a retry, for `reason`.
    case notRetried(reason: String)
}

extension OCISendEvent: CustomStringConvertible {
    /// One line for a log, without secrets.
    public var description: String {
        switch self {
        case .rejected(let status, let keyID, let requestID):
            return "OCI answered \(status) to a request signed as \(keyID) (opc-request-id \(requestID ?? "none"))"
        case .identityRefreshed(let keyID, let differs):
            return differs ? "refreshed the identity: now \(keyID)" : "refreshed the identity: unchanged (\(keyID))"
        case .refreshFailed(let error):
            return "refreshing the identity failed: \(error)"
        case .clockSkewCorrected(let host, let offset):
            return "clock skew for \(host): \(offset) s; signing with the corrected time"
        case .clockSkewIgnored(let host, let offset):
            return "clock skew for \(host): \(offset) s, beyond the correction's bound; not applied"
        case .retrying(let attempt):
            return "signing again and sending attempt \(attempt)"
        case .notRetried(let reason):
            return "not retrying: \(reason)"
        }
    }
}
