internal import CLibCrypto

/// An `EVP_PKEY_CTX` set up once per public key for RSASSA-PKCS1-v1_5 / SHA-256 verification,
/// duplicated for each check. Owns the template context; frees it in `deinit`.
///
/// Why: the same as ``RSASigningTemplate`` on the signing side. `EVP_DigestVerifyInit` per
/// check fetched the algorithms from OpenSSL 3's method store and built two contexts: in the
/// benchmark package a verification made about 250 allocations more than raw `EVP_PKEY_verify`
/// (28), most of them there. Here a check is a one-shot SHA-256 with the pre-fetched algorithm,
/// `EVP_PKEY_CTX_dup` of the template and `EVP_PKEY_verify`.
///
/// Concurrency: the template is never used to verify and never modified after `init`; every
/// check works on its own duplicate.
final class RSAVerifyingTemplate: @unchecked Sendable {
    private let template: OpaquePointer

    /// Nil when libcrypto cannot set the context up (the caller then uses `EVPKey.verify`).
    init?(key: EVPKey) {
        LibCryptoErrors.clear()
        defer { _ = LibCryptoErrors.drain() }
        guard let ctx = key.makeContext() else { return nil }
        guard EVP_PKEY_verify_init(ctx) == 1,
              EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) == 1,
              EVP_PKEY_CTX_set_signature_md(ctx, SHA256Algorithm.shared.pointer) == 1
        else {
            EVP_PKEY_CTX_free(ctx)
            return nil
        }
        template = ctx
    }

    deinit { EVP_PKEY_CTX_free(template) }

    /// Whether `signature` is an RSASSA-PKCS1-v1_5 signature over SHA-256 of `message`.
    func verify(_ message: UnsafeRawBufferPointer, signature: UnsafeRawBufferPointer) -> Bool {
        LibCryptoErrors.clear()
        defer { _ = LibCryptoErrors.drain() }
        var digest = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        let hashed = withUnsafeMutableBytes(of: &digest) { out -> Bool in
            var length: UInt32 = 0
            let input = message.baseAddress ?? UnsafeRawPointer(out.baseAddress!)
            return EVP_Digest(input, message.count, out.baseAddress!.assumingMemoryBound(to: UInt8.self), &length,
                              SHA256Algorithm.shared.pointer, nil) == 1 && length == 32
        }
        guard hashed, let ctx = EVP_PKEY_CTX_dup(template) else { return false }
        defer { EVP_PKEY_CTX_free(ctx) }
        guard let signatureBase = signature.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return false }
        return withUnsafeBytes(of: &digest) { tbs in
            EVP_PKEY_verify(ctx, signatureBase, signature.count, tbs.baseAddress!.assumingMemoryBound(to: UInt8.self), 32) == 1
        }
    }
}
