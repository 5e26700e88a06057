import Foundation
import OCICredentials
import OCISigning
import Testing
import TestSupport

/// spec §6.1: explicit path, OCI_CLI_CONFIG_FILE (CLI), ~/.oci/config, OCI_CONFIG_FILE only when
/// the default is missing, ~/.oraclebmc/config. A fake home directory per test.
@Suite struct ConfigLocationTests {
    let home: TemporaryDirectory

    init() throws { home = try TemporaryDirectory() }

    func make(_ relative: String) throws -> String {
        let path = home.file(relative)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try "[DEFAULT]\n".write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func resolve(_ variables: [String: String] = [:], explicit: String? = nil, cli: Bool = false) throws -> String {
        try OCIConfigLocation.resolve(explicitPath: explicit, environment: CredentialEnvironment(variables: variables, homeDirectory: home.path), readCLIVariables: cli)
    }

    @Test("~/.oci/config wins over OCI_CONFIG_FILE and the legacy file")
    func defaultFirst() throws {
        let standard = try make(".oci/config")
        let other = try make("elsewhere/config")
        _ = try make(".oraclebmc/config")
        #expect(try resolve(["OCI_CONFIG_FILE": other]) == standard)
    }

    @Test("OCI_CONFIG_FILE is used only when ~/.oci/config is missing")
    func sdkVariableAsFallback() throws {
        let other = try make("elsewhere/config")
        _ = try make(".oraclebmc/config")
        #expect(try resolve(["OCI_CONFIG_FILE": other]) == other)
    }

    @Test("~/.oraclebmc/config is the last fallback; a missing OCI_CONFIG_FILE is skipped")
    func legacyFallback() throws {
        let legacy = try make(".oraclebmc/config")
        #expect(try resolve(["OCI_CONFIG_FILE": home.file("nope")]) == legacy)
    }

    @Test("an explicit path wins and must exist; ~ is expanded")
    func explicitPath() throws {
        _ = try make(".oci/config")
        let mine = try make("mine/config")
        #expect(try resolve(explicit: "~/mine/config") == mine)
        let error = try #require(throws: OCISigningError.self) { try resolve(explicit: "~/missing/config") }
        #expect(error.code == .configFileNotFound)
        #expect(error.path == home.file("missing/config"))
    }

    @Test("OCI_CLI_CONFIG_FILE counts only for the CLI, and then beats ~/.oci/config")
    func cliVariable() throws {
        let standard = try make(".oci/config")
        let cliFile = try make("cli/config")
        #expect(try resolve(["OCI_CLI_CONFIG_FILE": cliFile]) == standard)
        #expect(try resolve(["OCI_CLI_CONFIG_FILE": cliFile], cli: true) == cliFile)
        let error = try #require(throws: OCISigningError.self) { try resolve(["OCI_CLI_CONFIG_FILE": home.file("gone")], cli: true) }
        #expect(error.code == .configFileNotFound)
        #expect(error.reason.contains("OCI_CLI_CONFIG_FILE"))
    }

    @Test("nothing found: configFileNotFound listing every path tried")
    func notFound() throws {
        let error = try #require(throws: OCISigningError.self) { try resolve(["OCI_CONFIG_FILE": home.file("x/config")]) }
        #expect(error.code == .configFileNotFound)
        #expect(error.reason.contains(home.file(".oci/config")))
        #expect(error.reason.contains(home.file("x/config") + " (OCI_CONFIG_FILE)"))
        #expect(error.reason.contains(home.file(".oraclebmc/config")))
    }

    @Test("a directory at ~/.oci/config is not a config file")
    func directoryIsNotAFile() throws {
        try FileManager.default.createDirectory(atPath: home.file(".oci/config"), withIntermediateDirectories: true)
        let legacy = try make(".oraclebmc/config")
        #expect(try resolve() == legacy)
    }
}
