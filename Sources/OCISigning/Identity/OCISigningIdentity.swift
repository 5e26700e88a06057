/// Everything needed to sign one request as one principal: the key id, the private key that
/// matches it, and what is known about where it came from and how long it lasts.
///
/// Identities are produced by an ``OCIIdentityProvider``. A value is immutable: a refreshed
/// token or a re-read key is a new identity. Its `description` never shows the token inside a
/// `ST$` key id, nor key material.
public struct OCISigningIdentity: Sendable, CustomStringConvertible {
    /// The `keyId` of the `Authorization` header: `tenancy/user/fingerprint` for an API key,
    /// `ST$<token>` for every token-based principal. Holds a bearer secret for the latter:
    /// display ``redactedKeyID``.
    public let keyID: String
    /// The private key whose public half the key id names.
    public let privateKey: OCIPrivateKey
    /// When the identity stops being accepted, if it expires (a token's JWT `exp`).
    public let expiresAt: HTTPDate?
    /// The region the identity belongs to, when its source says (`us-ashburn-1`).
    public let region: String?
    /// The tenancy OCID, when its source says.
    public let tenancy: String?
    /// A delegation token sent and signed as `opc-obo-token` with every request, if any.
    public let delegationToken: String?
    /// What kind of principal this is.
    public let kind: Kind
    /// Where it came from, for people: `profile [DEFAULT] in /home/me/.oci/config`,
    /// `instance metadata at http://169.254.169.254/opc/v2`. Never holds a secret.
    public let source: String
    /// When it was obtained; a refresh after a rejection never returns an identity obtained
    /// earlier than the rejected one.
    public let obtainedAt: HTTPDate

    /// Creates an identity.
    ///
    /// - Parameters:
    ///   - keyID: The key id; see ``keyID``.
    ///   - privateKey: The key that signs.
    ///   - kind: The kind of principal.
    ///   - source: A description of the origin, without secrets.
    ///   - expiresAt: The expiry, for tokens.
    ///   - region: The region, if known.
    ///   - tenancy: The tenancy OCID, if known.
    ///   - delegationToken: An `opc-obo-token` to send with every request.
    ///   - obtainedAt: When it was obtained; defaults to now.
    public init(keyID: String, privateKey: OCIPrivateKey, kind: Kind, source: String, expiresAt: HTTPDate? = nil,
                region: String? = nil, tenancy: String? = nil, delegationToken: String? = nil,
                obtainedAt: HTTPDate = .now()) {
        self.keyID = keyID
        self.privateKey = privateKey
        self.kind = kind
        self.source = source
        self.expiresAt = expiresAt
        self.region = region
        self.tenancy = tenancy
        self.delegationToken = delegationToken
        self.obtainedAt = obtainedAt
    }

    /// The key id with any session token replaced by its first characters and length.
    public var redactedKeyID: String { KeyIDRedaction.redacted(keyID) }

    /// Whether the identity is expired at `now`, treating the last `margin` seconds before
    /// expiry as expired already (a request signed then may arrive too late).
    public func isExpired(at now: HTTPDate, margin: Int64 = 0) -> Bool {
        guard let expiresAt else { return false }
        return now.secondsSince1970 >= expiresAt.secondsSince1970 - margin
    }

    /// A signer for this identity (see ``OCIRequestSigner``).
    public func makeSigner(allowWeakKey: Bool = false) throws(OCISigningError) -> OCIRequestSigner {
        try OCIRequestSigner(keyID: keyID, privateKey: privateKey, allowWeakKey: allowWeakKey)
    }

    /// No secrets: kind, source, redacted key id, expiry.
    public var description: String {
        var text = "OCISigningIdentity(\(kind), keyId: \(redactedKeyID), source: \(source)"
        if let expiresAt { text += ", expires: \(expiresAt.imfFixdate)" }
        if let region { text += ", region: \(region)" }
        if delegationToken != nil { text += ", delegation token: yes" }
        return text + ")"
    }
}

extension OCISigningIdentity {
    /// The kind of principal an identity signs as. Raw values are the `oci` CLI's `--auth`
    /// names where one exists.
    public struct Kind: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A user's API key: `tenancy/user/fingerprint`.
        public static let apiKey = Kind(rawValue: "api_key")
        /// A user session token (`oci session authenticate`), `security_token_file`.
        public static let securityToken = Kind(rawValue: "security_token")
        /// A compute instance, through instance metadata and X.509 federation.
        public static let instancePrincipal = Kind(rawValue: "instance_principal")
        /// A resource (function, job, notebook…) through `OCI_RESOURCE_PRINCIPAL_*`.
        public static let resourcePrincipal = Kind(rawValue: "resource_principal")
        /// A Kubernetes pod on OKE through its service-account token.
        public static let okeWorkloadIdentity = Kind(rawValue: "oke_workload_identity")
    }
}
