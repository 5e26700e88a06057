import CBenchCrypto

/// Raw RSA-2048: `EVP_PKEY_sign` of a 32-byte digest with a context initialised once, as
/// `openssl speed rsa2048` does. Owns its `EVP_PKEY` and `EVP_PKEY_CTX`.
final class RawRSA: @unchecked Sendable {
    private let key: OpaquePointer
    private let context: OpaquePointer
    private let verifyContext: OpaquePointer
    private let digest = [UInt8](repeating: 0x5A, count: 32)

    init(pemFile: String) {
        let bio = BIO_new_file(pemFile, "r")!
        defer { BIO_free(bio) }
        key = PEM_read_bio_PrivateKey(bio, nil, nil, nil)!
        context = EVP_PKEY_CTX_new(key, nil)!
        precondition(EVP_PKEY_sign_init(context) == 1
            && EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PADDING) == 1
            && EVP_PKEY_CTX_set_signature_md(context, EVP_sha256()) == 1)
        verifyContext = EVP_PKEY_CTX_new(key, nil)!
        precondition(EVP_PKEY_verify_init(verifyContext) == 1
            && EVP_PKEY_CTX_set_rsa_padding(verifyContext, RSA_PKCS1_PADDING) == 1
            && EVP_PKEY_CTX_set_signature_md(verifyContext, EVP_sha256()) == 1)
    }

    deinit {
        EVP_PKEY_CTX_free(context)
        EVP_PKEY_CTX_free(verifyContext)
        EVP_PKEY_free(key)
    }

    /// One signature of the fixed digest, for the verify baseline.
    func signature() -> [UInt8] {
        var signature = [UInt8](repeating: 0, count: Int(EVP_PKEY_get_size(key)))
        var length = signature.count
        precondition(EVP_PKEY_sign(context, &signature, &length, digest, 32) == 1)
        return Array(signature[0..<length])
    }

    /// Raw verification: `EVP_PKEY_verify` of the fixed digest with a context set up once.
    func verify(_ signature: [UInt8]) -> Bool {
        EVP_PKEY_verify(verifyContext, signature, signature.count, digest, 32) == 1
    }

    func sign() {
        var signature = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0),
                         UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0),
                         UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0),
                         UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        withUnsafeMutableBytes(of: &signature) { out in
            digest.withUnsafeBufferPointer { tbs in
                var length = out.count
                precondition(EVP_PKEY_sign(context, out.baseAddress!.assumingMemoryBound(to: UInt8.self), &length, tbs.baseAddress, 32) == 1)
            }
        }
    }
}

/// Raw SHA-256: `EVP_DigestUpdate` of one block `repeating` times into one context.
enum RawSHA256 {
    nonisolated(unsafe) static let algorithm = EVP_MD_fetch(nil, "SHA256", nil)  // immutable, thread-safe in libcrypto

    static func digest(_ block: [UInt8], repeating count: Int) -> UInt8 {
        let ctx = EVP_MD_CTX_new()!
        defer { EVP_MD_CTX_free(ctx) }
        EVP_DigestInit_ex(ctx, algorithm, nil)
        block.withUnsafeBytes { for _ in 0..<count { EVP_DigestUpdate(ctx, $0.baseAddress, $0.count) } }
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        EVP_DigestFinal_ex(ctx, &out, &length)
        return out[0]
    }
}
