internal import CLibCrypto

/// An RSA private key, parsed once and reused for every signature.
///
/// Accepts PEM text in the forms OCI users have: PKCS#1 (`RSA PRIVATE KEY`), PKCS#8
/// (`PRIVATE KEY`, what the OCI Console downloads), encrypted PKCS#8 (`ENCRYPTED PRIVATE KEY`)
/// and legacy OpenSSL encrypted PEM (`Proc-Type: 4,ENCRYPTED`). Text around the PEM block, such as
/// the `OCI_API_KEY` label line Oracle recommends, is ignored.
///
/// The value is `Sendable` and may sign from many tasks at once. Its `description` never
/// shows key material.
public struct OCIPrivateKey: Sendable, CustomStringConvertible {
    let key: EVPKey
    /// The signing context prepared once for this key (see ``RSASigningTemplate``).
    let signing: RSASigningTemplate

    /// Parses a PEM private key.
    ///
    /// - Parameters:
    ///   - pem: The PEM text (bytes of the key file).
    ///   - passphrase: The pass phrase of an encrypted key. Ignored for an unencrypted key. The
    ///     library's copy is wiped with `OPENSSL_cleanse` after use; the caller's array stays the
    ///     caller's to wipe.
    /// - Throws: ``OCISigningError`` with code `missingPassphrase`, `wrongPassphrase`,
    ///   `notAPrivateKey`, `unsupportedKeyType`, `insecurePublicExponent`,
    ///   `unsupportedKeyEncryption`, `keyDerivationTooCostly` or `invalidKey`.
    public init(pem: some Collection<UInt8>, passphrase: [UInt8]? = nil) throws(OCISigningError) {
        let key = try Self.load(Array(pem), passphrase: passphrase)
        guard key.isRSA else {
            throw OCISigningError(.unsupportedKeyType, "the private key is not an RSA key; OCI API signing keys are RSA")
        }
        try RSAKeyRules.checkPublicExponent(of: key, "private key")
        try PEMKeyBlocks(Array(pem)).checkPrivate(publicDER: key.publicKeyDER())
        // libcrypto loads an RSA key whose numbers do not fit together (one changed base64
        // digit) and then signs garbage that OCI refuses. One signature checked with the key's own public half proves the key is usable.
        guard key.signsVerifiably else {
            throw OCISigningError(.invalidKey, "the private key is damaged: its parts do not form a valid RSA key pair (was the PEM text edited or truncated?)")
        }
        self.key = key
        self.signing = try RSASigningTemplate(key: key)
    }

    /// The parsed key: encrypted PKCS#8 through ``EncryptedPKCS8`` (pass phrase of any length,
    /// cost checked first), everything else through `PEM_read_bio_PrivateKey`.
    private static func load(_ bytes: [UInt8], passphrase: [UInt8]?) throws(OCISigningError) -> EVPKey {
        let text = PEMText(bytes)
        let request = PassphraseRequest(passphrase)
        defer { request.wipe() }
        if text.labels.first(where: { $0.hasSuffix("PRIVATE KEY") }) == "ENCRYPTED PRIVATE KEY", let phrase = request.passphrase {
            return EVPKey(taking: try EncryptedPKCS8.decrypt(bytes, passphrase: phrase))
        }
        if text.hasLegacyEncryption, let passphrase, passphrase.count > KeyDerivationLimits.maximumLegacyPEMPassphrase {
            throw OCISigningError(.unsupportedKeyEncryption, "the private key uses legacy PEM encryption (Proc-Type: 4,ENCRYPTED), which reads at most \(KeyDerivationLimits.maximumLegacyPEMPassphrase) bytes of pass phrase; this one has \(passphrase.count) (convert the key with: openssl pkcs8 -topk8 -v2 aes-256-cbc -in OLD.pem -out NEW.pem)")
        }
        let loaded: OpaquePointer? = try withMemoryBIO(bytes) { bio in
            LibCryptoErrors.clear()
            let context = Unmanaged.passUnretained(request).toOpaque()
            return PEM_read_bio_PrivateKey(bio, nil, passphraseCallback, context)
        }
        guard let loaded else {
            let details = LibCryptoErrors.drain()
            throw Self.classifyFailure(text, asked: request.asked, hadPassphrase: passphrase != nil, details: details)
        }
        return EVPKey(taking: loaded)
    }

    /// Parses a PEM private key from text.
    ///
    /// The UTF-8 copies made here are wiped after use; the `String` values themselves cannot be.
    public init(pem: String, passphrase: String? = nil) throws(OCISigningError) {
        var pemBytes = Array(pem.utf8)
        var passphraseBytes = passphrase.map { Array($0.utf8) }
        defer {
            pemBytes.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) }
            passphraseBytes?.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) }
        }
        try self.init(pem: pemBytes, passphrase: passphraseBytes)
    }

    /// Reads and parses a PEM private key file.
    public init(pemFile path: String, passphrase: [UInt8]? = nil) throws(OCISigningError) {
        do {
            var bytes = try FileReader.readAll(path: path, limit: 1024 * 1024)
            defer { bytes.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) } }
            try self.init(pem: bytes, passphrase: passphrase)
        } catch {
            throw error.at(path: path)
        }
    }

    /// The modulus size in bits.
    public var bits: Int { key.bits }

    /// The public half.
    public var publicKey: OCIPublicKey {
        get throws(OCISigningError) { try OCIPublicKey(der: key.publicKeyDER()) }
    }

    /// The OCI fingerprint of the public half: MD5 of the DER SubjectPublicKeyInfo, lowercase
    /// colon-separated hex (`73:61:a2:…`), the value the OCI Console shows.
    public var fingerprint: String {
        get throws(OCISigningError) { try KeyFingerprint.md5(ofPublicKeyDER: key.publicKeyDER()) }
    }

    /// RSASSA-PKCS1-v1_5 with SHA-256 of `message`.
    public func sign(_ message: some Collection<UInt8>) throws(OCISigningError) -> [UInt8] {
        // Contiguous input (arrays, native strings' UTF-8) is signed in place: no copy.
        let direct: Result<[UInt8], OCISigningError>? = message.withContiguousStorageIfAvailable { buffer in
            do throws(OCISigningError) { return .success(try signing.sign(UnsafeRawBufferPointer(buffer))) } catch { return .failure(error) }
        }
        if let direct { return try direct.get() }
        let bytes = Array(message)
        let result: Result<[UInt8], OCISigningError> = bytes.withUnsafeBytes { raw in
            do throws(OCISigningError) { return .success(try signing.sign(raw)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Never prints key material.
    public var description: String { "OCIPrivateKey(RSA, \(bits) bits)" }

    /// Whether the default libcrypto context can use the named cipher (e.g. `AES-128-CBC`).
    static func cipherIsAvailable(_ name: String) -> Bool {
        LibCryptoErrors.clear()
        defer { _ = LibCryptoErrors.drain() }
        guard let cipher = EVP_CIPHER_fetch(nil, name, nil) else { return false }
        EVP_CIPHER_free(cipher)
        return true
    }

    private static func classifyFailure(_ pem: PEMText, asked: Bool, hadPassphrase: Bool, details: [String]) -> OCISigningError {
        if pem.hasPublicMaterialOnly {
            return OCISigningError(.notAPrivateKey, "a public key or certificate was given where a private key is needed (found \(pem.labels.joined(separator: ", ")))")
        }
        if pem.isEncrypted || asked {
            if !hadPassphrase {
                return OCISigningError(.missingPassphrase, "the private key is encrypted and no pass phrase was given")
            }
            // OpenSSL 3 moved single DES, Blowfish, RC2… to the legacy provider: such a key is
            // not a wrong pass phrase, and saying so would send the user hunting.
            // Decided by asking libcrypto for the DEK-Info cipher, not by the error text: a wrong
            // pass phrase whose garbage happens to pass the CBC padding check (about 1 in 256)
            // also ends in a DECODER "unsupported" error.
            if let cipher = pem.legacyCipher, !Self.cipherIsAvailable(cipher) {
                return OCISigningError(.invalidKey, "the private key is encrypted with a cipher this OpenSSL does not enable (DEK-Info: \(cipher)); re-encrypt it with: openssl pkcs8 -topk8 -v2 aes-256-cbc -in OLD.pem -out NEW.pem (add -provider legacy -provider default to read it)")
            }
            return OCISigningError(.wrongPassphrase, "the pass phrase does not decrypt the private key")
        }
        if pem.labels.isEmpty {
            return OCISigningError(.invalidKey, "no PEM block found: expected -----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----")
        }
        let reason = details.isEmpty ? "" : " (libcrypto: \(details.joined(separator: "; ")))"
        return OCISigningError(.invalidKey, "the PEM block \(pem.labels.joined(separator: ", ")) is not a readable private key\(reason)")
    }
}

/// What the pass-phrase callback reads, and whether libcrypto asked at all.
///
/// Holds its own copy of the pass phrase in memory it allocated, so ``wipe()`` cleanses the
/// bytes libcrypto actually read. (Cleansing a `[UInt8]` that shares storage with the caller's
/// array would only wipe a fresh copy-on-write copy.)
final class PassphraseRequest {
    /// At least one byte is allocated, so an empty pass phrase still has a valid pointer.
    private var allocation: UnsafeMutableBufferPointer<UInt8>?
    private var count = 0
    var asked = false

    init(_ passphrase: [UInt8]?) {
        guard let passphrase else { return }
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(passphrase.count, 1))
        buffer.initialize(repeating: 0)
        _ = buffer.update(fromContentsOf: passphrase)
        allocation = buffer
        count = passphrase.count
    }

    deinit { wipe() }

    /// The pass phrase bytes, valid until ``wipe()``.
    var passphrase: UnsafeBufferPointer<UInt8>? {
        allocation.map { UnsafeBufferPointer(rebasing: $0[0..<count]) }
    }

    func wipe() {
        guard let allocation else { return }
        OPENSSL_cleanse(allocation.baseAddress, allocation.count)
        allocation.deallocate()
        self.allocation = nil
        count = 0
    }
}

/// libcrypto's `pem_password_cb`. Always installed, so OpenSSL never falls back to prompting on
/// the terminal; returns -1 (abort) when no pass phrase was supplied.
let passphraseCallback: @convention(c) (UnsafeMutablePointer<CChar>?, Int32, Int32, UnsafeMutableRawPointer?) -> Int32 = { buffer, size, _, context in
    guard let buffer, let context else { return -1 }
    let request = Unmanaged<PassphraseRequest>.fromOpaque(context).takeUnretainedValue()
    request.asked = true
    guard let passphrase = request.passphrase, passphrase.count <= Int(size) else { return -1 }
    if let base = passphrase.baseAddress, passphrase.count > 0 {
        UnsafeMutableRawPointer(buffer).copyMemory(from: base, byteCount: passphrase.count)
    }
    return Int32(passphrase.count)
}

extension OCIPrivateKey {
    /// Whether both values hold the very same parsed key (not merely equal key material): a
    /// re-read key file is a different key for refresh decisions.
    public func isSameKey(as other: OCIPrivateKey) -> Bool { key === other.key }
}
