internal import CLibCrypto

/// Incremental SHA-256 over libcrypto's EVP interface, for bodies that arrive in chunks.
///
/// Memory use is constant whatever the body size. A hasher is a value: copying it before
/// ``finalize()`` forks the running state (copy-on-write), so it is safe to keep in a struct.
public struct SHA256Hasher: Sendable {
    private var context: DigestContext
    private var byteCount: Int = 0

    /// Starts a new SHA-256 computation.
    public init() {
        context = DigestContext()
    }

    /// Feeds more body bytes.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        if !isKnownUniquelyReferenced(&context) { context = context.copy() }
        context.update(bytes)
        byteCount += bytes.count
    }

    /// Feeds more body bytes.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            update(UnsafeRawBufferPointer(buffer))
        }
        if handled == nil {
            let array = Array(bytes)
            array.withUnsafeBytes { update($0) }
        }
    }

    /// Completes the computation: the digest and the number of bytes hashed.
    public func finalize() -> ContentDigest {
        ContentDigest(uncheckedSHA256: context.copy().finish(), length: byteCount)
    }
}

/// Owns one `EVP_MD_CTX`; freed in `deinit`. Never shared between hashers while mutating.
final class DigestContext: @unchecked Sendable {
    private let pointer: OpaquePointer

    init() {
        guard let ctx = EVP_MD_CTX_new() else { fatalError("EVP_MD_CTX_new: out of memory") }
        guard EVP_DigestInit_ex(ctx, SHA256Algorithm.shared.pointer, nil) == 1 else {
            EVP_MD_CTX_free(ctx)
            fatalError("EVP_DigestInit_ex(SHA-256) failed: libcrypto has no SHA-256")
        }
        pointer = ctx
    }

    private init(copying other: OpaquePointer) {
        guard let ctx = EVP_MD_CTX_new() else { fatalError("EVP_MD_CTX_new: out of memory") }
        guard EVP_MD_CTX_copy_ex(ctx, other) == 1 else {
            EVP_MD_CTX_free(ctx)
            fatalError("EVP_MD_CTX_copy_ex failed")
        }
        pointer = ctx
    }

    deinit { EVP_MD_CTX_free(pointer) }

    func copy() -> DigestContext { DigestContext(copying: pointer) }

    func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        // EVP_DigestUpdate on an initialised SHA-256 context cannot fail for valid pointers.
        _ = EVP_DigestUpdate(pointer, base, bytes.count)
    }

    func finish() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        _ = out.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(pointer, $0.baseAddress, &length) }
        return out
    }
}

/// One-shot digest helpers used where the whole input is in memory.
enum Digest {
    static func sha256(_ bytes: UnsafeRawBufferPointer) -> [UInt8] { oneShot(bytes, SHA256Algorithm.shared.pointer, 32) }
    static func md5(_ bytes: UnsafeRawBufferPointer) -> [UInt8] { oneShot(bytes, EVP_md5(), 16) }

    private static func oneShot(_ bytes: UnsafeRawBufferPointer, _ md: OpaquePointer?, _ size: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: size)
        var length: UInt32 = 0
        let ok = out.withUnsafeMutableBufferPointer { outBuffer in
            EVP_Digest(bytes.baseAddress ?? UnsafeRawPointer(outBuffer.baseAddress!), bytes.count,
                       outBuffer.baseAddress, &length, md, nil)
        }
        precondition(ok == 1 && Int(length) == size, "EVP_Digest failed")
        return out
    }
}
