/// The Python SDK's "sanitized" PEM (`auth_utils.sanitize_certificate_string`): the text
/// stripped, the four BEGIN/END marker strings and every `\n` removed, nothing else. For an LF
/// PEM this is base64 of the DER; several certificates become one concatenated string.
enum SanitizedPEM {
    static let markers = ["-----BEGIN CERTIFICATE-----", "-----END CERTIFICATE-----",
                          "-----BEGIN PUBLIC KEY-----", "-----END PUBLIC KEY-----"]

    static func sanitize(_ pem: String) -> String {
        var text = pem.trimmingPythonWhitespace()
        for marker in markers { text = text.replacingAll(marker, with: "") }
        return text.replacingAll("\n", with: "")
    }
}

extension String {
    /// Python's `str.strip()` for ASCII whitespace.
    func trimmingPythonWhitespace() -> String {
        let space: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D]
        var bytes = Substring(self).utf8[...]
        while let first = bytes.first, space.contains(first) { bytes = bytes.dropFirst() }
        while let last = bytes.last, space.contains(last) { bytes = bytes.dropLast() }
        return String(Substring(bytes))
    }

    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
