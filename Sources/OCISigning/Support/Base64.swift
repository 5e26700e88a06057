/// Standard base64 (RFC 4648 §4) with `=` padding and no line breaks, as OCI uses for
/// `x-content-sha256` and signatures. Not crypto: just an encoding.
public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Encodes bytes.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        // Arrays (signatures, digests) are encoded in place; anything else is copied once.
        if let text = bytes.withContiguousStorageIfAvailable({ encode(UnsafeRawBufferPointer($0)) }) { return text }
        return Array(bytes).withUnsafeBytes { encode($0) }
    }

    /// Writes straight into the result string's storage: one allocation per call.
    private static func encode(_ input: UnsafeRawBufferPointer) -> String {
        let outputCount = (input.count + 2) / 3 * 4
        return String(unsafeUninitializedCapacity: outputCount) { out in
            alphabet.withUnsafeBufferPointer { alphabet in
                var index = 0, o = 0
                while index + 3 <= input.count {
                    let chunk = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
                    out[o] = alphabet[Int(chunk >> 18 & 63)]
                    out[o + 1] = alphabet[Int(chunk >> 12 & 63)]
                    out[o + 2] = alphabet[Int(chunk >> 6 & 63)]
                    out[o + 3] = alphabet[Int(chunk & 63)]
                    index += 3
                    o += 4
                }
                let rest = input.count - index
                if rest > 0 {
                    let b0 = UInt32(input[index])
                    let b1 = rest == 2 ? UInt32(input[index + 1]) : 0
                    let chunk = b0 << 16 | b1 << 8
                    out[o] = alphabet[Int(chunk >> 18 & 63)]
                    out[o + 1] = alphabet[Int(chunk >> 12 & 63)]
                    out[o + 2] = rest == 2 ? alphabet[Int(chunk >> 6 & 63)] : UInt8(ascii: "=")
                    out[o + 3] = UInt8(ascii: "=")
                }
            }
            return outputCount
        }
    }

    /// Decodes strictly: padded, canonical, no whitespace. Returns nil for anything else.
    public static func decode(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { decode(bytes: $0) }
    }

    private static func decode(bytes input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard input.count % 4 == 0 else { return nil }
        var valid = true
        // Written straight into the array's storage: an append per byte cost a capacity check
        // each, and this runs for every signature verified.
        let out = [UInt8](unsafeUninitializedCapacity: input.count / 4 * 3) { out, written in
            written = 0
            var index = 0
            decoding.withUnsafeBufferPointer { table in
                // Every quad but the last has no padding: four table lookups, one validity test.
                while index + 4 < input.count {
                    let a = table[Int(input[index])], b = table[Int(input[index + 1])]
                    let c = table[Int(input[index + 2])], d = table[Int(input[index + 3])]
                    guard (a | b | c | d) & 0x80 == 0 else { valid = false; return }
                    let chunk = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                    out[written] = UInt8(chunk >> 16 & 0xFF)
                    out[written + 1] = UInt8(chunk >> 8 & 0xFF)
                    out[written + 2] = UInt8(chunk & 0xFF)
                    written += 3
                    index += 4
                }
            }
            guard valid, index < input.count else { return }
            guard let (chunk, padding) = lastQuad(input, at: index) else { valid = false; return }
            out[written] = UInt8(chunk >> 16 & 0xFF)
            if padding < 2 { out[written + 1] = UInt8(chunk >> 8 & 0xFF) }
            if padding < 1 { out[written + 2] = UInt8(chunk & 0xFF) }
            written += 3 - padding
        }
        return valid ? out : nil
    }

    /// The six-bit value of each alphabet byte; 0xFF for every other byte.
    private static let decoding: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        return table
    }()

    /// The 24 bits of the final four characters and how many of them are `=` padding, or nil
    /// for a character outside the alphabet, misplaced padding or set unused bits (a
    /// non-canonical encoding).
    private static func lastQuad(_ input: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int)? {
        var chunk: UInt32 = 0
        var padding = 0
        for offset in 0..<4 {
            let c = input[index + offset]
            if c == UInt8(ascii: "=") {
                guard offset >= 2 else { return nil }
                padding += 1
                chunk <<= 6
            } else {
                guard padding == 0, let v = value(of: c) else { return nil }
                chunk = chunk << 6 | v
            }
        }
        if padding == 1 && chunk & 0xFF != 0 { return nil }
        if padding == 2 && chunk & 0xFFFF != 0 { return nil }
        return (chunk, padding)
    }

    private static func value(of c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return UInt32(c - UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return UInt32(c - UInt8(ascii: "a") + 26)
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - UInt8(ascii: "0") + 52)
        case UInt8(ascii: "+"): return 62
        case UInt8(ascii: "/"): return 63
        default: return nil
        }
    }
}
