import CLibCrypto

/// Bare libcrypto operations with no OCI logic at all: the floor `oci-sign bench` measures the
/// signer against, in the same process and run (like `openssl speed`).
///
/// `package` access: for the bench command and tests of this package only, not public API.
package enum RawLibCrypto {
    /// Generates a fresh RSA key of `bits` bits in process (for benchmarks; never written anywhere).
    package static func generateRSAKey(bits: Int) throws(OCISigningError) -> OCIPrivateKey {
        LibCryptoErrors.clear()
        guard let ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_RSA, nil) else {
            throw LibCryptoErrors.failure("allocating a key generation context")
        }
        defer { EVP_PKEY_CTX_free(ctx) }
        guard EVP_PKEY_keygen_init(ctx) == 1, EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, Int32(bits)) == 1 else {
            throw LibCryptoErrors.failure("setting up RSA-\(bits) key generation")
        }
        var generated: OpaquePointer?
        guard EVP_PKEY_keygen(ctx, &generated) == 1, let generated else {
            throw LibCryptoErrors.failure("generating an RSA-\(bits) key")
        }
        return try OCIPrivateKey(key: EVPKey(taking: generated))
    }

    /// Streams `blockCount` updates of `block` into one SHA-256 context: raw streaming throughput.
    package static func sha256Streaming(_ block: UnsafeRawBufferPointer, blockCount: Int) {
        guard let ctx = EVP_MD_CTX_new() else { fatalError("EVP_MD_CTX_new: out of memory") }
        defer { EVP_MD_CTX_free(ctx) }
        _ = EVP_DigestInit_ex(ctx, SHA256Algorithm.shared.pointer, nil)
        for _ in 0..<blockCount { _ = EVP_DigestUpdate(ctx, block.baseAddress, block.count) }
        var out = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        var length: UInt32 = 0
        _ = withUnsafeMutableBytes(of: &out) { EVP_DigestFinal_ex(ctx, $0.baseAddress?.assumingMemoryBound(to: UInt8.self), &length) }
    }
}

/// The raw RSA private-key operation: `EVP_PKEY_sign` of a 32-byte digest (PKCS#1 v1.5,
/// SHA-256) through one `EVP_PKEY_CTX` initialised once, exactly what `openssl speed rsa2048`
/// times. One instance per task: the context is not shared.
package final class RawRSASigner: @unchecked Sendable {
    private let context: OpaquePointer
    private let digest = [UInt8](repeating: 0x5A, count: 32)
    private var signature: [UInt8]

    /// Prepares a context for `key`.
    package init(key: OCIPrivateKey) throws(OCISigningError) {
        LibCryptoErrors.clear()
        guard let ctx = EVP_PKEY_CTX_new(key.key.pointer, nil) else {
            throw LibCryptoErrors.failure("allocating an RSA signing context")
        }
        guard EVP_PKEY_sign_init(ctx) == 1,
              EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) == 1,
              EVP_PKEY_CTX_set_signature_md(ctx, SHA256Algorithm.shared.pointer) == 1
        else {
            EVP_PKEY_CTX_free(ctx)
            throw LibCryptoErrors.failure("initialising raw RSA signing")
        }
        context = ctx
        signature = [UInt8](repeating: 0, count: Int(EVP_PKEY_get_size(key.key.pointer)))
    }

    deinit { EVP_PKEY_CTX_free(context) }

    /// Signs the fixed 32-byte digest `count` times.
    package func sign(count: Int) {
        digest.withUnsafeBufferPointer { tbs in
            signature.withUnsafeMutableBufferPointer { sig in
                for _ in 0..<count {
                    var length = sig.count
                    guard EVP_PKEY_sign(context, sig.baseAddress, &length, tbs.baseAddress, tbs.count) == 1 else {
                        fatalError("EVP_PKEY_sign failed")
                    }
                }
            }
        }
    }
}

extension OCIPrivateKey {
    /// Wraps a key this package created itself (for example ``RawLibCrypto/generateRSAKey(bits:)``).
    init(key: EVPKey) throws(OCISigningError) {
        self.key = key
        self.signing = try RSASigningTemplate(key: key)
    }
}

extension RawLibCrypto {
    /// The linked libcrypto's version text, e.g. `OpenSSL 3.0.19 27 Jan 2026`.
    package static var version: String { String(cString: OpenSSL_version(OPENSSL_VERSION)) }
}
