internal import CLibCrypto

/// Owns one `EVP_PKEY`. The only place the pointer lives; freed exactly once in `deinit`.
///
/// libcrypto allows concurrent signing and verification with one `EVP_PKEY` as long as every
/// operation has its own context, which is what ``sign(_:)`` and ``verify(_:signature:)`` do.
final class EVPKey: @unchecked Sendable {
    let pointer: OpaquePointer

    /// Takes ownership of `pointer`.
    init(taking pointer: OpaquePointer) { self.pointer = pointer }

    deinit { EVP_PKEY_free(pointer) }

    /// Whether this key is the private half of the certificate `x509` holds (`X509_check_private_key`).
    func isPrivateHalf(ofCertificate x509: OpaquePointer) -> Bool {
        X509_check_private_key(x509, pointer) == 1
    }


    /// The modulus size in bits.
    var bits: Int { Int(EVP_PKEY_get_bits(pointer)) }
    /// Whether the key is an RSA key (the only type OCI signs with).
    var isRSA: Bool { EVP_PKEY_get_base_id(pointer) == EVP_PKEY_RSA }
    /// The largest signature the key produces, in bytes.
    var maximumSignatureSize: Int { Int(EVP_PKEY_get_size(pointer)) }

    /// A new `EVP_PKEY_CTX` for this key, owned (and freed) by the caller; nil when libcrypto
    /// cannot allocate one. The context keeps its own reference to the key.
    func makeContext() -> OpaquePointer? { EVP_PKEY_CTX_new(pointer, nil) }

    /// Whether the key signs what its own public half verifies.
    ///
    /// A PEM whose base64 was damaged in the modulus or exponents can still parse, and would
    /// produce signatures the server rejects. One sign-and-verify round trip catches every damage
    /// that changes the signature (OpenSSL falls back from CRT to `d` when p, q or the CRT
    /// exponents are wrong, so those still sign correctly). It costs one signature (about 1 ms
    /// for RSA-2048), where `EVP_PKEY_pairwise_check` tests p and q for primality (about 70 ms).
    var signsVerifiably: Bool {
        let probe = Array("oci-sign key self-test".utf8)
        return probe.withUnsafeBytes { message in
            do throws(OCISigningError) {
                return verify(message, signature: try sign(message))
            } catch {
                // A key too small to sign SHA-256 at all is not "damaged": leave it to
                // OCIRequestSigner's size policy, which names the real problem (keyTooSmall).
                _ = LibCryptoErrors.drain()
                return bits < 1024
            }
        }
    }

    /// DER SubjectPublicKeyInfo of the public half.
    func publicKeyDER() throws(OCISigningError) -> [UInt8] {
        LibCryptoErrors.clear()
        let length = i2d_PUBKEY(pointer, nil)
        guard length > 0 else { throw LibCryptoErrors.failure("encoding the public key") }
        var der = [UInt8](repeating: 0, count: Int(length))
        let written = der.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor: UnsafeMutablePointer<UInt8>? = buffer.baseAddress
            return i2d_PUBKEY(pointer, &cursor)
        }
        guard written == length else { throw LibCryptoErrors.failure("encoding the public key") }
        return der
    }

    /// RSASSA-PKCS1-v1_5 over SHA-256 of `message`.
    func sign(_ message: UnsafeRawBufferPointer) throws(OCISigningError) -> [UInt8] {
        LibCryptoErrors.clear()
        guard let ctx = EVP_MD_CTX_new() else { throw LibCryptoErrors.failure("allocating a signing context") }
        defer { EVP_MD_CTX_free(ctx) }
        // RSA keys default to PKCS#1 v1.5 padding in EVP_DigestSign; OCI requires exactly that.
        // The pre-fetched SHA-256 saves a method-store lookup per signature (SHA256Algorithm).
        guard EVP_DigestSignInit(ctx, nil, SHA256Algorithm.shared.pointer, nil, pointer) == 1 else {
            throw LibCryptoErrors.failure("initialising RSA-SHA256 signing")
        }
        let tbs = message.baseAddress?.assumingMemoryBound(to: UInt8.self)
        var length = 0
        guard EVP_DigestSign(ctx, nil, &length, tbs, message.count) == 1 else {
            throw LibCryptoErrors.failure("sizing the signature")
        }
        var signature = [UInt8](repeating: 0, count: length)
        let ok = signature.withUnsafeMutableBufferPointer {
            EVP_DigestSign(ctx, $0.baseAddress, &length, tbs, message.count)
        }
        guard ok == 1 else { throw LibCryptoErrors.failure("RSA-SHA256 signing") }
        if length < signature.count { signature.removeLast(signature.count - length) }
        return signature
    }

    /// Checks an RSASSA-PKCS1-v1_5 / SHA-256 signature. Returns false for any mismatch.
    func verify(_ message: UnsafeRawBufferPointer, signature: [UInt8]) -> Bool {
        LibCryptoErrors.clear()
        defer { _ = LibCryptoErrors.drain() }
        guard let ctx = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(ctx) }
        guard EVP_DigestVerifyInit(ctx, nil, SHA256Algorithm.shared.pointer, nil, pointer) == 1 else { return false }
        let tbs = message.baseAddress?.assumingMemoryBound(to: UInt8.self)
        return signature.withUnsafeBufferPointer {
            EVP_DigestVerify(ctx, $0.baseAddress, $0.count, tbs, message.count) == 1
        }
    }
}

/// Runs `body` with a read-only memory BIO over `bytes`.
///
/// `BIO_new_mem_buf` does not copy, so the BIO must never outlive the buffer: it is created,
/// used and freed inside the same `withUnsafeBytes` scope.
func withMemoryBIO<R>(_ bytes: [UInt8], _ body: (OpaquePointer) throws(OCISigningError) -> R) throws(OCISigningError) -> R {
    let result: Result<R, OCISigningError> = bytes.withUnsafeBytes { raw in
        guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else {
            return .failure(LibCryptoErrors.failure("allocating a memory BIO"))
        }
        defer { BIO_free(bio) }
        do throws(OCISigningError) { return .success(try body(bio)) } catch { return .failure(error) }
    }
    return try result.get()
}
