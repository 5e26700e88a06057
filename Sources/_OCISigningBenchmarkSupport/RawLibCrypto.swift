internal import CLibCrypto

/// Bare libcrypto operations with no OCI logic at all: the floor `oci-sign bench` and
/// `Benchmarks/` measure the engine against, in the same process and run (like `openssl speed`).
public enum RawLibCrypto {
    /// SHA-256 fetched once from OpenSSL 3's method store (immutable, shared across threads).
    nonisolated(unsafe) static let sha256Algorithm = EVP_MD_fetch(nil, "SHA256", nil)

    /// Streams `blockCount` updates of `block` into one SHA-256 context: raw streaming throughput.
    /// Returns the digest's first byte so the work cannot be optimised away.
    @discardableResult
    public static func sha256Streaming(_ block: UnsafeRawBufferPointer, blockCount: Int) -> UInt8 {
        guard let ctx = EVP_MD_CTX_new() else { fatalError("EVP_MD_CTX_new: out of memory") }
        defer { EVP_MD_CTX_free(ctx) }
        _ = EVP_DigestInit_ex(ctx, sha256Algorithm, nil)
        for _ in 0..<blockCount { _ = EVP_DigestUpdate(ctx, block.baseAddress, block.count) }
        var out = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        var length: UInt32 = 0
        _ = withUnsafeMutableBytes(of: &out) { EVP_DigestFinal_ex(ctx, $0.baseAddress?.assumingMemoryBound(to: UInt8.self), &length) }
        return UInt8(truncatingIfNeeded: out.0)
    }

    /// ``sha256Streaming(_:blockCount:)`` over an array's bytes.
    @discardableResult
    public static func sha256(_ block: [UInt8], repeating count: Int) -> UInt8 {
        block.withUnsafeBytes { sha256Streaming($0, blockCount: count) }
    }

    /// The linked libcrypto's version text, e.g. `OpenSSL 3.0.19 27 Jan 2026`.
    public static var version: String { String(cString: OpenSSL_version(OPENSSL_VERSION)) }
}
