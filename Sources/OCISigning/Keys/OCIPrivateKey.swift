import CLibCrypto

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

    /// Parses a PEM private key.
    ///
    /// - Parameters:
    ///   - pem: The PEM text (bytes of the key file).
    ///   - passphrase: The pass phrase of an encrypted key. Ignored for an unencrypted key. The
    ///     library's copy is wiped with `OPENSSL_cleanse` after use.
    /// - Throws: ``OCISigningError`` with code `missingPassphrase`, `wrongPassphrase`,
    ///   `notAPrivateKey`, `unsupportedKeyType` or `invalidKey`.
    public init(pem: some Collection<UInt8>, passphrase: [UInt8]? = nil) throws(OCISigningError) {
        let bytes = Array(pem)
        let request = PassphraseRequest(passphrase)
        defer { request.wipe() }
        let loaded: OpaquePointer? = try withMemoryBIO(bytes) { bio in
            LibCryptoErrors.clear()
            let context = Unmanaged.passUnretained(request).toOpaque()
            return PEM_read_bio_PrivateKey(bio, nil, passphraseCallback, context)
        }
        guard let loaded else {
            let details = LibCryptoErrors.drain()
            throw Self.classifyFailure(PEMText(bytes), asked: request.asked, hadPassphrase: passphrase != nil, details: details)
        }
        let key = EVPKey(taking: loaded)
        guard key.isRSA else {
            throw OCISigningError(.unsupportedKeyType, "the private key is not an RSA key; OCI API signing keys are RSA")
        }
        // Hardening (issue 8, found by FuzzPEMKey and leak-check): libcrypto loads an RSA key
        // whose numbers do not fit together (one changed base64 digit in the modulus, or a
        // corrupted encrypted key that still decrypts) and then signs garbage that OCI refuses.
        // One signature checked with the key's own public half proves the key is usable.
        // (Keys too small to sign SHA-256 at all are left to OCIRequestSigner's size check.)
        let probe = Array("oci-signing key self-test".utf8)
        let consistent: Bool = probe.withUnsafeBytes { raw in
            guard let signature = try? key.sign(raw) else { return true }
            return key.verify(raw, signature: signature)
        }
        guard consistent else {
            throw OCISigningError(.invalidKey, "the private key is corrupted: its parts do not match, so its signatures would not verify (re-download or re-export the key)")
        }
        self.key = key
    }

    /// Parses a PEM private key from text.
    public init(pem: String, passphrase: String? = nil) throws(OCISigningError) {
        try self.init(pem: Array(pem.utf8), passphrase: passphrase.map { Array($0.utf8) })
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
        let bytes = Array(message)
        let result: Result<[UInt8], OCISigningError> = bytes.withUnsafeBytes { raw in
            do throws(OCISigningError) { return .success(try key.sign(raw)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Never prints key material.
    public var description: String { "OCIPrivateKey(RSA, \(bits) bits)" }

    private static func classifyFailure(_ pem: PEMText, asked: Bool, hadPassphrase: Bool, details: [String]) -> OCISigningError {
        if pem.hasPublicMaterialOnly {
            return OCISigningError(.notAPrivateKey, "a public key or certificate was given where a private key is needed (found \(pem.labels.joined(separator: ", ")))")
        }
        if pem.isEncrypted || asked {
            if !hadPassphrase {
                return OCISigningError(.missingPassphrase, "the private key is encrypted and no pass phrase was given")
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
final class PassphraseRequest {
    var passphrase: [UInt8]?
    var asked = false

    init(_ passphrase: [UInt8]?) { self.passphrase = passphrase }

    func wipe() {
        guard passphrase != nil else { return }
        passphrase!.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) }
        passphrase = nil
    }
}

/// libcrypto's `pem_password_cb`. Always installed, so OpenSSL never falls back to prompting on
/// the terminal; returns -1 (abort) when no pass phrase was supplied.
let passphraseCallback: @convention(c) (UnsafeMutablePointer<CChar>?, Int32, Int32, UnsafeMutableRawPointer?) -> Int32 = { buffer, size, _, context in
    guard let buffer, let context else { return -1 }
    let request = Unmanaged<PassphraseRequest>.fromOpaque(context).takeUnretainedValue()
    request.asked = true
    guard let passphrase = request.passphrase, passphrase.count <= Int(size) else { return -1 }
    passphrase.withUnsafeBytes { UnsafeMutableRawPointer(buffer).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
    return Int32(passphrase.count)
}
