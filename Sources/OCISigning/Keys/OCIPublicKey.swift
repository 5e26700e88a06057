internal import CLibCrypto

/// An RSA public key, for verifying OCI signatures and computing fingerprints.
public struct OCIPublicKey: Sendable, CustomStringConvertible {
    let key: EVPKey
    /// Verification context prepared once per key (nil only if libcrypto refused to set it up).
    let verifying: RSAVerifyingTemplate?
    /// ``fingerprint``, computed once: the verifier compares it with every keyId.
    let cachedFingerprint: String?

    /// Parses a PEM `PUBLIC KEY` (SubjectPublicKeyInfo) block, the form `openssl rsa -pubout` writes.
    public init(pem: some Collection<UInt8>) throws(OCISigningError) {
        let bytes = Array(pem)
        // With a nil callback, libcrypto asks for a pass phrase on the terminal ("Enter PEM pass
        // phrase:") when the text holds an encrypted private key, blocking the caller. The
        // no-pass-phrase callback refuses instead.
        let noPassphrase = PassphraseRequest(nil)
        let loaded: OpaquePointer? = try withMemoryBIO(bytes) { bio in
            LibCryptoErrors.clear()
            return PEM_read_bio_PUBKEY(bio, nil, passphraseCallback, Unmanaged.passUnretained(noPassphrase).toOpaque())
        }
        withExtendedLifetime(noPassphrase) {}
        _ = LibCryptoErrors.drain()
        guard let loaded else {
            let labels = PEMText(bytes).labels
            if labels.contains(where: { $0.hasSuffix("PRIVATE KEY") }) {
                throw OCISigningError(.invalidKey, "a private key was given where a public key is expected; derive the public key with OCIPrivateKey.publicKey")
            }
            if labels.contains("RSA PUBLIC KEY") {
                throw OCISigningError(.invalidKey, "PKCS#1 'RSA PUBLIC KEY' blocks are not read; convert with: openssl rsa -RSAPublicKey_in -in key.pub -pubout")
            }
            throw OCISigningError(.invalidKey, "no readable PEM public key found: expected -----BEGIN PUBLIC KEY-----")
        }
        let key = EVPKey(taking: loaded)
        try PEMKeyBlocks(bytes).checkPublic()
        guard key.isRSA else {
            throw OCISigningError(.unsupportedKeyType, "the public key is not an RSA key")
        }
        try RSAKeyRules.checkPublicExponent(of: key, "public key")
        self.key = key
        verifying = RSAVerifyingTemplate(key: key)
        cachedFingerprint = try? KeyFingerprint.md5(ofPublicKeyDER: key.publicKeyDER())
    }

    /// Reads a PEM public key file.
    public init(pemFile path: String) throws(OCISigningError) {
        do {
            try self.init(pem: try FileReader.readAll(path: path, limit: 1024 * 1024))
        } catch {
            throw error.at(path: path)
        }
    }

    /// Parses DER SubjectPublicKeyInfo.
    public init(der: [UInt8]) throws(OCISigningError) {
        let loaded: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            LibCryptoErrors.clear()
            return d2i_PUBKEY(nil, &cursor, buffer.count)
        }
        _ = LibCryptoErrors.drain()
        guard let loaded else { throw OCISigningError(.invalidKey, "not a DER SubjectPublicKeyInfo") }
        let key = EVPKey(taking: loaded)
        guard key.isRSA else { throw OCISigningError(.unsupportedKeyType, "the public key is not an RSA key") }
        try RSAKeyRules.checkPublicExponent(of: key, "public key")
        self.key = key
        verifying = RSAVerifyingTemplate(key: key)
        cachedFingerprint = try? KeyFingerprint.md5(ofPublicKeyDER: key.publicKeyDER())
    }

    /// The modulus size in bits.
    public var bits: Int { key.bits }

    /// MD5 fingerprint of the DER SubjectPublicKeyInfo, lowercase colon hex.
    public var fingerprint: String {
        get throws(OCISigningError) { try KeyFingerprint.md5(ofPublicKeyDER: key.publicKeyDER()) }
    }

    /// DER SubjectPublicKeyInfo.
    public var derRepresentation: [UInt8] {
        get throws(OCISigningError) { try key.publicKeyDER() }
    }

    /// Checks an RSASSA-PKCS1-v1_5 / SHA-256 signature over `message`.
    public func isValidSignature(_ signature: [UInt8], for message: some Collection<UInt8>) -> Bool {
        // Contiguous messages (a String's UTF-8, arrays) are checked in place, without a copy.
        if let result = message.withContiguousStorageIfAvailable({ check(UnsafeRawBufferPointer($0), signature) }) {
            return result
        }
        return Array(message).withUnsafeBytes { check($0, signature) }
    }

    private func check(_ message: UnsafeRawBufferPointer, _ signature: [UInt8]) -> Bool {
        guard let verifying else { return key.verify(message, signature: signature) }
        return signature.withUnsafeBytes { verifying.verify(message, signature: $0) }
    }

    /// A short description without key material.
    public var description: String { "OCIPublicKey(RSA, \(bits) bits)" }
}
