/// Copies a string's UTF-8 into a buffer being filled, for the strings built on every request
/// (signing string, `(request-target)` line) without `String.append`'s per-call overhead.
enum UTF8Copy {
    /// Writes `text`'s UTF-8 into `out` from `offset`; returns the offset after it. `out` must
    /// have room for `text.utf8.count` bytes from `offset`.
    static func copy(_ text: String, into out: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        var text = text  // withUTF8 is mutating; native strings are not copied
        return text.withUTF8 { bytes in
            guard let source = bytes.baseAddress, !bytes.isEmpty else { return offset }
            (out.baseAddress! + offset).update(from: source, count: bytes.count)
            return offset + bytes.count
        }
    }
}
