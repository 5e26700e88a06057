internal import CLibCrypto

/// libcrypto's SHA-256 implementation, fetched once per process.
///
/// `EVP_sha256()` returns a legacy descriptor that OpenSSL 3 resolves to the provider's
/// implementation on every `EVP_DigestInit_ex` (a locked lookup in the method store). Fetching
/// it once with `EVP_MD_fetch` and passing the fetched object skips that lookup on the hot path.
/// The object is immutable and thread-safe; it lives for the whole process (never freed).
final class SHA256Algorithm: @unchecked Sendable {
    let pointer: OpaquePointer

    static let shared = SHA256Algorithm()

    private init() {
        if let fetched = EVP_MD_fetch(nil, "SHA256", nil) {
            pointer = fetched
        } else {
            // No default provider SHA-256: fall back to the legacy descriptor, which then fails
            // in the same place it always would have, with libcrypto's own error.
            pointer = EVP_sha256()
        }
    }

    // Never runs for `shared` (process lifetime); kept so the pointer has exactly one owner.
    // EVP_MD_free ignores the static legacy descriptor of the fallback.
    deinit { EVP_MD_free(pointer) }
}
