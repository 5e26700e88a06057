/// What a verifier needs to know that the request itself does not say.
public struct VerificationOptions: Sendable, Hashable {
    /// The operation leaves the body out of the signature (Object Storage PutObject and
    /// UploadPart, Streaming PutMessages, …; spec §2.2): only the generic headers are required
    /// for POST, PUT and PATCH. Body headers that *are* signed or sent are still checked.
    public var excludeBody: Bool
    /// The largest accepted difference, in seconds, between the signed `date`/`x-date` and
    /// ``now``, either way. OCI allows 5 minutes.
    public var maxClockSkew: Int64
    /// The verifier's clock; `nil` reads the system clock at verification time. Inject a fixed
    /// date to verify recorded requests (Oracle's vectors are dated 2014).
    public var now: HTTPDate?
    /// Accept public keys of 1024 to 2047 bits, as ``OCIRequestSigner`` does with
    /// `allowWeakKey` (Oracle's published test key has 1024 bits). Keys under 1024 bits are
    /// always refused, the same rule as on the signing side.
    public var allowWeakKey: Bool

    /// OCI's clock-skew window: 300 seconds.
    public static let defaultMaxClockSkew: Int64 = 300

    /// Creates options.
    public init(excludeBody: Bool = false, maxClockSkew: Int64 = VerificationOptions.defaultMaxClockSkew, now: HTTPDate? = nil,
                allowWeakKey: Bool = false) {
        self.excludeBody = excludeBody
        self.maxClockSkew = maxClockSkew
        self.now = now
        self.allowWeakKey = allowWeakKey
    }
}
