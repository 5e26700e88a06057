internal import CLibCrypto

/// SHA-1 and colon-hex formatting for certificate fingerprints.
enum X509Fingerprint {
    static func sha1(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 20)
        var length: UInt32 = 0
        let ok = out.withUnsafeMutableBufferPointer { outBuffer in
            EVP_Digest(bytes.baseAddress ?? UnsafeRawPointer(outBuffer.baseAddress!), bytes.count,
                       outBuffer.baseAddress, &length, EVP_sha1(), nil)
        }
        precondition(ok == 1 && length == 20, "EVP_Digest(SHA-1) failed")
        return out
    }

    /// Upper-case hex pairs joined by `:`.
    static func colonHex(_ digest: [UInt8]) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(digest.count * 3)
        for (index, byte) in digest.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ":")) }
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
