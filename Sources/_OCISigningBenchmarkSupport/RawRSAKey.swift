internal import CLibCrypto
import OCISigning

/// An RSA key held directly by libcrypto, for the raw baselines: the same key material the
/// signer under test holds, without any of its code between the caller and `EVP_PKEY`.
///
/// Owns one `EVP_PKEY` and frees it in `deinit`; the pointer never leaves this file.
public final class RawRSAKey: @unchecked Sendable {
    private let pointer: OpaquePointer
    /// The unencrypted PKCS#8 PEM of the key, so the signer under test parses the same key.
    private let pem: [UInt8]

    /// Generates a fresh RSA key of `bits` bits in process (never written anywhere).
    public static func generate(bits: Int) throws(OCISigningError) -> RawRSAKey {
        guard let ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_RSA, nil) else { throw failure("allocating a key generation context") }
        defer { EVP_PKEY_CTX_free(ctx) }
        guard EVP_PKEY_keygen_init(ctx) == 1, EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, Int32(bits)) == 1 else {
            throw failure("setting up RSA-\(bits) key generation")
        }
        var generated: OpaquePointer?
        guard EVP_PKEY_keygen(ctx, &generated) == 1, let generated else { throw failure("generating an RSA-\(bits) key") }
        return try RawRSAKey(taking: generated)
    }

    /// Reads an unencrypted PEM private key.
    public convenience init(pem: [UInt8]) throws(OCISigningError) {
        let loaded: OpaquePointer? = pem.withUnsafeBytes { raw in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return nil }
            defer { BIO_free(bio) }
            return PEM_read_bio_PrivateKey(bio, nil, nil, nil)
        }
        guard let loaded else { throw Self.failure("reading the PEM private key") }
        try self.init(taking: loaded)
    }

    private init(taking pointer: OpaquePointer) throws(OCISigningError) {
        self.pointer = pointer
        guard let bio = BIO_new(BIO_s_mem()) else { throw Self.failure("allocating a memory BIO") }
        defer { BIO_free(bio) }
        guard PEM_write_bio_PrivateKey(bio, pointer, nil, nil, 0, nil, nil) == 1 else { throw Self.failure("writing the key as PEM") }
        var pem = [UInt8](repeating: 0, count: Int(BIO_ctrl_pending(bio)))
        let read = pem.withUnsafeMutableBytes { BIO_read(bio, $0.baseAddress, Int32($0.count)) }
        guard read == pem.count else { throw Self.failure("reading the key's PEM back") }
        self.pem = pem
    }

    deinit { EVP_PKEY_free(pointer) }

    /// The same key as an ``OCIPrivateKey``, parsed by the engine from the same PEM.
    public func privateKey() throws(OCISigningError) -> OCIPrivateKey { try OCIPrivateKey(pem: pem) }

    /// The largest signature the key produces, in bytes.
    var signatureSize: Int { Int(EVP_PKEY_get_size(pointer)) }

    /// A new `EVP_PKEY_CTX` for the key, owned by the caller.
    func makeContext() -> OpaquePointer? { EVP_PKEY_CTX_new(pointer, nil) }

    /// `EVP_DigestVerifyInit` with this key on `context`.
    func initDigestVerify(_ context: OpaquePointer, _ digest: OpaquePointer?) -> Bool {
        EVP_DigestVerifyInit(context, nil, digest, nil, pointer) == 1
    }

    static func failure(_ what: String) -> OCISigningError {
        ERR_clear_error()
        return OCISigningError(.cryptoFailure, "libcrypto failed \(what)")
    }
}
