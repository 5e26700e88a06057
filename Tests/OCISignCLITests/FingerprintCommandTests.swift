import Foundation
import OCISignCLI
import Testing
import TestSupport

/// `oci-sign fingerprint` against `openssl … | openssl md5 -c`.
@Suite struct FingerprintCommandTests {
    let home: CLIHome

    init() throws { home = try CLIHome() }

    func run(_ args: [String]) throws -> (OCISignCLI.ExitStatus, Terminal) {
        let terminal = Terminal.capturing()
        let status = try FingerprintCommand.parse(args).execute(terminal: terminal, context: home.context)
        return (status, terminal)
    }

    @Test("private PKCS#8, PKCS#1 and public key files print openssl's fingerprint")
    func forms() throws {
        let pkcs1 = home.dir.file("pkcs1.pem"), pub = home.dir.file("pub.pem")
        try OpenSSLTool.run(["rsa", "-traditional", "-in", home.key, "-out", pkcs1])
        try OpenSSLTool.run(["pkey", "-in", home.key, "-pubout", "-out", pub])
        let expected = try OpenSSLTool.fingerprint(keyFile: home.key)
        for path in [home.key, pkcs1, pub] {
            let (status, terminal) = try run([path])
            #expect(status == .success)
            #expect(terminal.output == expected + "\n", "\(path)")
        }
    }

    @Test("an encrypted key takes --passphrase-file or OCI_CLI_PASSPHRASE; without one it fails with exit 2")
    func encrypted() throws {
        let passFile = try home.dir.write("pass.txt", CLIHome.passphrase + "\n")
        let (status, terminal) = try run(["--passphrase-file", passFile, home.encryptedKey])
        #expect(status == .success)
        #expect(terminal.output == home.fingerprint + "\n")

        home.variables["OCI_CLI_PASSPHRASE"] = CLIHome.passphrase
        #expect(try run([home.encryptedKey]).1.output == home.fingerprint + "\n")

        home.variables = [:]
        let (failed, errors) = try run([home.encryptedKey])
        #expect(failed == .credentials)
        #expect(errors.errorOutput.contains("[missingPassphrase]"))
        #expect(!errors.errorOutput.contains("pass_phrase"))  // no profile is involved here
        #expect(errors.output.isEmpty)
    }

    @Test("several keys print FINGERPRINT  KEY lines; a bad one fails without stopping the others")
    func several() throws {
        let missing = home.dir.file("missing.pem")
        let (status, terminal) = try run([home.key, missing, home.key])
        #expect(status == .credentials)
        #expect(terminal.output == "\(home.fingerprint)  \(home.key)\n\(home.fingerprint)  \(home.key)\n")
        #expect(terminal.errorOutput.hasPrefix("oci-sign: \(missing): "))
        #expect(terminal.errorOutput.contains("[fileUnreadable]"))
    }
}
