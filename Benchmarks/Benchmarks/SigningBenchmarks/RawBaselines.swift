import CBenchCrypto

/// Raw RSA-2048: `EVP_PKEY_sign` of a 32-byte digest with a context initialised once, as
/// `openssl speed rsa2048` does. Owns its `EVP_PKEY` and `EVP_PKEY_CTX`.
final class RawRSA: @unchecked Sendable {
    private let key: OpaquePointer
    private let context: OpaquePointer
    private let digest = [UInt8](repeating: 0x5A, count: 32)

    init(pemFile: String) {
        let bio = BIO_new_file(pemFile, "r")!
        defer { BIO_free(bio) }
        key = PEM_read_bio_PrivateKey(bio, nil, nil, nil)!
        context = EVP_PKEY_CTX_new(key, nil)!
        precondition(EVP_PKEY_sign_init(context) == 1
            && EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PADDING) == 1
            && EVP_PKEY_CTX_set_signature_md(context, EVP_sha256()) == 1)
    }

    deinit {
        EVP_PKEY_CTX_free(context)
        EVP_PKEY_free(key)
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
