import Foundation
import OCISigning
import Testing
import TestSupport

/// One RSA key written by `openssl` in every PEM form OCI users have, plus the wrong things
/// they hand over by mistake. Generated once per test run into a temporary directory.
struct KeyForms: @unchecked Sendable {  // immutable after setup
    static let passphrase = "correct horse"
    let dir: TemporaryDirectory
    /// `openssl dgst -sha256 -sign` of ``message`` with the PKCS#1 original.
    let expectedSignature: [UInt8]
    /// The fingerprint `openssl … | openssl md5 -c` prints for the key.
    let expectedFingerprint: String
    let message = Array("date: Thu, 05 Jan 2014 21:31:40 GMT\n(request-target): get /n/\nhost: example.com".utf8)

    /// name → openssl arguments that write the form from `pkcs1.pem` (output file appended).
    static let encryptedForms: [(name: String, args: [String])] = [
        ("pkcs8-aes256-pbkdf2.pem", ["pkcs8", "-topk8", "-in", "pkcs1.pem", "-v2", "aes-256-cbc", "-v2prf", "hmacWithSHA256", "-passout", "pass:\(passphrase)", "-out"]),
        ("pkcs8-aes128-pbkdf2-sha1.pem", ["pkcs8", "-topk8", "-in", "pkcs1.pem", "-v2", "aes-128-cbc", "-v2prf", "hmacWithSHA1", "-passout", "pass:\(passphrase)", "-out"]),
        ("pkcs8-des3-pbkdf2.pem", ["pkcs8", "-topk8", "-in", "pkcs1.pem", "-v2", "des3", "-passout", "pass:\(passphrase)", "-out"]),
        ("pkcs8-scrypt.pem", ["pkcs8", "-topk8", "-in", "pkcs1.pem", "-scrypt", "-passout", "pass:\(passphrase)", "-out"]),
        ("pkcs8-v1-pbe-sha1-3des.pem", ["pkcs8", "-topk8", "-in", "pkcs1.pem", "-v1", "PBE-SHA1-3DES", "-passout", "pass:\(passphrase)", "-out"]),
        ("legacy-aes128.pem", ["rsa", "-traditional", "-in", "pkcs1.pem", "-aes128", "-passout", "pass:\(passphrase)", "-out"]),
        ("legacy-aes256.pem", ["rsa", "-traditional", "-in", "pkcs1.pem", "-aes256", "-passout", "pass:\(passphrase)", "-out"]),
        ("legacy-des3.pem", ["rsa", "-traditional", "-in", "pkcs1.pem", "-des3", "-passout", "pass:\(passphrase)", "-out"]),
    ]

    static let shared: KeyForms = { try! KeyForms() }()

    init() throws {
        dir = try TemporaryDirectory()
        let cwd = dir.path
        func openssl(_ args: [String]) throws {
            // Relative names resolve inside the temporary directory.
            try OpenSSLTool.run(args.map { $0.hasSuffix(".pem") || $0.hasSuffix(".der") ? (cwd as NSString).appendingPathComponent($0) : $0 })
        }
        try openssl(["genrsa", "-traditional", "-out", "pkcs1.pem", "2048"])
        try openssl(["pkcs8", "-topk8", "-nocrypt", "-in", "pkcs1.pem", "-out", "pkcs8.pem"])
        for form in Self.encryptedForms { try openssl(form.args + [form.name]) }
        try openssl(["rsa", "-in", "pkcs1.pem", "-pubout", "-out", "public-spki.pem"])
        try openssl(["rsa", "-in", "pkcs1.pem", "-RSAPublicKey_out", "-out", "public-pkcs1.pem"])
        try openssl(["req", "-new", "-x509", "-key", "pkcs1.pem", "-subj", "/CN=oci-sign test", "-days", "2", "-out", "certificate.pem"])
        try openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec-p256.pem"])
        try openssl(["pkcs8", "-topk8", "-in", "ec-p256.pem", "-v2", "aes-256-cbc", "-passout", "pass:\(Self.passphrase)", "-out", "ec-p256-encrypted.pem"])
        try openssl(["genpkey", "-algorithm", "ED25519", "-out", "ed25519.pem"])
        // Single DES needs OpenSSL 3's legacy provider: written with it, unreadable without it.
        try openssl(["rsa", "-provider", "legacy", "-provider", "default", "-traditional", "-in", "pkcs1.pem", "-des", "-passout", "pass:\(Self.passphrase)", "-out", "legacy-des.pem"])
        try openssl(["pkcs8", "-topk8", "-in", "pkcs1.pem", "-v2", "aes-256-cbc", "-passout", "pass:ünïcødé pass", "-out", "pkcs8-utf8-passphrase.pem"])

        let pkcs8 = try dir.read("pkcs8.pem")
        // What Oracle recommends: a label line after the key; editors add notes before it.
        try dir.write("pkcs8-with-label.pem", Array("my OCI key, uploaded 2026-11-29\n\n".utf8) + pkcs8 + Array("OCI_API_KEY\n".utf8))
        try dir.write("pkcs1-crlf.pem", String(decoding: try dir.read("pkcs1.pem"), as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n"))
        try dir.write("certificate-then-key.pem", try dir.read("certificate.pem") + pkcs8)

        expectedSignature = try OpenSSLTool.signature(keyFile: dir.file("pkcs1.pem"), message: message)
        expectedFingerprint = try OpenSSLTool.fingerprint(keyFile: dir.file("pkcs1.pem"))
    }

    func path(_ name: String) -> String { dir.file(name) }
}

@Suite struct KeyFormsTests {
    let forms = KeyForms.shared

    @Test("unencrypted forms load and sign exactly as openssl does",
          arguments: ["pkcs1.pem", "pkcs8.pem", "pkcs8-with-label.pem", "pkcs1-crlf.pem", "certificate-then-key.pem"])
    func unencrypted(name: String) throws {
        let key = try OCIPrivateKey(pemFile: forms.path(name))
        #expect(key.bits == 2048)
        #expect(try key.sign(forms.message) == forms.expectedSignature)
        #expect(try key.fingerprint == forms.expectedFingerprint)
    }

    @Test("a pass phrase given for an unencrypted key is ignored")
    func passphraseIgnored() throws {
        let key = try OCIPrivateKey(pemFile: forms.path("pkcs8.pem"), passphrase: Array("unused".utf8))
        #expect(try key.sign(forms.message) == forms.expectedSignature)
    }

    @Test("encrypted forms load with the pass phrase and sign identically", arguments: KeyForms.encryptedForms.map(\.name))
    func encrypted(name: String) throws {
        let key = try OCIPrivateKey(pemFile: forms.path(name), passphrase: Array(KeyForms.passphrase.utf8))
        #expect(try key.sign(forms.message) == forms.expectedSignature)
        // Same key through the String API.
        let text = String(decoding: try forms.dir.read(name), as: UTF8.self)
        let again = try OCIPrivateKey(pem: text, passphrase: KeyForms.passphrase)
        #expect(try again.fingerprint == forms.expectedFingerprint)
    }

    @Test("an empty pass phrase: ignored for a plain key, wrongPassphrase for an encrypted one")
    func emptyPassphrase() throws {
        #expect(try OCIPrivateKey(pemFile: forms.path("pkcs8.pem"), passphrase: []).sign(forms.message) == forms.expectedSignature)
        for name in ["pkcs8-aes256-pbkdf2.pem", "legacy-aes128.pem"] {
            let error = try #require(throws: OCISigningError.self) { try OCIPrivateKey(pemFile: forms.path(name), passphrase: []) }
            #expect(error.code == .wrongPassphrase, "\(name): \(error)")
        }
    }

    @Test("a UTF-8 pass phrase is used as its UTF-8 bytes, as openssl does")
    func utf8Passphrase() throws {
        let key = try OCIPrivateKey(pem: String(decoding: try forms.dir.read("pkcs8-utf8-passphrase.pem"), as: UTF8.self), passphrase: "ünïcødé pass")
        #expect(try key.sign(forms.message) == forms.expectedSignature)
    }

    @Test("a legacy single-DES key is invalidKey naming the cipher, not wrongPassphrase")
    func legacyProviderCipher() throws {
        let error = try #require(throws: OCISigningError.self) {
            try OCIPrivateKey(pemFile: forms.path("legacy-des.pem"), passphrase: Array(KeyForms.passphrase.utf8))
        }
        #expect(error.code == .invalidKey)
        #expect(error.reason.contains("(DEK-Info: DES-CBC)"))
        #expect(error.reason.contains("openssl pkcs8 -topk8 -v2 aes-256-cbc"))
        #expect(!error.description.contains(KeyForms.passphrase))
        let missing = try #require(throws: OCISigningError.self) { try OCIPrivateKey(pemFile: forms.path("legacy-des.pem")) }
        #expect(missing.code == .missingPassphrase)
    }

    @Test("an encrypted key without a pass phrase is missingPassphrase", arguments: KeyForms.encryptedForms.map(\.name))
    func missingPassphrase(name: String) throws {
        let error = try #require(throws: OCISigningError.self) { try OCIPrivateKey(pemFile: forms.path(name)) }
        #expect(error.code == .missingPassphrase)
        #expect(error.path == forms.path(name))
        #expect(error.description.contains("encrypted"))
    }

    @Test("a wrong pass phrase is wrongPassphrase and is not echoed", arguments: KeyForms.encryptedForms.map(\.name))
    func wrongPassphrase(name: String) throws {
        let wrong = "Tr0ub4dor&3-wrong"
        let error = try #require(throws: OCISigningError.self) {
            try OCIPrivateKey(pemFile: forms.path(name), passphrase: Array(wrong.utf8))
        }
        #expect(error.code == .wrongPassphrase)
        #expect(!error.description.contains(wrong))
        #expect(!error.description.contains(KeyForms.passphrase))
        #expect(error.path == forms.path(name))
    }

    @Test("public keys and certificates are notAPrivateKey", arguments: ["public-spki.pem", "public-pkcs1.pem", "certificate.pem"])
    func publicMaterial(name: String) throws {
        let error = try #require(throws: OCISigningError.self) { try OCIPrivateKey(pemFile: forms.path(name)) }
        #expect(error.code == .notAPrivateKey)
        #expect(error.description.contains("public key or certificate"))
    }

    @Test("non-RSA keys are unsupportedKeyType", arguments: ["ec-p256.pem", "ed25519.pem", "ec-p256-encrypted.pem"])
    func nonRSA(name: String) throws {
        let error = try #require(throws: OCISigningError.self) {
            try OCIPrivateKey(pemFile: forms.path(name), passphrase: Array(KeyForms.passphrase.utf8))
        }
        #expect(error.code == .unsupportedKeyType)
        #expect(error.description.contains("RSA"))
    }

    @Test("corrupt PEM is invalidKey and shows no key text")
    func corrupt() throws {
        let text = String(decoding: try forms.dir.read("pkcs8.pem"), as: UTF8.self)
        var lines = text.split(separator: "\n").map(String.init)
        let body = lines[1...].dropLast()
        // 1. A base64 line with a byte flipped into another valid base64 letter.
        var flipped = lines
        flipped[5] = String(flipped[5].reversed())
        // 2. Truncated after a few lines.
        let truncated = Array(lines.prefix(4)) + [lines.last!]
        // 3. Not base64 at all.
        lines[3] = "!!!! this is not base64 !!!!"
        let cases: [(String, String)] = [
            ("flipped", flipped.joined(separator: "\n") + "\n"),
            ("truncated", truncated.joined(separator: "\n") + "\n"),
            ("garbage line", lines.joined(separator: "\n") + "\n"),
            ("no armour", body.joined(separator: "\n")),
            ("empty", ""),
            ("no END line", Array(lines.prefix(6)).joined(separator: "\n")),
        ]
        for (name, pem) in cases {
            let error = try #require(throws: OCISigningError.self, "\(name)") { try OCIPrivateKey(pem: pem) }
            #expect(error.code == .invalidKey, "\(name): \(error)")
            if name == "flipped" {
                // Parses fine; only the pairwise check sees the modulus no longer matches p·q.
                #expect(error.description.contains("damaged"), "\(error)")
            }
            for line in body where line.count > 16 {
                #expect(!error.description.contains(line.prefix(16)), "\(name) leaks key text")
            }
        }
    }

    @Test("damage anywhere in the key either fails to load or still signs correctly, never silently wrong",
          arguments: ["pkcs1.pem", "pkcs8.pem"])
    func damageNeverSignsWrong(name: String) throws {
        let lines = String(decoding: try forms.dir.read(name), as: UTF8.self).split(separator: "\n").map(String.init)
        var refused = 0
        for index in 1..<(lines.count - 1) {
            var damaged = lines
            damaged[index] = String(damaged[index].reversed())
            if damaged[index] == lines[index] { continue }
            do {
                let key = try OCIPrivateKey(pem: damaged.joined(separator: "\n") + "\n")
                // Loaded: then it must be a key that still signs exactly like the original
                // (damage only in d or the CRT values, which OpenSSL recovers from).
                #expect(try key.sign(forms.message) == forms.expectedSignature, "\(name) line \(index + 1) signs wrongly")
            } catch {
                #expect(error.code == .invalidKey, "\(name) line \(index + 1): \(error)")
                refused += 1
            }
        }
        #expect(refused > 0)
    }

    @Test("a missing file and a directory are fileUnreadable, naming the path")
    func unreadable() throws {
        let missing = forms.path("does-not-exist.pem")
        let error = try #require(throws: OCISigningError.self) { try OCIPrivateKey(pemFile: missing) }
        #expect(error.code == .fileUnreadable)
        #expect(error.description.hasPrefix(missing + ": "))
        #expect(error.description.contains("No such file"))
        let directory = try #require(throws: OCISigningError.self) { try OCIPrivateKey(pemFile: forms.dir.path) }
        #expect(directory.code == .fileUnreadable)
        #expect(directory.path == forms.dir.path)
    }

    @Test("the public key file gives the same fingerprint as openssl")
    func publicFingerprint() throws {
        let key = try OCIPublicKey(pemFile: forms.path("public-spki.pem"))
        #expect(try key.fingerprint == OpenSSLTool.fingerprint(keyFile: forms.path("public-spki.pem"), publicInput: true))
        #expect(key.isValidSignature(forms.expectedSignature, for: forms.message))
    }
}
