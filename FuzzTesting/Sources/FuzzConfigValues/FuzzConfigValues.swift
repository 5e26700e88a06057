import FuzzSupport
import Glibc
import OCICredentials
import OCISigning

// Fuzzes config values and the paths they name. The input is split at 0xFF bytes into values
// for user=, fingerprint=, tenancy=, region=, pass_phrase= and the tail of a key_file= /
// security_token_file= path; the first byte picks the path's base among hostile files made
// in a private temporary home: a FIFO without a writer, /dev/zero, a directory, a socket, a
// symbolic-link loop, a path holding NUL/ESC/BEL bytes, a very long path, the real key.
// Properties: load returns (a blocking open or an endless read is a libFuzzer timeout); every
// error is typed, with a description under 4 KiB carrying no raw control byte (ESC, BEL, NUL,
// CR, LF), and no line of the private key; a loaded profile's keyId is tenancy/user/fingerprint.

enum HostileHome {
    static let path: String = {
        var template = Array("/tmp/fuzz-values-home-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { fatalError("mkdtemp failed") }
        let home = String(cString: made)
        write(home + "/key.pem", FuzzKeys.privatePEM)
        mkfifo(home + "/fifo", 0o600)
        mkdir(home + "/dir", 0o700)
        symlink(home + "/loop-b", home + "/loop-a")
        symlink(home + "/loop-a", home + "/loop-b")
        makeSocket(home + "/sock")
        atexit {
            for name in ["/key.pem", "/fifo", "/loop-a", "/loop-b", "/sock"] { unlink(HostileHome.path + name) }
            rmdir(HostileHome.path + "/dir")
            rmdir(HostileHome.path)
        }
        return home
    }()
    static let environment = CredentialEnvironment(variables: [:], homeDirectory: path, now: { 1_389_216_700 })
    static let keyLines: [String] = FuzzKeys.privatePEM.split(separator: "\n").filter { !$0.hasPrefix("-----") }.map(String.init)
    static let bases = ["~/key.pem", "~/fifo", "/dev/zero", "~/dir", "~/sock", "~/loop-a", "~/key.pem\u{0}x",
                        "~/\u{1B}[31mred\u{07}", "~/" + String(repeating: "d/", count: 3_000), "~/missing"]

    static func write(_ path: String, _ text: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { fatalError("cannot write \(path)") }
        _ = text.utf8CString.withUnsafeBufferPointer { Glibc.write(fd, $0.baseAddress, $0.count - 1) }
        close(fd)
    }

    static func makeSocket(_ path: String) {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.prefix(raw.count - 1).enumerated() { raw[index] = byte }
        }
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        // Left open for the process's life: the socket file must stay a socket.
    }
}

func checkShown(_ text: String, _ what: String) {
    fuzzCheck(text.utf8.count <= 4096, "\(what) has \(text.utf8.count) bytes")
    for byte in text.utf8 where byte < 0x20 || byte == 0x7F {
        fuzzCheck(false, "\(what) carries raw control byte 0x\(String(byte, radix: 16)): \(text.debugDescription.prefix(300))")
    }
    for line in HostileHome.keyLines { fuzzCheck(!text.contains(line.prefix(20)), "\(what) shows key material") }
}

@_cdecl("FuzzConfigValues_main")
public func fuzzConfigValuesMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzzConfigValues)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfigValues(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzBytes(data, size)
    guard let selector = input.first else { return 0 }
    var values = input.dropFirst().split(separator: 0xFF, omittingEmptySubsequences: false).map { Array($0) }
    while values.count < 6 { values.append([]) }
    // Values cannot hold a line break (it would end the line); everything else goes in as is,
    // and a key line stands in for one value sometimes (it must never be echoed).
    func value(_ index: Int) -> [UInt8] {
        if Int(selector >> 4) == index { return Array(HostileHome.keyLines[index % HostileHome.keyLines.count].utf8) }
        return values[index].filter { $0 != 0x0A && $0 != 0x0D }
    }
    let base = HostileHome.bases[Int(selector & 0x0F) % HostileHome.bases.count]
    let pathKey = selector & 0x80 != 0 ? "security_token_file" : "key_file"
    var text = Array("[DEFAULT]\nuser=".utf8) + value(0) + Array("\nfingerprint=".utf8) + value(1)
    text += Array("\ntenancy=".utf8) + value(2) + Array("\nregion=".utf8) + value(3)
    text += Array("\npass_phrase=".utf8) + value(4)
    text += Array("\n\(pathKey)=".utf8) + Array(base.utf8) + value(5) + [0x0A]
    if pathKey == "security_token_file" { text += Array("key_file=~/key.pem\n".utf8) }
    do throws(OCISigningError) {
        let file = try OCIConfigFile(parsing: text, path: HostileHome.path + "/config")
        let profile = try file.profile(OCIConfigFile.defaultProfileName)
        let credentials = try OCICredentials.load(profile: profile, passphrase: PassphraseOptions(environmentVariable: nil),
                                                  environment: HostileHome.environment)
        if credentials.sessionToken == nil {
            let expected = "\(profile["tenancy"] ?? "")/\(profile["user"] ?? "")/\(profile["fingerprint"] ?? "")"
            fuzzCheck(credentials.keyID == expected, "keyId is not tenancy/user/fingerprint")
        }
        checkShown(credentials.description, "credentials.description")
        for warning in credentials.warnings { checkShown(warning.description, "a warning") }
    } catch {
        fuzzCheck(!error.reason.isEmpty, "empty reason for \(error.code)")
        checkShown(error.description, "an error")
    }
    return 0
}
