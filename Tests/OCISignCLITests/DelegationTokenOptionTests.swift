import Foundation
import OCISignCLI
import Testing
import TestSupport

/// `--delegation-token-file`: a resource principal acting for a user, checked against the
/// request Oracle's Python SDK signed with `get_resource_principal_delegation_token_signer`
/// (Vectors/federation/resource-principals/v2.2/delegation-get).
@Suite struct DelegationTokenOptionTests {
    let home: CLIHome
    let vector = "Vectors/federation/resource-principals/v2.2/delegation-get"

    init() throws {
        home = try CLIHome()
        home.variables["OCI_METADATA_BASE_URL"] = "http://127.0.0.1:9/opc/v2"
        home.variables["OCI_CLI_CONFIG_FILE"] = home.dir.file("missing-config")
    }

    func text(_ relative: String) throws -> String {
        try String(contentsOf: repoRoot.appendingPathComponent(relative), encoding: .utf8)
    }

    /// The recorded request's line, host and date (the CLI adds `opc-obo-token` itself).
    func recordedRequest() throws -> String {
        let meta = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: repoRoot.appendingPathComponent("\(vector)/case.json"))) as? [String: Any])
        let file = home.dir.file("delegation-get.http")
        let date = try text("\(vector)/signing-string.txt").split(separator: "\n")[0].dropFirst("date: ".count)
        try Data("GET \(meta["target"]!) HTTP/1.1\nhost: \(meta["host"]!)\ndate: \(date)\n\n".utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    func tokenFile(_ contents: String) throws -> String {
        let file = home.dir.file("obo-\(UUID().uuidString)")
        try Data(contents.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// The RPST in the vector expired in 2014 and the provider refuses an expired one, so the
    /// keyId is a fresh token's; the signing string and signature (RSA PKCS#1 v1.5, a function
    /// of the string and the key only) must be Oracle's bytes.
    @Test func resourcePrincipalWithADelegationTokenSignsOraclesBytes() throws {
        let rpst = AuthOptionTests.token(exp: Int64(Date().timeIntervalSince1970) + 3600)
        home.variables["OCI_RESOURCE_PRINCIPAL_VERSION"] = "2.2"
        home.variables["OCI_RESOURCE_PRINCIPAL_RPST"] = rpst
        home.variables["OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM"] = repoPath("Vectors/federation/resource-principals/v2.2/private.pem")
        home.variables["OCI_RESOURCE_PRINCIPAL_REGION"] = "phx"
        let request = try recordedRequest()
        let token = try tokenFile("kat-rp-obo-token\n")
        let terminal = Terminal.capturing()
        #expect(try SignCommand.parse(["--auth", "resource_principal", "--delegation-token-file", token, "--format", "json", request])
            .execute(terminal: terminal, context: home.context) == .success, "\(terminal.errorOutput)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(terminal.output.utf8)) as? [String: Any])
        #expect(object["signingString"] as? String == (try text("\(vector)/signing-string.txt")))
        #expect(object["signature"] as? String == (try text("\(vector)/signature.txt")))
        #expect((object["signedHeaders"] as? [String]) == ["date", "(request-target)", "host", "opc-obo-token"])
        #expect(object["keyId"] as? String == "ST$" + rpst)
        #expect((object["headers"] as? [String: String])?["opc-obo-token"] == "kat-rp-obo-token", "stripped, as Python strips the file")

        let http = Terminal.capturing()
        #expect(try SignCommand.parse(["--auth", "resource_principal", "--delegation-token-file", token, request])
            .execute(terminal: http, context: home.context) == .success)
        #expect(http.output.contains("opc-obo-token: kat-rp-obo-token\n"))
        #expect(http.output.contains("headers=\"date (request-target) host opc-obo-token\""))
    }

    @Test(arguments: [["--auth", "api_key"], ["--auth", "security_token"], ["--auth", "oke_workload_identity"],
                      ["--auth", "instance_principal"], []])
    func refusedForMethodsWithoutADelegationToken(auth: [String]) throws {
        let request = try recordedRequest()
        let token = try tokenFile("kat-rp-obo-token")
        let terminal = Terminal.capturing()
        let status = try SignCommand.parse(auth + ["--delegation-token-file", token, request]).execute(terminal: terminal, context: home.context)
        #expect(status == .usage)
        #expect(terminal.errorOutput.contains("--delegation-token-file"))
        #expect(terminal.errorOutput.split(separator: "\n").count == 1, "\(terminal.errorOutput)")
        #expect(terminal.output.isEmpty)
        if auth.contains("instance_principal") { #expect(terminal.errorOutput.contains("instance_obo_user")) }
    }

    @Test(arguments: ["", "\n  \n", "secret token with spaces", "secret\u{7F}token"])
    func unusableTokenFilesNameTheFileNotTheToken(contents: String) throws {
        let token = try tokenFile(contents)
        let terminal = Terminal.capturing()
        let status = try SignCommand.parse(["--auth", "resource_principal", "--delegation-token-file", token, try recordedRequest()])
            .execute(terminal: terminal, context: home.context)
        #expect(status != .success)
        #expect(terminal.errorOutput.contains(token) && terminal.errorOutput.contains("invalidConfigValue"))
        #expect(!terminal.errorOutput.contains("secret"))
        #expect(terminal.output.isEmpty)
    }

    /// instance_obo_user reads the option before anything else (no instance metadata here).
    @Test(arguments: ["resource_principal", "instance_obo_user"])
    func aMissingTokenFileIsNamed(method: String) throws {
        let missing = home.dir.file("no-such-token")
        let terminal = Terminal.capturing()
        let status = try SignCommand.parse(["--auth", method, "--delegation-token-file", missing, try recordedRequest()])
            .execute(terminal: terminal, context: home.context)
        #expect(status != .success)
        #expect(terminal.errorOutput.contains(missing) && terminal.errorOutput.contains("fileUnreadable"))
        #expect(terminal.errorOutput.contains("--delegation-token-file"))
    }
}
