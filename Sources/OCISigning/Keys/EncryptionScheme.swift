internal import CLibCrypto

/// The algorithm parameters of an EncryptedPrivateKeyInfo, read (DER-decoded by libcrypto)
/// before anything is derived, and refused when they exceed ``KeyDerivationLimits``.
struct EncryptionScheme {
    /// The cipher's short name (`AES-256-CBC`, `DES-CBC`, `PBE-MD5-DES`).
    let cipherName: String
    /// Whether the default library context has the cipher.
    let cipherIsAvailable: Bool

    init(_ container: OpaquePointer) throws(OCISigningError) {
        var algorithm: UnsafePointer<X509_ALGOR>?
        X509_SIG_get0(container, &algorithm, nil)
        guard let algorithm else { throw OCISigningError(.invalidKey, "the encrypted key names no encryption algorithm") }
        let nid = OBJ_obj2nid(algorithm.pointee.algorithm)
        if nid == NID_pbes2 {
            guard let raw = ASN1_TYPE_unpack_sequence(PBE2PARAM_it(), algorithm.pointee.parameter) else {
                throw OCISigningError(.invalidKey, "the encrypted key's PBES2 parameters are not readable")
            }
            let parameters = raw.assumingMemoryBound(to: PBE2PARAM.self)
            defer { PBE2PARAM_free(parameters) }
            try Self.checkKeyDerivation(parameters.pointee.keyfunc)
            let cipher = OBJ_obj2nid(parameters.pointee.encryption.pointee.algorithm)
            cipherName = OBJ_nid2sn(cipher).map { String(cString: $0) } ?? "an unknown cipher"
            cipherIsAvailable = OCIPrivateKey.cipherIsAvailable(cipherName)
        } else {
            // PBES1 and PKCS#12 PBE: one PBEPARAM with salt and iteration count.
            cipherName = OBJ_nid2sn(nid).map { String(cString: $0) } ?? "an unknown scheme"
            guard let raw = ASN1_TYPE_unpack_sequence(PBEPARAM_it(), algorithm.pointee.parameter) else {
                throw OCISigningError(.unsupportedKeyEncryption, "the private key is encrypted with \(cipherName), which is not supported")
            }
            let parameters = raw.assumingMemoryBound(to: PBEPARAM.self)
            defer { PBEPARAM_free(parameters) }
            try Self.checkIterations(parameters.pointee.iter, "\(cipherName)")
            // Single-DES and RC2 PBES1 schemes live in the legacy provider.
            let legacy: Set<Int32> = [NID_pbeWithMD5AndDES_CBC, NID_pbeWithSHA1AndDES_CBC, NID_pbeWithMD2AndDES_CBC,
                                      NID_pbeWithMD5AndRC2_CBC, NID_pbeWithSHA1AndRC2_CBC, NID_pbe_WithSHA1And40BitRC2_CBC,
                                      NID_pbe_WithSHA1And128BitRC2_CBC, NID_pbe_WithSHA1And128BitRC4, NID_pbe_WithSHA1And40BitRC4]
            cipherIsAvailable = !legacy.contains(nid)
        }
    }

    private static func checkKeyDerivation(_ function: UnsafeMutablePointer<X509_ALGOR>?) throws(OCISigningError) {
        guard let function else { throw OCISigningError(.invalidKey, "the encrypted key names no key-derivation function") }
        switch OBJ_obj2nid(function.pointee.algorithm) {
        case NID_id_pbkdf2:
            guard let raw = ASN1_TYPE_unpack_sequence(PBKDF2PARAM_it(), function.pointee.parameter) else {
                throw OCISigningError(.invalidKey, "the encrypted key's PBKDF2 parameters are not readable")
            }
            let parameters = raw.assumingMemoryBound(to: PBKDF2PARAM.self)
            defer { PBKDF2PARAM_free(parameters) }
            try checkIterations(parameters.pointee.iter, "PBKDF2")
        case NID_id_scrypt:
            guard let raw = ASN1_TYPE_unpack_sequence(SCRYPT_PARAMS_it(), function.pointee.parameter) else {
                throw OCISigningError(.invalidKey, "the encrypted key's scrypt parameters are not readable")
            }
            let parameters = raw.assumingMemoryBound(to: SCRYPT_PARAMS.self)
            defer { SCRYPT_PARAMS_free(parameters) }
            try checkScrypt(parameters.pointee)
        default:
            let name = OBJ_nid2sn(OBJ_obj2nid(function.pointee.algorithm)).map { String(cString: $0) } ?? "an unknown function"
            throw OCISigningError(.unsupportedKeyEncryption, "the private key's pass phrase is derived with \(name), which is not supported (PBKDF2 and scrypt are)")
        }
    }

    private static func checkIterations(_ iterations: UnsafeMutablePointer<ASN1_INTEGER>?, _ name: String) throws(OCISigningError) {
        var count: Int64 = 0
        guard let iterations, ASN1_INTEGER_get_int64(&count, iterations) == 1, count >= 1 else {
            _ = LibCryptoErrors.drain()
            throw OCISigningError(.keyDerivationTooCostly, "the encrypted key's \(name) iteration count is not a number from 1 to \(KeyDerivationLimits.maximumIterations)")
        }
        guard count <= KeyDerivationLimits.maximumIterations else {
            throw OCISigningError(.keyDerivationTooCostly, "the encrypted key asks for \(count) \(name) iterations; the maximum is \(KeyDerivationLimits.maximumIterations) (re-encrypt it with: openssl pkcs8 -topk8 -v2 aes-256-cbc -in OLD.pem -out NEW.pem)")
        }
    }

    private static func checkScrypt(_ parameters: SCRYPT_PARAMS) throws(OCISigningError) {
        var n: UInt64 = 0, r: UInt64 = 0, p: UInt64 = 0
        guard let cost = parameters.costParameter, let block = parameters.blockSize, let parallel = parameters.parallelizationParameter,
              ASN1_INTEGER_get_uint64(&n, cost) == 1, ASN1_INTEGER_get_uint64(&r, block) == 1, ASN1_INTEGER_get_uint64(&p, parallel) == 1,
              n >= 2, r >= 1, p >= 1, n < 1 << 40, r < 1 << 20, p < 1 << 20
        else {
            _ = LibCryptoErrors.drain()
            throw OCISigningError(.keyDerivationTooCostly, "the encrypted key's scrypt parameters are out of range")
        }
        let memory = 128 * r * (n + p + 2)
        guard memory <= KeyDerivationLimits.maximumScryptMemory else {
            throw OCISigningError(.keyDerivationTooCostly, "the encrypted key's scrypt parameters (N=\(n), r=\(r), p=\(p)) need \(memory / 1_048_576) MiB; the maximum is \(KeyDerivationLimits.maximumScryptMemory / 1_048_576) MiB (re-encrypt it with: openssl pkcs8 -topk8 -scrypt -in OLD.pem -out NEW.pem)")
        }
        guard n * r * p <= KeyDerivationLimits.maximumScryptWork else {
            throw OCISigningError(.keyDerivationTooCostly, "the encrypted key's scrypt work N·r·p = \(n * r * p) is above the maximum \(KeyDerivationLimits.maximumScryptWork)")
        }
    }
}
