internal import CLibCrypto

/// An `EVP_PKEY_CTX` set up once per private key for RSASSA-PKCS1-v1_5 / SHA-256, duplicated
/// for each signature. Owns the template context; frees it in `deinit`.
///
/// Why: `EVP_DigestSignInit` per signature fetches the signature algorithm and the digest from
/// OpenSSL 3's method store, builds two contexts and frees them again; measured on this machine
/// (`oci-sign bench`, case key-sign) that cost about 4 % of an RSA-2048 signature. Here the
/// fetches and the padding/digest parameters are done once; a signature is a one-shot SHA-256
/// with the pre-fetched algorithm, `EVP_PKEY_CTX_dup` of the template and `EVP_PKEY_sign`.
///
/// Concurrency: the template is never used to sign and never modified after `init`; every
/// signature works on its own duplicate, so tasks share no mutable libcrypto state.
/// `EVP_PKEY_CTX_dup` only reads the template (and bumps atomic reference counts), exactly what
/// `EVP_DigestSignFinal` itself does with its context on every call.
final class RSASigningTemplate: @unchecked Sendable {
    private let template: OpaquePointer
    /// `EVP_PKEY_get_size`: the signature length for this key.
    let signatureLength: Int

    init(key: EVPKey) throws(OCISigningError) {
        LibCryptoErrors.clear()
        guard let ctx = key.makeContext() else {
            throw LibCryptoErrors.failure("allocating an RSA signing context")
        }
        // PKCS#1 v1.5 padding with a SHA-256 DigestInfo: what OCI requires.
        guard EVP_PKEY_sign_init(ctx) == 1,
              EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) == 1,
              EVP_PKEY_CTX_set_signature_md(ctx, SHA256Algorithm.shared.pointer) == 1
        else {
            EVP_PKEY_CTX_free(ctx)
            throw LibCryptoErrors.failure("initialising RSA-SHA256 signing")
        }
        template = ctx
        signatureLength = key.maximumSignatureSize
    }

    deinit { EVP_PKEY_CTX_free(template) }

    /// RSASSA-PKCS1-v1_5 over SHA-256 of `message`.
    func sign(_ message: UnsafeRawBufferPointer) throws(OCISigningError) -> [UInt8] {
        LibCryptoErrors.clear()
        var digest = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        let hashed = withUnsafeMutableBytes(of: &digest) { out -> Bool in
            var length: UInt32 = 0
            let input = message.baseAddress ?? UnsafeRawPointer(out.baseAddress!)
            return EVP_Digest(input, message.count, out.baseAddress!.assumingMemoryBound(to: UInt8.self), &length,
                              SHA256Algorithm.shared.pointer, nil) == 1 && length == 32
        }
        guard hashed else { throw LibCryptoErrors.failure("hashing the signing string") }
        guard let ctx = EVP_PKEY_CTX_dup(template) else { throw LibCryptoErrors.failure("allocating a signing context") }
        defer { EVP_PKEY_CTX_free(ctx) }
        var failed = false
        let signature = [UInt8](unsafeUninitializedCapacity: signatureLength) { buffer, count in
            var length = buffer.count
            let ok = withUnsafeBytes(of: &digest) { tbs in
                EVP_PKEY_sign(ctx, buffer.baseAddress, &length, tbs.baseAddress!.assumingMemoryBound(to: UInt8.self), 32)
            }
            failed = ok != 1
            count = failed ? 0 : length
        }
        guard !failed else { throw LibCryptoErrors.failure("RSA-SHA256 signing") }
        return signature
    }
}
