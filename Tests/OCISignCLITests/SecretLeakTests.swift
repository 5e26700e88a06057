import ArgumentParser
import Foundation
import OCISignCLI
import OCISigning
import Testing

/// No output and no error message may contain key material, a pass phrase or a token body.
/// Runs the CLI in-process over good and bad keys and scans everything it wrote.
///
/// To cover a new command, add `extension NewCommand: InProcessCommand {}` and its argument
/// lists to `invocations`.
protocol InProcessCommand { func execute(terminal: Terminal) -> OCISignCLI.ExitStatus }
extension SignCommand: InProcessCommand {}

@Suite struct SecretLeakTests {
    /// Oracle's published test key and its re-encodings (pass phrase `secret`), from the vectors.
    struct Keys {
        let json: [String: Any]
        init() throws {
            let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("Vectors/oracle-docs/oci-doc-test-vectors.json")
            json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        }
        var key: [String: Any] { json["key"] as! [String: Any] }
        var encodings: [String: Any] { json["derived_key_encodings"] as! [String: Any] }
        var pkcs1: String { key["private_key_pem_pkcs1"] as! String }
        var publicPEM: String { key["public_key_pem_spki"] as! String }
        var pkcs8: String { encodings["private_key_pem_pkcs8"] as! String }
        var encryptedPKCS8: String { encodings["private_key_pem_pkcs8_encrypted_aes256cbc_pbkdf2"] as! String }
        var legacyEncrypted: String { encodings["private_key_pem_pkcs1_legacy_encrypted_aes128cbc"] as! String }
        var keyID: String { (json["credentials"] as! [String: Any])["key_id"] as! String }
        var privatePEMs: [String] { [pkcs1, pkcs8, encryptedPKCS8, legacyEncrypted] }
    }

    static let passphrase = "secret"
    static let sessionToken = "eyJraWQiOiJzZXNzaW9uLXRva2VuIn0.eyJzdWIiOiJvY2lkMS51c2VyLmZ1enoifQ.c2Vzc2lvbi10b2tlbi1zaWduYXR1cmU"

    /// 20-character windows (step 10) of every base64 body line of the private keys: a leak of
    /// any part of a line longer than ~30 characters is caught.
    static func secretNeedles(_ keys: Keys) -> [String] {
        var needles: Set<String> = [passphrase]
        for pem in keys.privatePEMs {
            for line in pem.split(separator: "\n") where !line.hasPrefix("-----") && !line.contains(":") {
                let chars = Array(line)
                if chars.count <= 20 { needles.insert(String(chars)); continue }
                for start in stride(from: 0, through: chars.count - 20, by: 10) { needles.insert(String(chars[start..<start + 20])) }
            }
        }
        for part in sessionToken.split(separator: ".") { needles.insert(String(part)) }
        return needles.sorted()
    }

    /// Files for one run: keys in every form, a corrupt key, a public key, a raw request.
    struct Workspace {
        let directory: String
        init(_ keys: Keys) throws {
            directory = NSTemporaryDirectory() + "oci-leakscan-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            var corrupt = keys.pkcs1.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            corrupt[3] = String(corrupt[3].reversed())  // still base64, no longer a valid key
            let truncated = keys.pkcs1.split(separator: "\n").prefix(6).joined(separator: "\n") + "\n-----END RSA PRIVATE KEY-----\n"
            let files: [String: String] = [
                "pkcs1.pem": keys.pkcs1, "pkcs8.pem": keys.pkcs8, "public.pem": keys.publicPEM,
                "encrypted-pkcs8.pem": keys.encryptedPKCS8, "encrypted-legacy.pem": keys.legacyEncrypted,
                "corrupt.pem": corrupt.joined(separator: "\n"), "truncated.pem": truncated,
                "no-armour.pem": String(keys.pkcs1.split(separator: "\n")[1]),
                "request.http": "GET /20160918/instances HTTP/1.1\nhost: iaas.us-phoenix-1.oraclecloud.com\ndate: Thu, 05 Jan 2014 21:31:40 GMT\n\n",
                "post.http": "POST /20160918/volumes HTTP/1.1\nhost: iaas.us-phoenix-1.oraclecloud.com\n\n{\"a\":1}",
                "bad.http": "GET /a b HTTP/1.1\nhost: x\n\n",
            ]
            for (name, text) in files { try text.write(toFile: path(name), atomically: true, encoding: .utf8) }
        }
        func path(_ name: String) -> String { directory + "/" + name }
        func remove() { try? FileManager.default.removeItem(atPath: directory) }
    }

    static func invocations(_ w: Workspace, keyID: String) -> [[String]] {
        let token = "ST$" + sessionToken
        var out: [[String]] = []
        for key in ["pkcs1.pem", "pkcs8.pem", "public.pem", "encrypted-pkcs8.pem", "encrypted-legacy.pem", "corrupt.pem", "truncated.pem", "no-armour.pem", "missing.pem"] {
            for format in ["http", "json"] {
                out.append(["sign", "--key-file", w.path(key), "--key-id", keyID, "--allow-weak-key", "--format", format,
                            w.path("request.http"), w.path("post.http"), w.path("bad.http"), w.path("missing.http")])
            }
            // Session-token key ids: the token must not appear in any error message.
            out.append(["sign", "--key-file", w.path(key), "--key-id", token + "\"", "--allow-weak-key", w.path("request.http")])
            out.append(["sign", "--key-file", w.path(key), "--key-id", token, w.path("request.http")])  // weak key refused
        }
        for key in ["pkcs1.pem", "pkcs8.pem"] {  // all good: exit 0
            out.append(["sign", "--key-file", w.path(key), "--key-id", keyID, "--allow-weak-key", "--format", "json", w.path("request.http"), w.path("post.http")])
        }
        out.append(["sign", "--key-id", keyID, w.path("request.http")])
        out.append(["sign", "--key-file", w.path("pkcs1.pem"), "--key-id", keyID, "--allow-weak-key", "--date", "not a date", w.path("post.http")])
        out.append(["sign", "--key-file", w.path("pkcs1.pem"), "--bogus-option", Self.passphrase])
        return out
    }

    @Test func cliOutputsAndErrorsHoldNoSecrets() throws {
        let keys = try Keys()
        let workspace = try Workspace(keys)
        defer { workspace.remove() }
        let needles = Self.secretNeedles(keys)
        #expect(needles.count > 100)

        var transcripts: [(String, String)] = []  // (what, text)
        var exitStatuses: [OCISignCLI.ExitStatus] = []
        for arguments in Self.invocations(workspace, keyID: keys.keyID) {
            let label = arguments.joined(separator: " ")
            do {
                let command = try OCISignCommand.parseAsRoot(arguments)
                guard let runnable = command as? InProcessCommand else {
                    Issue.record("\(type(of: command)) is not InProcessCommand; add the extension")
                    continue
                }
                let terminal = Terminal.capturing()
                exitStatuses.append(runnable.execute(terminal: terminal))
                transcripts.append(("stdout of \(label)", terminal.output))
                transcripts.append(("stderr of \(label)", terminal.errorOutput))
            } catch {
                // ArgumentParser's own message, as `oci-sign` would print it.
                transcripts.append(("usage error of \(label)", OCISignCommand.fullMessage(for: error)))
            }
        }
        // Engine errors for wrong pass phrases, straight from the key loader.
        for pem in [keys.encryptedPKCS8, keys.legacyEncrypted] {
            for passphrase in ["wrong", "", "secre", "secret!", Self.passphrase + Self.passphrase] {
                do {
                    let key = try OCIPrivateKey(pem: pem, passphrase: passphrase)
                    Issue.record("decrypted with pass phrase '\(passphrase)': \(key)")
                } catch {
                    transcripts.append(("error for pass phrase \(passphrase.count) chars", error.description))
                    transcripts.append(("reason", error.reason))
                }
            }
            let key = try OCIPrivateKey(pem: pem, passphrase: Self.passphrase)
            let signer = try OCIRequestSigner(keyID: "ST$" + Self.sessionToken, privateKey: key, allowWeakKey: true)
            transcripts.append(("key description", "\(key) \(String(reflecting: key))"))
            transcripts.append(("signer description without its key id", "\(signer)".replacingOccurrences(of: signer.keyID, with: "<keyID>")))
        }

        // The runs did exercise success and failure paths.
        #expect(exitStatuses.contains(.success))
        #expect(exitStatuses.contains(.failure))
        #expect(exitStatuses.contains(.credentials))
        #expect(transcripts.contains { $0.1.contains("Authorization: Signature") || $0.1.contains("authorization: Signature") })
        #expect(transcripts.contains { $0.1.contains("[wrongPassphrase]") })
        #expect(transcripts.contains { $0.1.contains("[missingPassphrase]") })
        #expect(transcripts.contains { $0.1.contains("[notAPrivateKey]") })
        #expect(transcripts.contains { $0.1.contains("[invalidKey]") })

        var leaks: [String] = []
        for (what, text) in transcripts {
            // The pass-phrase needle is a common word in a usage error that echoes the argument
            // list; that one line is the test's own input, not a leak.
            for needle in needles where text.contains(needle) {
                if needle == Self.passphrase, what.hasPrefix("usage error") { continue }
                leaks.append("\(what): contains '\(needle)'")
            }
        }
        #expect(leaks.isEmpty, "\(leaks.count) leaks, e.g. \(leaks.prefix(3).joined(separator: "\n"))")
    }

    /// The scanner itself finds a planted leak (the test can fail).
    @Test func scannerFindsPlantedKeyLine() throws {
        let keys = try Keys()
        let line = keys.pkcs1.split(separator: "\n")[5]
        let planted = "oci-sign: error near \(line.prefix(25))"
        #expect(Self.secretNeedles(keys).contains { planted.contains($0) })
        #expect(!Self.secretNeedles(keys).contains { "oci-sign: the pass phrase does not decrypt the private key [wrongPassphrase]".contains($0) })
    }
}
