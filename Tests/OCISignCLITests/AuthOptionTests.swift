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
        #expect(try SignCommand.parse(["--auth", "no_such_method", request]).execute(terminal: bad, context: home.context) == .credentials)
        #expect(bad.errorOutput.contains("unsupportedAuthMethod"))
        let both = Terminal.capturing()
        #expect(try SignCommand.parse(["--auth", "instance_principal", "--key-file", home.key, "--key-id", "a/b/c", request])
            .execute(terminal: both, context: home.context) == .usage)
    }

    /// A JWT-shaped token (unsigned: only the service that minted a token checks it).
    static func token(exp: Int64) -> String {
        func segment(_ json: String) -> String {
            Data(json.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        return segment(#"{"alg":"RS256","typ":"JWT"}"#) + "." + segment(#"{"exp":\#(exp),"res_tenant":"ocid1.tenancy.oc1..rp"}"#) + ".c2ln"
    }

    @Test func resourcePrincipalSignsAsTheRPSTAndVerifiesWithItsKey() throws {
        let request = home.dir.file("r.http")
        try Array("GET /20160918/volumes HTTP/1.1\nHost: iaas.us-phoenix-1.oraclecloud.com\n\n".utf8).write(to: request)
        let rpst = Self.token(exp: Int64(Date().timeIntervalSince1970) + 3600)
        home.variables["OCI_RESOURCE_PRINCIPAL_VERSION"] = "2.2"
        home.variables["OCI_RESOURCE_PRINCIPAL_RPST"] = rpst
        home.variables["OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM"] = home.key
        let terminal = Terminal.capturing()
        #expect(try SignCommand.parse(["--auth", "resource_principal", request]).execute(terminal: terminal, context: home.context) == .success)
        #expect(terminal.output.contains("keyId=\"ST$\(rpst)\""))
        let signed = home.dir.file("signed.http")
        try terminal.outputBytes.write(to: signed)
        #expect(try VerifyCommand.parse(["--key-file", home.key, signed]).execute(terminal: Terminal.capturing(), context: home.context) == .success)
        let check = Terminal.capturing()
        #expect(try AuthCheckCommand.parse(["--auth", "resource_principal"]).execute(terminal: check, context: home.context) == .success)
        #expect(check.output.contains("method: resource_principal") && check.output.contains("resource principal version: 2.2"))
        #expect(!check.output.contains(rpst))
        // The implicit chain finds it too (no config file here), and an expired token is refused unsigned.
        let implicit = Terminal.capturing()
        #expect(try AuthCheckCommand.parse([]).execute(terminal: implicit, context: home.context) == .success)
        #expect(implicit.output.contains("method: resource_principal"))
        home.variables["OCI_RESOURCE_PRINCIPAL_RPST"] = Self.token(exp: 1388961100)
        let expired = Terminal.capturing()
        #expect(try SignCommand.parse(["--auth", "resource_principal", request]).execute(terminal: expired, context: home.context) == .credentials)
        #expect(expired.errorOutput.contains("identityExpired") && expired.output.isEmpty)
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
