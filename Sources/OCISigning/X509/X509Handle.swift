internal import CLibCrypto

/// Owns one `X509`. The only place the pointer lives; freed exactly once in `deinit`.
final class X509Handle: @unchecked Sendable {
    let pointer: OpaquePointer

    /// Takes ownership of `pointer`.
    init(taking pointer: OpaquePointer) { self.pointer = pointer }

    deinit { X509_free(pointer) }
}
