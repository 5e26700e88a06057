internal import CLibCrypto

extension OCIPrivateKey {
    /// Generates a new RSA key pair in memory with libcrypto (public exponent 65537).
    ///
    /// Used for the session keys of token-based principals: a fresh pair for every token, its
    /// public half sent with the token request. The key is never written anywhere.
    ///
    /// - Parameter bits: The modulus size; OCI session keys are 2048 bits.
    /// - Throws: `cryptoFailure` when libcrypto cannot generate the key; `keyTooSmall` under 1024 bits.
    public static func generateRSA(bits: Int = 2048) throws(OCISigningError) -> OCIPrivateKey {
        guard bits >= 1024 && bits <= 16384 else {
            throw OCISigningError(.keyTooSmall, "RSA key generation takes 1024 to 16384 bits, not \(bits)")
        }
        return try OCIPrivateKey(generated: EVPKey.generateRSA(bits: bits))
    }

    /// Wraps a key this package created itself.
    init(generated key: EVPKey) throws(OCISigningError) {
        self.key = key
        self.signing = try RSASigningTemplate(key: key)
    }
}

extension EVPKey {
    /// A fresh RSA key from libcrypto's generator.
    static func generateRSA(bits: Int) throws(OCISigningError) -> EVPKey {
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
        return EVPKey(taking: generated)
    }
}
