internal import CLibCrypto
import OCISigning

/// The raw RSA private-key operation: `EVP_PKEY_sign` of a 32-byte digest (PKCS#1 v1.5,
/// SHA-256) through one `EVP_PKEY_CTX` initialised once, exactly what `openssl speed rsa2048`
/// times. One instance per task: the context is not shared.
public final class RawRSASigner: @unchecked Sendable {
    private let context: OpaquePointer
    private let digest = [UInt8](repeating: 0x5A, count: 32)
    private var signature: [UInt8]

    /// Prepares a signing context for `key`.
    public init(key: RawRSAKey) throws(OCISigningError) {
        guard let ctx = key.makeContext() else { throw RawRSAKey.failure("allocating an RSA signing context") }
        guard EVP_PKEY_sign_init(ctx) == 1,
              EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) == 1,
              EVP_PKEY_CTX_set_signature_md(ctx, RawLibCrypto.sha256Algorithm) == 1
        else {
            EVP_PKEY_CTX_free(ctx)
            throw RawRSAKey.failure("initialising raw RSA signing")
        }
        context = ctx
        signature = [UInt8](repeating: 0, count: key.signatureSize)
    }

    deinit { EVP_PKEY_CTX_free(context) }

    /// Signs the fixed 32-byte digest `count` times.
    public func sign(count: Int) {
        digest.withUnsafeBufferPointer { tbs in
            signature.withUnsafeMutableBufferPointer { sig in
                for _ in 0..<count {
                    var length = sig.count
                    guard EVP_PKEY_sign(context, sig.baseAddress, &length, tbs.baseAddress, tbs.count) == 1 else {
                        fatalError("EVP_PKEY_sign failed")
                    }
                }
            }
        }
    }

    /// One signature of the fixed digest, for ``RawRSAVerifier``.
    public func digestSignature() -> [UInt8] {
        sign(count: 1)
        return signature
    }
}

/// Raw RSA verification of the fixed 32-byte digest ``RawRSASigner`` signs: `EVP_PKEY_verify`
/// with a context set up once. One instance per task.
public final class RawRSAVerifier: @unchecked Sendable {
    private let context: OpaquePointer
    private let digest = [UInt8](repeating: 0x5A, count: 32)

    /// Prepares a verification context for `key`.
    public init(key: RawRSAKey) throws(OCISigningError) {
        guard let ctx = key.makeContext() else { throw RawRSAKey.failure("allocating an RSA verification context") }
        guard EVP_PKEY_verify_init(ctx) == 1,
              EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) == 1,
              EVP_PKEY_CTX_set_signature_md(ctx, RawLibCrypto.sha256Algorithm) == 1
        else {
            EVP_PKEY_CTX_free(ctx)
            throw RawRSAKey.failure("initialising raw RSA verification")
        }
        context = ctx
    }

    deinit { EVP_PKEY_CTX_free(context) }

    /// Whether `signature` verifies over the fixed digest.
    public func verify(_ signature: [UInt8]) -> Bool {
        EVP_PKEY_verify(context, signature, signature.count, digest, digest.count) == 1
    }
}

/// Raw `EVP_DigestVerify`: what a hand-written verifier does per request once it has the
/// signing string and the signature bytes (SHA-256 of the message, then RSA verification),
/// with the algorithm fetched once. No parsing, no rebuilding, no OCI rules.
public final class RawDigestVerifier: @unchecked Sendable {
    private let key: RawRSAKey

    /// A verifier for signatures made with `key`.
    public init(key: RawRSAKey) { self.key = key }

    /// Whether `signature` is RSASSA-PKCS1-v1_5 / SHA-256 over `message`.
    public func verify(_ message: [UInt8], signature: [UInt8]) -> Bool {
        guard let ctx = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(ctx) }
        guard key.initDigestVerify(ctx, RawLibCrypto.sha256Algorithm) else { return false }
        return EVP_DigestVerify(ctx, signature, signature.count, message, message.count) == 1
    }
}
