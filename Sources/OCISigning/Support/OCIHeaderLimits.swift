import HTTPTypes

/// How many header fields, and how many header bytes, a request may carry anywhere this package
/// turns headers into `HTTPFields` (the raw request parser, the HTTP client adapters, the
/// signer and the verifier).
///
/// `HTTPFields` itself stops the process with a precondition failure at 65,535 fields; these
/// limits sit far below that and far above any real OCI request (OCI's front ends refuse heads
/// of tens of KiB), so a hostile or runaway header list is refused with a typed error
/// (``OCISigningError/Code/tooManyHeaders``) before anything is built.
public enum OCIHeaderLimits {
    /// Most header fields in one request.
    public static let maxFieldCount = 1_000
    /// Most header bytes in one request (2 MiB): every name and value, plus 4 bytes a field for
    /// `": "` and the line ending. Above the signer's 64 KiB and 1 MiB per-value refusals, so a
    /// single oversize value is still reported as that value's problem.
    public static let maxTotalBytes = 2 << 20

    /// Longest key id signed or accepted in an `Authorization` header (16 KiB): a
    /// `tenancy/user/fingerprint` id is under 300 bytes and a session-token id (`ST$` and a
    /// JWT) a few KiB. Enforced by ``OCIRequestSigner/init(keyID:privateKey:allowWeakKey:)`` and
    /// ``SignatureAuthorization/init(parsing:)``.
    public static let maxKeyIDLength = 16 << 10

    /// The bytes one field counts for.
    static func bytes(name: Int, value: Int) -> Int { name + value + 4 }

    /// Checks fields already built (the verifier's and the signer's input).
    ///
    /// - Throws: ``OCISigningError/Code/tooManyHeaders`` naming the count or the byte total.
    public static func check(_ fields: HTTPFields) throws(OCISigningError) {
        var total = 0
        var count = 0
        for field in fields {
            count += 1
            total += bytes(name: field.name.rawName.utf8.count, value: field.value.utf8.count)
            try check(count: count, bytes: total)
        }
    }

    /// Checks a running count and byte total (for a parser counting as it reads); throws the
    /// first time either is over its limit.
    ///
    /// - Throws: ``OCISigningError/Code/tooManyHeaders``, naming `line` when given.
    public static func check(count: Int, bytes: Int, line: Int? = nil) throws(OCISigningError) {
        if count > maxFieldCount {
            throw OCISigningError(.tooManyHeaders, "the request has more than \(maxFieldCount) header fields; that many are refused", line: line)
        }
        if bytes > maxTotalBytes {
            throw OCISigningError(.tooManyHeaders, "the request's header fields add up to more than \(maxTotalBytes) bytes; that much is refused", line: line)
        }
    }
}
