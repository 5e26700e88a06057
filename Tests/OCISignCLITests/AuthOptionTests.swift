import Foundation
import OCISignCLI
import Testing
import TestSupport

/// `--auth` on the signing commands and `oci-sign auth check`, without any network: the
/// metadata service is a closed loopback port.
@Suite struct AuthOptionTests {
    let home: CLIHome

    init() throws {
        home = try CLIHome()
        home.variables["OCI_METADATA_BASE_URL"] = "http://127.0.0.1:9/opc/v2"
    }

    @Test func authCheckWithNothingConfiguredListsWhatItTriedAndFails() throws {
        home.variables["OCI_CLI_CONFIG_FILE"] = home.dir.file("missing-config")
        let terminal = Terminal.capturing()
        let status = try AuthCheckCommand.parse([]).execute(terminal: terminal, context: home.context)
        #expect(status == .credentials)
        #expect(terminal.errorOutput.contains("no credentials found"))
        #expect(terminal.errorOutput.contains("instance principals (instance metadata at http://127.0.0.1:9/opc/v2): not configured here"))
    }

    @Test func badMethodsAndConflictingOptions() throws {
        let request = home.dir.file("r.http")
        try Array("GET / HTTP/1.1\nHost: h\n\n".utf8).write(to: request)
        let bad = Terminal.capturing()
        #expect(try SignCommand.parse(["--auth", "resource_principal", request]).execute(terminal: bad, context: home.context) == .credentials)
        #expect(bad.errorOutput.contains("unsupportedAuthMethod"))
        let both = Terminal.capturing()
        #expect(try SignCommand.parse(["--auth", "instance_principal", "--key-file", home.key, "--key-id", "a/b/c", request])
            .execute(terminal: both, context: home.context) == .usage)
    }

    // The bound end to end through `sign` is measured from the shell (Docs/principals.md), not
    // here: a command blocks its thread for the whole wait, and with the bench tests doing the
    // same on a 2-core pool the suite can deadlock. MetadataDeadlineTests covers the bound.

    @Test func imdsTimeoutDefaultsToThirtySeconds() throws {
        #expect(try SignCommand.parse(["r.http"]).key.auth.imdsTimeout == AuthOptions.defaultIMDSTimeout)
        #expect(AuthOptions.defaultIMDSTimeout == 30)
    }
}

private extension Array where Element == UInt8 {
    func write(to path: String) throws { try Data(self).write(to: URL(fileURLWithPath: path)) }
}
