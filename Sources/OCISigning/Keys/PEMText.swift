/// Looks at PEM text without decoding it, to explain why libcrypto refused it.
///
/// Only the armour labels and the legacy `Proc-Type` line are inspected; the base64 body is
/// never copied into a message.
struct PEMText {
    let labels: [String]
    let hasLegacyEncryption: Bool
    /// The cipher named by a legacy `DEK-Info:` line (`AES-256-CBC`, `DES-CBC`); not the IV.
    let legacyCipher: String?

    init(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        var labels: [String] = []
        var legacy = false
        var cipher: String?
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = rawLine.trimmingASCIISpaces()
            if line.hasPrefix("-----BEGIN "), line.hasSuffix("-----") {
                labels.append(String(line.dropFirst(11).dropLast(5)))
            } else if line.hasPrefix("Proc-Type:"), line.contains("ENCRYPTED") {
                legacy = true
            } else if line.hasPrefix("DEK-Info:") {
                let value = line.dropFirst("DEK-Info:".count).trimmingASCIISpaces()
                cipher = String(value.prefix { $0 != "," }.prefix(40))
            }
        }
        self.labels = labels
        self.hasLegacyEncryption = legacy
        self.legacyCipher = cipher
    }

    var isEncrypted: Bool { labels.contains("ENCRYPTED PRIVATE KEY") || hasLegacyEncryption }
    var hasPrivateKeyBlock: Bool { labels.contains { $0.hasSuffix("PRIVATE KEY") } }
    var hasPublicMaterialOnly: Bool {
        !hasPrivateKeyBlock && labels.contains { $0.hasSuffix("PUBLIC KEY") || $0.hasSuffix("CERTIFICATE") }
    }
}

extension Substring {
    func trimmingASCIISpaces() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return s
    }
}
