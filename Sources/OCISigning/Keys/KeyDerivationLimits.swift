/// The most key-derivation work an encrypted PKCS#8 key may ask for before it is decrypted.
///
/// The parameters come from the key file: a hostile file with 2³¹−1 PBKDF2 iterations would
/// otherwise hold a thread for half an hour. The limits are far above what any tool writes
/// (OpenSSL: 2,048 iterations, scrypt N = 2¹⁴ r = 8 p = 1; OWASP 2023: 600,000 iterations).
public enum KeyDerivationLimits {
    /// PBKDF2 (PBES2) and PKCS#12 / PBES1 iteration counts above this are refused.
    public static let maximumIterations: Int64 = 2_000_000
    /// scrypt memory, 128·r·(N + p + 2) bytes, above this is refused: OpenSSL's own scrypt
    /// limit when decrypting PKCS#8, so nothing accepted here fails later for memory.
    public static let maximumScryptMemory: UInt64 = 32 * 1024 * 1024
    /// scrypt work, N·r·p, above this is refused (32 × OpenSSL's default N·r·p = 2¹⁷).
    public static let maximumScryptWork: UInt64 = 1 << 22
    /// The longest pass phrase legacy (`Proc-Type: 4,ENCRYPTED`) PEM decryption reads: the
    /// buffer libcrypto gives its pass-phrase callback (`PEM_BUFSIZE`).
    public static let maximumLegacyPEMPassphrase = 1024
}
