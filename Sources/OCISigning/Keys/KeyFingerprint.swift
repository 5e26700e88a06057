/// OCI key fingerprints.
public enum KeyFingerprint {
    /// MD5 of a DER SubjectPublicKeyInfo, as 16 lowercase hex pairs joined by `:`.
    ///
    /// Same as `openssl rsa -pubout -outform DER -in key.pem | openssl md5 -c`.
    public static func md5(ofPublicKeyDER der: [UInt8]) -> String {
        let digest = der.withUnsafeBytes { Digest.md5($0) }
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for (index, byte) in digest.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ":")) }
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
