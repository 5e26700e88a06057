internal import CLibCrypto

/// The key blocks of a PEM text as libcrypto's own PEM reader sees them (label and decoded
/// bytes, nothing decrypted), to refuse a file that holds more than one key.
///
/// Which key a loader would take from such a file depends on block order; signing or verifying
/// with the other one than the user meant fails far from the cause, so the file is ambiguous.
struct PEMKeyBlocks {
    /// Labels ending in `PRIVATE KEY` (PKCS#1, PKCS#8, encrypted PKCS#8).
    private(set) var privateKeyCount = 0
    /// The DER of every `PUBLIC KEY` block.
    private(set) var publicKeys: [[UInt8]] = []

    init(_ bytes: [UInt8]) {
        var found = PEMKeyBlocks(privateKeyCount: 0, publicKeys: [])
        _ = try? withMemoryBIO(bytes) { bio in
            LibCryptoErrors.clear()
            // Bounded by the input: every block read consumes its bytes.
            while true {
                var name: UnsafeMutablePointer<CChar>?, header: UnsafeMutablePointer<CChar>?
                var data: UnsafeMutablePointer<UInt8>?
                var length = 0
                guard PEM_read_bio(bio, &name, &header, &data, &length) == 1 else { break }
                let label = name.map { String(cString: $0) } ?? ""
                if label.hasSuffix("PRIVATE KEY") { found.privateKeyCount += 1 }
                if label == "PUBLIC KEY", let data { found.publicKeys.append(Array(UnsafeBufferPointer(start: data, count: length))) }
                if let data { OPENSSL_cleanse(data, length) }
                CRYPTO_free(name, nil, 0); CRYPTO_free(header, nil, 0); CRYPTO_free(data, nil, 0)
            }
            _ = LibCryptoErrors.drain()
        }
        self = found
    }

    private init(privateKeyCount: Int, publicKeys: [[UInt8]]) {
        self.privateKeyCount = privateKeyCount
        self.publicKeys = publicKeys
    }

    /// For a private key file: one private key block, and any public key block is its own.
    func checkPrivate(publicDER: [UInt8]) throws(OCISigningError) {
        guard privateKeyCount <= 1 else {
            throw OCISigningError(.ambiguousKeyFile, "the PEM text holds \(privateKeyCount) private keys; give a file with exactly one")
        }
        guard publicKeys.allSatisfy({ $0 == publicDER }) else {
            throw OCISigningError(.ambiguousKeyFile, "the PEM text holds a private key and a PUBLIC KEY block of a different key; give the private key alone")
        }
    }

    /// For a public key file: no private key, and every public key block the same key.
    func checkPublic() throws(OCISigningError) {
        guard privateKeyCount == 0 || publicKeys.isEmpty else {
            throw OCISigningError(.ambiguousKeyFile, "the PEM text holds a private key besides the public key; give the public key file alone")
        }
        guard Set(publicKeys).count <= 1 else {
            throw OCISigningError(.ambiguousKeyFile, "the PEM text holds \(Set(publicKeys).count) different public keys; give a file with exactly one")
        }
    }
}
