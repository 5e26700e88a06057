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
        return try RawLibCrypto.generateRSAKey(bits: bits)
    }
}
