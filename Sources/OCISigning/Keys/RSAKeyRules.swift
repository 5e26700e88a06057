internal import CLibCrypto

/// The rules every RSA key must meet before it signs or verifies, whichever loader read it.
enum RSAKeyRules {
    /// Refuses a public exponent that is not odd and at least 3.
    ///
    /// With e = 1, "signing" is the identity: the PKCS#1 v1.5 encoding of a digest is its own
    /// signature, so a verifier holding such a key accepts requests made with no private key.
    /// An even e has no inverse modulo φ(n): not an RSA key at all. libcrypto loads both.
    static func checkPublicExponent(of key: EVPKey, _ role: String) throws(OCISigningError) {
        guard let exponent = key.publicExponent else {
            throw OCISigningError(.invalidKey, "the \(role) has no readable RSA public exponent")
        }
        guard exponent.isOdd, !exponent.isOne, !exponent.isNegative else {
            throw OCISigningError(.insecurePublicExponent, "the \(role) has RSA public exponent \(exponent.shortDescription); an odd exponent of at least 3 is required (65537 is usual): with exponent 1 anyone can forge signatures")
        }
    }
}

/// What ``RSAKeyRules`` needs to know about a public exponent, read once from libcrypto.
struct RSAPublicExponent {
    let isOdd: Bool
    let isOne: Bool
    let isNegative: Bool
    /// Decimal when small (1, 3, 65537), else its size: never a long number in a message.
    let shortDescription: String
}

extension EVPKey {
    /// The RSA public exponent (`OSSL_PKEY_PARAM_RSA_E`), or nil when libcrypto has none.
    var publicExponent: RSAPublicExponent? {
        LibCryptoErrors.clear()
        defer { _ = LibCryptoErrors.drain() }
        var number: OpaquePointer?
        guard EVP_PKEY_get_bn_param(pointer, OSSL_PKEY_PARAM_RSA_E, &number) == 1, let number else { return nil }
        defer { BN_free(number) }
        let bits = BN_num_bits(number)
        let word = BN_get_word(number)
        let description = bits <= 32 ? "\(BN_is_negative(number) == 1 ? "-" : "")\(word)" : "of \(bits) bits"
        return RSAPublicExponent(isOdd: BN_is_odd(number) == 1, isOne: BN_is_one(number) == 1,
                                 isNegative: BN_is_negative(number) == 1, shortDescription: description)
    }
}
