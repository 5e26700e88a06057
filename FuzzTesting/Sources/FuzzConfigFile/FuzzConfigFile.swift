import FuzzSupport
import Glibc
import OCICredentials
import OCISigning

// Fuzzes the OCI config-file parser and profile resolution: OCIConfigFile(parsing:path:),
// .profile(name) for every section, DEFAULT and an absent name, then OCICredentials.load with an
// injected environment (a private temporary home, no variables, a fixed clock) — nothing reads
// the real ~/.oci or $OCI_CLI_PASSPHRASE, and no prompter is given, so nothing can block.
// Properties: no crash; every key a profile lists resolves, with a line inside the file; loaded
// credentials sign with the keyId the profile describes; no error, warning or description
// contains a line of the private key or the session-token body.

/// A fake home: `~/key.pem` (the docs key), `~/token` (a JWT session token expiring in 2033).
enum FakeHome {
    static let path: String = {
        var template = Array("/tmp/fuzz-config-home-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { fatalError("mkdtemp failed") }
        let home = String(cString: made)
        write(home + "/key.pem", FuzzKeys.privatePEM)
        write(home + "/token", token + "\n")
        // libFuzzer ends with exit(): remove the fake home then (a crash leaves it in /tmp).
        atexit {
            for name in ["/key.pem", "/token"] { unlink(FakeHome.path + name) }
            rmdir(FakeHome.path)
        }
        return home
    }()
    /// base64url({"alg":"RS256"}) . base64url({"exp":2000000000}) . signature
    static let token = "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjIwMDAwMDAwMDB9.ZnV6ei10b2tlbi1zaWduYXR1cmUtYm9keQ"
    static let environment = CredentialEnvironment(variables: [:], homeDirectory: path, now: { 1_389_216_700 })
    /// Every base64 line of the key: none may ever appear in text shown to a user.
    static let secrets: [String] = FuzzKeys.privatePEM.split(separator: "\n").filter { !$0.hasPrefix("-----") }.map(String.init)
        + ["ZnV6ei10b2tlbi1zaWduYXR1cmUtYm9keQ", "eyJleHAiOjIwMDAwMDAwMDB9"]

    static func write(_ path: String, _ text: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { fatalError("cannot write \(path)") }
        _ = text.utf8CString.withUnsafeBufferPointer { Glibc.write(fd, $0.baseAddress, $0.count - 1) }
        close(fd)
    }

    /// Only the fake home's two files may be opened: a fuzzed key_file like /dev/stdin or a FIFO
    /// would block, and the real ~/.oci must never be read.
    static func isSafe(_ value: String?) -> Bool {
        guard let value else { return true }
        let path = environment.expandingTilde(value)
        return path == self.path + "/key.pem" || path == self.path + "/token"
    }
}

func checkNoSecret(_ text: String, _ what: String) {
    for secret in FakeHome.secrets { fuzzCheck(!text.contains(secret), "\(what) shows secret material: \(text)") }
}

/// Entry point in debug builds (SwiftPM links `main` to `<Module>_main`).
@_cdecl("FuzzConfigFile_main")
public func fuzzConfigFileMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzzConfigFile)
}

/// One input. Also exported under libFuzzer's name, which release builds call from libFuzzer's `main`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfigFile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzBytes(data, size)
    let configPath = FakeHome.path + "/.oci/config"
    let file: OCIConfigFile
    do throws(OCISigningError) {
        file = try OCIConfigFile(parsing: input, path: configPath)
    } catch {
        fuzzCheck(!error.reason.isEmpty, "empty reason for \(error.code)")
        return 0
    }
    let lineCount = input.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    let names = file.sections.map(\.name) + [OCIConfigFile.defaultProfileName, "NO-SUCH-PROFILE"]
    for name in names {
        let profile: OCIConfigProfile
        do throws(OCISigningError) {
            profile = try file.profile(name)
        } catch {
            fuzzCheck(!error.reason.isEmpty, "empty reason for \(error.code)")
            continue
        }
        for key in profile.keys {
            guard let value = profile.value(key) else { fuzzCheck(false, "listed key '\(key)' does not resolve"); continue }
            fuzzCheck(profile[key] == value.value, "subscript and value(_:) disagree for '\(key)'")
            fuzzCheck((1...lineCount).contains(value.line), "'\(key)' at line \(value.line) of a \(lineCount)-line file")
        }
        guard FakeHome.isSafe(profile["key_file"]), FakeHome.isSafe(profile["security_token_file"]) else { continue }
        do throws(OCISigningError) {
            let credentials = try OCICredentials.load(profile: profile, passphrase: PassphraseOptions(environmentVariable: nil),
                                                      environment: FakeHome.environment)
            if let token = credentials.sessionToken {
                fuzzCheck(credentials.keyID == token.keyID, "session keyId is not ST$<token>")
            } else {
                let expected = "\(profile["tenancy"] ?? "")/\(profile["user"] ?? "")/\(profile["fingerprint"] ?? "")"
                fuzzCheck(credentials.keyID == expected, "keyId \(credentials.keyID) is not tenancy/user/fingerprint")
            }
            fuzzCheck(credentials.computedFingerprint == (try? FuzzKeys.privateKey.fingerprint), "wrong key loaded")
            checkNoSecret(credentials.description, "credentials.description")
            for warning in credentials.warnings { checkNoSecret(warning.description, "a warning") }
        } catch {
            fuzzCheck(!error.reason.isEmpty, "empty reason for \(error.code)")
            checkNoSecret(error.description, "an error")
        }
    }
    return 0
}
