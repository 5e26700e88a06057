/// Where a signed header's value came from — what a debugging dump needs to explain it.
public enum HeaderOrigin: String, Sendable, Hashable {
    /// Taken verbatim from the request.
    case given
    /// Derived from the request line or authority (`(request-target)`, `host`).
    case derived
    /// Filled with a default because the request had none (`content-type`).
    case defaulted
    /// Computed by the signer (`date`, `content-length`, `x-content-sha256`).
    case computed
}
