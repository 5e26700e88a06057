import ArgumentParser
import Foundation
import OCICredentials
import OCISignCLI
import OCISigning
import OCIRawRequest
import Testing
import TestSupport

/// The secrets scan, over every command: `dump` (text/json, with and
/// without `--show-secrets`), `explain`, `verify`, `fingerprint`, `config check`, `sign --profile`
/// (session token; encrypted key with a wrong and the right `--passphrase-file`), and the
/// description of every `OCICredentials` error. Needles: 20-character windows of every base64
/// line of every private key used (Oracle's docs key in four encodings, the openssl-generated
/// 2048-bit key plain and encrypted), every pass phrase tried, and the session-token bodies.
@Suite struct SecretLeakCommandTests {
    typealias Keys = SecretLeakTests.Keys
    static let docToken = SecretLeakTests.sessionToken
    /// A session token for `config check` / `sign --profile` (JWT, expires 2033).
    static let profileToken = CLIHome.jwt(exp: 2_000_000_000)
    /// A delegation token (`opc-obo-token`) that `dump` must redact unless --show-secrets.
    static let oboToken = "obo-delegation-token-body-0123456789abcdefXYZ"
    static let wrongPassphrases = ["wrong pass phrase 42", "", "cli pass phrase", "cli pass phrase 77"]

    /// 20-character windows (step 10) of each line, the line itself when shorter.
    static func windows(_ line: Substring) -> [String] {
        let chars = Array(line)
        if chars.count <= 20 { return [String(chars)] }
        return stride(from: 0, through: chars.count - 20, by: 10).map { String(chars[$0..<$0 + 20]) }
    }

    static func keyNeedles(pemFiles: [String], pems: [String]) throws -> Set<String> {
        var needles: Set<String> = []
        let texts = try pems + pemFiles.map { try String(contentsOfFile: $0, encoding: .utf8) }
        for pem in texts {
            for line in pem.split(separator: "\n") where !line.hasPrefix("-----") && !line.contains(":") {
                needles.formUnion(windows(line))
            }
        }
        return needles
    }

    /// The parts of a token that must never show; its first 8 characters may (the redaction keeps them).
    static func tokenNeedles(_ token: String) -> Set<String> {
        Set(windows(token.dropFirst(8)).filter { $0.count >= 12 })
    }

    struct Transcript {
        var entries: [(what: String, text: String)] = []
        var statuses: [OCISignCLI.ExitStatus] = []
        mutating func add(_ what: String, _ terminal: Terminal, _ status: OCISignCLI.ExitStatus) {
            entries.append(("stdout of \(what)", terminal.output))
            entries.append(("stderr of \(what)", terminal.errorOutput))
            statuses.append(status)
        }
        func hits(_ needles: Set<String>, skipping: (String) -> Bool = { _ in false }) -> [String] {
            var hits: [String] = []
            for (what, text) in entries where !skipping(what) {
                for needle in needles where text.contains(needle) { hits.append("\(what): contains '\(needle)'") }
            }
            return hits
        }
        func all(_ needle: String) -> Bool { entries.contains { $0.text.contains(needle) } }
    }

    /// Runs a command parsed from `arguments` the way `oci-sign` would, in-process.
    static func run(_ arguments: [String], context: CredentialContext, into transcript: inout Transcript) {
        let label = arguments.joined(separator: " ")
        let terminal = Terminal.capturing()
        do {
            let command = try OCISignCommand.parseAsRoot(arguments)
            let status: OCISignCLI.ExitStatus
            switch command {
            case let sign as SignCommand: status = sign.execute(terminal: terminal, context: context)
            case let check as ConfigCheckCommand: status = check.execute(terminal: terminal, context: context)
            case let fingerprint as FingerprintCommand: status = fingerprint.execute(terminal: terminal, context: context)
            case let dump as DumpCommand: status = dump.execute(terminal: terminal)
            case let explain as ExplainCommand: status = explain.execute(terminal: terminal)
            case let verify as VerifyCommand: status = verify.execute(terminal: terminal)
            default:
                Issue.record("\(type(of: command)) is not covered by the secrets scan")
                return
            }
            transcript.add(label, terminal, status)
        } catch {
            transcript.entries.append(("usage error of \(label)", OCISignCommand.fullMessage(for: error)))
        }
    }

    @Test("dump, explain, verify and fingerprint print no key, pass phrase or token (tokens only with dump --show-secrets)")
    func debugCommands() throws {
        let keys = try Keys()
        let w = try SecretLeakTests.Workspace(keys)
        defer { w.remove() }
        let home = try CLIHome()
        let date = "Thu, 05 Jan 2014 21:31:40 GMT"
        let tokenKeyID = "ST$" + Self.docToken
        // Requests: plain, with a delegation token, and signed copies (token keyId; API-key keyId).
        let obo = "GET /20160918/instances HTTP/1.1\nhost: iaas.us-phoenix-1.oraclecloud.com\ndate: \(date)\nopc-obo-token: \(Self.oboToken)\n\n"
        try obo.write(toFile: w.path("obo.http"), atomically: true, encoding: .utf8)
        let signer = try OCIRequestSigner(keyID: tokenKeyID, privateKey: OCIPrivateKey(pem: keys.pkcs1), allowWeakKey: true)
        for (name, source) in [("signed-token.http", "request.http"), ("signed-obo.http", "obo.http"), ("signed-post.http", "post.http")] {
            let raw = try RawHTTPRequest(parsing: Array(try String(contentsOfFile: w.path(source), encoding: .utf8).utf8))
            let signed = try RawRequestSigning.sign(raw, with: signer, options: SigningOptions(date: HTTPDate(imfFixdate: date)))
            try Data(signed.httpBytes).write(to: URL(fileURLWithPath: w.path(name)))
            // A tampered copy: one signature character changed, so verification fails.
            var text = String(decoding: signed.httpBytes, as: UTF8.self)
            let range = text.range(of: "signature=\"")!
            let index = range.upperBound
            text.replaceSubrange(index...index, with: text[index] == "A" ? "B" : "A")
            try text.write(toFile: w.path("tampered-" + name), atomically: true, encoding: .utf8)
        }
        let right = try home.dir.write("right.txt", CLIHome.passphrase + "\n")
        let wrong = try home.dir.write("wrong.txt", Self.wrongPassphrases[0] + "\n")

        var plain = Transcript()     // must hold no secret at all
        var revealed = Transcript()  // dump --show-secrets: tokens allowed, keys and pass phrases not
        for format in ["text", "json"] {
            for request in ["request.http", "obo.http", "post.http", "signed-token.http", "signed-obo.http", "bad.http", "missing.http"] {
                for key in ["pkcs1.pem", "encrypted-pkcs8.pem", "corrupt.pem", "public.pem"] {
                    let base = ["dump", "--key-file", w.path(key), "--key-id", tokenKeyID, "--allow-weak-key", "--date", date, "--now", date, "--format", format, w.path(request)]
                    Self.run(base, context: home.context, into: &plain)
                    Self.run(base + ["--show-secrets"], context: home.context, into: &revealed)
                }
                Self.run(["dump", "--format", format, w.path(request)], context: home.context, into: &plain)  // no key: unsigned stages
            }
            // An encrypted key with pass-phrase files (dump has the shared option).
            for file in [right, wrong] {
                Self.run(["dump", "--key-file", home.encryptedKey, "--key-id", tokenKeyID, "--passphrase-file", file, "--format", format, w.path("request.http")],
                         context: home.context, into: &plain)
            }
            for request in ["signed-token.http", "signed-obo.http", "signed-post.http", "tampered-signed-token.http", "tampered-signed-obo.http",
                            "tampered-signed-post.http", "request.http", "bad.http"] {
                for keyOption in [["--public-key", w.path("public.pem")], ["--key-file", w.path("pkcs1.pem")], ["--key-file", home.key],
                                  ["--key-file", w.path("encrypted-pkcs8.pem")], ["--public-key", w.path("corrupt.pem")]] {
                    Self.run(["explain", "--allow-weak-key"] + keyOption + ["--now", date, "--format", format, w.path(request)], context: home.context, into: &plain)
                    if format == "text" {
                        Self.run(["verify", "--allow-weak-key"] + keyOption + ["--now", date, w.path(request)], context: home.context, into: &plain)
                    }
                }
            }
        }
        for key in [w.path("pkcs1.pem"), w.path("public.pem"), w.path("corrupt.pem"), w.path("truncated.pem"), home.key, home.encryptedKey, w.path("missing.pem")] {
            Self.run(["fingerprint", key], context: home.context, into: &plain)
            for file in [right, wrong, home.dir.file("no-such-passphrase-file")] {
                Self.run(["fingerprint", "--passphrase-file", file, key], context: home.context, into: &plain)
            }
        }

        let keyNeedles = try Self.keyNeedles(pemFiles: [home.key, home.encryptedKey], pems: keys.privatePEMs)
        let passphraseNeedles = Set([CLIHome.passphrase] + Self.wrongPassphrases.filter { $0.count >= 8 })
        let tokenNeedles = Self.tokenNeedles(Self.docToken).union([Self.oboToken])
        #expect(keyNeedles.count > 150)

        // The runs reached success and the failures that quote files and keys.
        #expect(plain.statuses.contains(.success) && plain.statuses.contains(.failure) && plain.statuses.contains(.credentials))
        #expect(plain.all("[wrongPassphrase]") && plain.all("[missingPassphrase]") && plain.all("[invalidKey]"))
        #expect(plain.all("redacted; --show-secrets shows it"))
        // --show-secrets does show the token bodies (so the scanner would see them if they leaked).
        #expect(revealed.all(Self.docToken) && revealed.all(Self.oboToken))

        let leaks = plain.hits(keyNeedles.union(passphraseNeedles).union(tokenNeedles))
            + revealed.hits(keyNeedles.union(passphraseNeedles))
        #expect(leaks.isEmpty, "\(leaks.count) leaks over \(plain.entries.count + revealed.entries.count) outputs, e.g.\n\(leaks.prefix(5).joined(separator: "\n"))")
    }

    @Test("config check and sign --profile (session token; encrypted key with a wrong and the right pass-phrase file) print no secret")
    func profileCommands() throws {
        let home = try CLIHome()
        let token = try home.dir.write(".oci/token", Self.profileToken + "\n")
        let expired = try home.dir.write(".oci/expired-token", CLIHome.jwt(exp: 1_000_000_000) + "\n")
        let badToken = try home.dir.write(".oci/bad-token", String(Self.profileToken.prefix(30)) + " " + String(Self.profileToken.dropFirst(30)) + "\n")
        let right = try home.dir.write("right.txt", CLIHome.passphrase + "\n")
        let wrong = try home.dir.write("wrong.txt", Self.wrongPassphrases[0] + "\n")
        let request = try home.request()
        try home.config(
            home.profile("DEFAULT")
            + home.profile("encrypted", keyFile: "~/.oci/key-encrypted.pem")
            + home.profile("encrypted-config-pass", keyFile: "~/.oci/key-encrypted.pem", extra: "pass_phrase=\(Self.wrongPassphrases[3])")
            + home.profile("go-alias", keyFile: "~/.oci/key-encrypted.pem", extra: "passphrase=\(Self.wrongPassphrases[3])")
            + "[session]\nfingerprint=\(home.fingerprint)\nkey_file=~/.oci/key.pem\ntenancy=\(CLIHome.tenancy)\nregion=us-ashburn-1\nsecurity_token_file=\(token)\n\n"
            + "[expired]\nkey_file=~/.oci/key.pem\nsecurity_token_file=\(expired)\n\n"
            + "[bad-token]\nkey_file=~/.oci/key.pem\nsecurity_token_file=\(badToken)\n\n"
            + "[content]\nkey_content=\(try String(contentsOfFile: home.key, encoding: .utf8).split(separator: "\n")[1])\n\n"
            + "[weird]\nuser=not an ocid\nfingerprint=zz\ntenancy=\(CLIHome.tenancy)\nkey_file=~/.oci/key.pem\n")

        var transcript = Transcript()
        var outcomes: [String] = []
        for profile in ["DEFAULT", "encrypted", "encrypted-config-pass", "go-alias", "session", "expired", "bad-token", "content", "weird", "missing"] {
            for passphrase in [nil, right, wrong] {
                let extra = passphrase.map { ["--passphrase-file", $0] } ?? []
                Self.run(["config", "check", "--profile", profile] + extra, context: home.context, into: &transcript)
                for format in ["http", "json"] {
                    Self.run(["sign", "--profile", profile, "--format", format] + extra + [request], context: home.context, into: &transcript)
                    outcomes.append("\(profile) \(passphrase == nil ? "-" : passphrase == right ? "right" : "wrong") \(transcript.statuses.last!)")
                }
            }
        }
        // OCI_CLI_PASSPHRASE, wrong then right.
        for value in [Self.wrongPassphrases[2], CLIHome.passphrase] {
            home.variables = ["OCI_CLI_PASSPHRASE": value]
            Self.run(["sign", "--profile", "encrypted", request], context: home.context, into: &transcript)
            Self.run(["config", "check", "--profile", "encrypted"], context: home.context, into: &transcript)
        }

        let secretNeedles = try Self.keyNeedles(pemFiles: [home.key, home.encryptedKey], pems: [])
            .union([CLIHome.passphrase]).union(Self.wrongPassphrases.filter { $0.count >= 8 })
        let tokenNeedles = Self.tokenNeedles(Self.profileToken).union(Self.tokenNeedles(CLIHome.jwt(exp: 1_000_000_000)))
        // Signing with the session profile and the encrypted key with the right file succeeded;
        // the wrong file and the other broken profiles failed with their codes.
        #expect(outcomes.contains("session - success") && outcomes.contains("encrypted right success"))
        #expect(outcomes.contains("encrypted wrong credentials"))
        for code in ["wrongPassphrase", "sessionTokenExpired", "invalidSessionToken", "keyContentInFile", "invalidConfigValue", "profileNotFound"] {
            #expect(transcript.all("[\(code)]"), "no run produced \(code)")
        }
        // The signed request `sign` writes to stdout carries keyId="ST$<token>" by design (it is
        // what gets sent); everywhere else — errors, config check, warnings — the token must not show.
        #expect(transcript.entries.contains { $0.what.hasPrefix("stdout of sign --profile session") && $0.text.contains(Self.profileToken) })
        let leaks = transcript.hits(secretNeedles) + transcript.hits(tokenNeedles) { $0.hasPrefix("stdout of sign ") }
        #expect(leaks.isEmpty, "\(leaks.count) leaks over \(transcript.entries.count) outputs, e.g.\n\(leaks.prefix(5).joined(separator: "\n"))")
    }

    @Test("every OCICredentials error and warning description is free of keys, pass phrases and tokens")
    func credentialErrors() throws {
        let home = try CLIHome()
        let token = try home.dir.write(".oci/token", Self.profileToken + "\n")
        let keyText = try String(contentsOfFile: home.key, encoding: .utf8)
        let keyLine = String(keyText.split(separator: "\n")[2])
        let env = home.context.environment
        var texts: [(String, String)] = []
        var codes: Set<String> = []
        func attempt(_ what: String, _ body: () throws(OCISigningError) -> OCICredentials) {
            do {
                let credentials = try body()
                texts.append((what, credentials.description))
                for warning in credentials.warnings { texts.append(("warning of \(what)", warning.description)) }
            } catch {
                codes.insert(error.code.rawValue)
                texts.append((what, error.description))
                texts.append((what, error.reason))
            }
        }
        func config(_ text: String) -> String { (try? home.dir.write("config-\(UUID().uuidString)", text)) ?? "" }
        let api = home.profile("DEFAULT")
        let publicKeyFile = try home.dir.write("pub.pem", OpenSSLTool.run(["pkey", "-in", home.key, "-pubout"]))
        let cases: [(String, String, PassphraseOptions)] = [
            ("api key", api, PassphraseOptions()),
            ("malformed", "user=\(CLIHome.user)\n", PassphraseOptions()),
            ("missing values", "[DEFAULT]\nregion=x\n", PassphraseOptions()),
            ("bad ocid", home.profile("DEFAULT").replacingOccurrences(of: CLIHome.user, with: "not-an-ocid"), PassphraseOptions()),
            ("bad fingerprint", home.profile(fingerprint: "xx:zz"), PassphraseOptions()),
            ("fingerprint mismatch", home.profile(fingerprint: "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff"), PassphraseOptions()),
            ("key_content", "[DEFAULT]\nkey_content=\(keyLine)\n", PassphraseOptions()),
            ("key file is a token", home.profile(keyFile: token), PassphraseOptions()),
            ("key file missing", home.profile(keyFile: "~/.oci/none.pem"), PassphraseOptions()),
            ("public key as key", home.profile(keyFile: publicKeyFile), PassphraseOptions()),
            ("encrypted, none", home.profile(keyFile: home.encryptedKey), PassphraseOptions(environmentVariable: nil)),
            ("encrypted, explicit wrong", home.profile(keyFile: home.encryptedKey), PassphraseOptions(explicit: Array(Self.wrongPassphrases[0].utf8))),
            ("encrypted, explicit right", home.profile(keyFile: home.encryptedKey), PassphraseOptions(explicit: Array(CLIHome.passphrase.utf8))),
            ("encrypted, config wrong", home.profile(keyFile: home.encryptedKey, extra: "pass_phrase=\(Self.wrongPassphrases[3])"), PassphraseOptions(environmentVariable: nil)),
            ("encrypted, go alias", home.profile(keyFile: home.encryptedKey, extra: "passphrase=\(Self.wrongPassphrases[3])"), PassphraseOptions(environmentVariable: nil)),
            ("encrypted, file missing", home.profile(keyFile: home.encryptedKey), PassphraseOptions(file: home.dir.file("nope.txt"))),
            ("encrypted, file wrong", home.profile(keyFile: home.encryptedKey), PassphraseOptions(file: try home.dir.write("w.txt", Self.wrongPassphrases[3]))),
            ("session", "[DEFAULT]\nkey_file=\(home.key)\nsecurity_token_file=\(token)\n", PassphraseOptions()),
            ("session expired", "[DEFAULT]\nkey_file=\(home.key)\nsecurity_token_file=\(try home.dir.write("exp", CLIHome.jwt(exp: 1)))\n", PassphraseOptions()),
            ("session token with a space", "[DEFAULT]\nkey_file=\(home.key)\nsecurity_token_file=\(try home.dir.write("sp", String(Self.profileToken.prefix(40)) + " " + String(Self.profileToken.dropFirst(40))))\n", PassphraseOptions()),
            ("session token with a quote", "[DEFAULT]\nkey_file=\(home.key)\nsecurity_token_file=\(try home.dir.write("q", Self.profileToken + "\""))\n", PassphraseOptions()),
            ("session token empty", "[DEFAULT]\nkey_file=\(home.key)\nsecurity_token_file=\(try home.dir.write("e", "\n"))\n", PassphraseOptions()),
            ("session token missing", "[DEFAULT]\nkey_file=\(home.key)\nsecurity_token_file=~/none\n", PassphraseOptions()),
        ]
        for (what, text, passphrase) in cases {
            let path = config(text)
            attempt(what) { () throws(OCISigningError) in try OCICredentials.load(configFile: path, passphrase: passphrase, environment: env) }
        }
        attempt("profile not found") { () throws(OCISigningError) in try OCICredentials.load(profile: "nope", configFile: config(api), environment: env) }
        attempt("config not found") { () throws(OCISigningError) in try OCICredentials.load(configFile: "~/no/config", environment: env) }
        attempt("no config anywhere") { () throws(OCISigningError) in
            try OCICredentials.load(environment: CredentialEnvironment(variables: [:], homeDirectory: home.dir.file("empty-home")))
        }
        do {
            _ = try SessionToken(text: Array((Self.profileToken + "\u{1}").utf8), path: "t")
        } catch {
            texts.append(("token with a control byte", error.description))
        }
        try texts.append(("session token description", SessionToken(text: Array(Self.profileToken.utf8), path: "t").description))

        for code in ["malformedConfig", "missingConfigValue", "invalidConfigValue", "keyContentInFile", "fileUnreadable", "notAPrivateKey",
                     "missingPassphrase", "wrongPassphrase", "sessionTokenExpired", "invalidSessionToken", "profileNotFound", "configFileNotFound"] {
            #expect(codes.contains(code), "no case produced \(code)")
        }
        // The key_content case puts a real key line in the config: it must not be echoed.
        let needles = try Self.keyNeedles(pemFiles: [home.key, home.encryptedKey], pems: [])
            .union([CLIHome.passphrase]).union(Self.wrongPassphrases.filter { $0.count >= 8 }).union(Self.tokenNeedles(Self.profileToken))
        var leaks: [String] = []
        for (what, text) in texts {
            for needle in needles where text.contains(needle) {
                leaks.append("\(what): contains '\(needle)': \(text)")
            }
        }
        #expect(leaks.isEmpty, "\(leaks.count) leaks over \(texts.count) texts, e.g.\n\(leaks.prefix(5).joined(separator: "\n"))")
    }
}
