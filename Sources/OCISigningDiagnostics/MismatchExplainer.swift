import HTTPTypes
import OCISigning

/// Finds out why a signature does not verify. The RSA signature is checked against each
/// candidate signing string the other signer may have built (``MismatchCatalogue``, singly and
/// in pairs); the first that verifies names the mistake. This finds the bug in either party's
/// signer, so a client debugging a 401 and a server logging one can both use it.
public struct MismatchExplainer: Sendable {
    /// The key that must have made the signature.
    public let publicKey: OCIPublicKey
    /// The verification the request failed (clock, excluded body).
    public let options: VerificationOptions

    /// An explainer for signatures made by `publicKey`'s private half.
    public init(publicKey: OCIPublicKey, options: VerificationOptions = .init()) {
        self.publicKey = publicKey
        self.options = options
    }

    /// Most names in `headers=` the search runs for; a longer list is reported, not searched
    /// (each variant multiplies over the signed headers, and pairs over that again).
    public static let maxSignedHeaders = 64
    /// Most candidate signing strings checked in one search.
    public static let maxCandidates = 20_000
    /// Most candidate bytes built in one search (256 MiB).
    public static let maxCandidateBytes = 256 << 20

    /// Verifies `request` with `body` and, when it fails, searches for the variant that the
    /// signature matches.
    ///
    /// - Parameters:
    ///   - request: The request as received, with its `Authorization`.
    ///   - body: The body received.
    ///   - connectionHosts: The `host:port` a capture says the client connected to (the host a
    ///     client signs from its URL); tried as the signed host when it differs from `Host`.
    public func explain(_ request: HTTPRequest, body: [UInt8], connectionHosts: [String] = []) -> Explanation {
        let verification = OCIRequestVerifier(publicKey: publicKey)
            .verify(request, body: body.isEmpty ? .empty : .bytes(body), options: options)
        var explanation = search(request, body: body, verification: verification, connectionHosts: connectionHosts)
        if case .fingerprintMismatch(let named, let actual)? = verification.failure?.reason {
            explanation.fingerprintMismatch = .init(keyIDFingerprint: named, keyFingerprint: actual)
        }
        explanation.excludeBodyOperation = Self.excludeBodyOperation(verification, request: request, options: options)
        return explanation
    }

    func search(_ request: HTTPRequest, body: [UInt8], verification: VerificationResult, connectionHosts: [String]) -> Explanation {
        guard let authorization = try? OCIRequestVerifier.authorization(of: request) else {
            return Explanation(verification: verification)
        }
        // Before the signing string is rebuilt: each name is a lookup over every field.
        guard authorization.signedHeaders.count <= Self.maxSignedHeaders else {
            var bounded = Explanation(verification: verification)
            bounded.notTried = "every variant: headers= lists \(authorization.signedHeaders.count) names, more than the \(Self.maxSignedHeaders) the search runs for"
            return bounded
        }
        guard let components = try? OCIRequestVerifier.signingComponents(of: request, signedHeaders: authorization.signedHeaders)
        else {
            return Explanation(verification: verification)
        }
        let context = VariantContext(
            headerFields: request.headerFields, body: body, authorization: authorization,
            unlistedRequiredLines: Self.unlistedRequiredLines(request, listed: authorization.signedHeaders, excludeBody: options.excludeBody),
            hostHints: Self.hostHints(request, connectionHosts: connectionHosts))
        let search = CandidateSearch(received: SignatureCandidate(base: SignatureBase(components)), signature: authorization.signature,
                                     publicKey: publicKey, context: context)
        if search.verifies(search.received) {
            return Explanation(verification: verification, received: search.received, signatureMatchesReceived: true,
                               bodyChange: Self.bodyChange(verification, request: request, body: body), totalCandidates: 1)
        }
        return search.run(verification)
    }

    /// The lines of the required headers the request carries but `headers="…"` does not list.
    static func unlistedRequiredLines(_ request: HTTPRequest, listed: [String], excludeBody: Bool) -> [SignedComponent] {
        let lowered = Set(listed.map { $0.lowercased() })
        return OCIRequestVerifier.requiredHeaders(for: request.method, excludeBody: excludeBody).compactMap { name in
            guard !lowered.contains(name), !(name == "date" && lowered.contains("x-date")) else { return nil }
            return (try? OCIRequestVerifier.signingComponents(of: request, signedHeaders: [name]))?.first
        }
    }

    /// Hosts the client may have signed: forwarding headers, then the capture's connections
    /// (with the default port dropped too, as clients sign a URL's host), without the Host sent.
    static func hostHints(_ request: HTTPRequest, connectionHosts: [String]) -> [String] {
        var hints: [String] = []
        for name in ["x-forwarded-host", "x-original-host", "x-host"] {
            if let field = HTTPField.Name(name), let value = request.headerFields[values: field].first {
                hints += value.split(separator: ",").map { String($0.filter { $0 != " " }) }
            }
        }
        if let forwarded = request.headerFields[values: HTTPField.Name("forwarded")!].first {
            for part in forwarded.split(whereSeparator: { $0 == ";" || $0 == "," }) {
                let pair = part.filter { $0 != " " && $0 != "\"" }
                if pair.lowercased().hasPrefix("host=") { hints.append(String(pair.dropFirst(5))) }
            }
        }
        for host in connectionHosts {
            hints.append(host)
            let parsed = HostInspection(host)
            if parsed.port == "443" || parsed.port == "80" { hints.append(parsed.name) }
        }
        var seen: Set<String> = [(try? SignatureBase.host(of: request)) ?? ""]
        return hints.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// The exclude-body operation (`OCIExcludeBodyOperation` of OCISigning) a request is, when it failed
    /// for an unsigned body header and was verified without `excludeBody`.
    ///
    /// - Parameters:
    ///   - verification: The result of verifying `request`.
    ///   - request: The request as received.
    ///   - options: The verification options used.
    public static func excludeBodyOperation(_ verification: VerificationResult, request: HTTPRequest, options: VerificationOptions) -> String? {
        guard !options.excludeBody, case .missingSignedHeader(let name)? = verification.failure?.reason,
              SigningPolicy.bodyHeaders.contains(name), let path = request.path else { return nil }
        return OCIExcludeBodyOperation.matching(method: request.method, path: path)?.name
    }

    /// When the signature is right but verification failed on the body: the body change that
    /// makes the body match its declared headers.
    static func bodyChange(_ verification: VerificationResult, request: HTTPRequest, body: [UInt8]) -> BodyChange? {
        switch verification.failure?.reason {
        case .bodyHashMismatch?, .contentLengthMismatch?: break
        default: return nil
        }
        let declaredHash = request.headerFields[values: .xContentSHA256].first
        let declaredLength = request.headerFields[values: .contentLength].first
        return MismatchCatalogue.bodyChanges.first { change in
            guard let signedBody = change.signedBody(body) else { return false }
            let digest = ContentDigest(bytes: signedBody)
            return (declaredHash == nil || declaredHash == digest.base64) && (declaredLength == nil || declaredLength == String(digest.length))
        }
    }
}
