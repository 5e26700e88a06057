internal import CLibCrypto

/// Decrypts an `ENCRYPTED PRIVATE KEY` (PKCS#8 EncryptedPrivateKeyInfo) with an explicit pass
/// phrase, after checking its key-derivation cost against ``KeyDerivationLimits``.
///
/// Why not `PEM_read_bio_PrivateKey`: its pass-phrase callback gets a 1,024-byte buffer, so a
/// longer (correct) pass phrase was reported as wrong, and it derives the key before anyone can
/// look at the iteration count. `PKCS8_decrypt` takes the pass phrase with its length.
enum EncryptedPKCS8 {
    /// The decrypted key (an owned `EVP_PKEY`).
    static func decrypt(_ pem: [UInt8], passphrase: UnsafeBufferPointer<UInt8>) throws(OCISigningError) -> OpaquePointer {
        let container: OpaquePointer? = try withMemoryBIO(pem) { bio in
            LibCryptoErrors.clear()
            return PEM_read_bio_PKCS8(bio, nil, nil, nil)
        }
        _ = LibCryptoErrors.drain()
        guard let container else { throw OCISigningError(.invalidKey, "the ENCRYPTED PRIVATE KEY block is not a readable PKCS#8 EncryptedPrivateKeyInfo") }
        defer { X509_SIG_free(container) }
        let scheme = try EncryptionScheme(container)
        // PassphraseRequest allocates at least one byte, so even an empty pass phrase has an address.
        guard let base = passphrase.baseAddress else { throw OCISigningError(.missingPassphrase, "the private key is encrypted and no pass phrase was given") }
        let pass = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
        LibCryptoErrors.clear()
        var info = PKCS8_decrypt(container, pass, Int32(passphrase.count))
        if info == nil, !scheme.cipherIsAvailable {
            guard let legacy = LegacyProviders.context else {
                throw OCISigningError(.unsupportedKeyEncryption, "the private key is encrypted with \(scheme.cipherName), which this OpenSSL does not provide (no legacy provider); re-encrypt it with: openssl pkcs8 -topk8 -v2 aes-256-cbc -provider legacy -provider default -in OLD.pem -out NEW.pem")
            }
            info = PKCS8_decrypt_ex(container, pass, Int32(passphrase.count), legacy, nil)
        }
        _ = LibCryptoErrors.drain()
        guard let info else { throw OCISigningError(.wrongPassphrase, "the pass phrase does not decrypt the private key") }
        defer { PKCS8_PRIV_KEY_INFO_free(info) }
        guard let key = EVP_PKCS82PKEY(info) else {
            _ = LibCryptoErrors.drain()
            throw OCISigningError(.invalidKey, "the decrypted PKCS#8 key is not a readable private key")
        }
        return key
    }
}

/// OpenSSL 3's legacy provider (single DES, RC2…) in a library context of its own, loaded once
/// on first need and kept for the process: the default context the rest of the process uses is
/// left as it was.
enum LegacyProviders {
    nonisolated(unsafe) static let context: OpaquePointer? = {
        guard let context = OSSL_LIB_CTX_new() else { return nil }
        guard OSSL_PROVIDER_load(context, "legacy") != nil, OSSL_PROVIDER_load(context, "default") != nil else {
            _ = LibCryptoErrors.drain()
            OSSL_LIB_CTX_free(context)
            return nil
        }
        return context
    }()
}
