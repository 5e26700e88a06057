import Foundation
import OCISignCLI
import Testing
import TestSupport

/// `--auth oke_workload_identity` on the command line, without any network.
@Suite struct OKEAuthOptionTests {
    #if !AsyncHTTPClient
    @Test func defaultBuildRefusesInOneLineThatSaysHowToGetIt() throws {
        let home = try CLIHome()
        home.variables["KUBERNETES_SERVICE_HOST"] = "127.0.0.1"
        let request = home.dir.file("r.http")
        try Data("GET / HTTP/1.1\nHost: h\n\n".utf8).write(to: URL(fileURLWithPath: request))
        let terminal = Terminal.capturing()
        let status = try SignCommand.parse(["--auth", "oke_workload_identity", request]).execute(terminal: terminal, context: home.context)
        #expect(status != .success)
        #expect(terminal.output.isEmpty, "nothing signed")
        let lines = terminal.errorOutput.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(terminal.errorOutput.contains("swift build --traits AsyncHTTPClient"))
    }
    #endif

    @Test func authCheckWithOKEAndNoHostNamesTheVariable() throws {
        let home = try CLIHome()
        let terminal = Terminal.capturing()
        let status = try AuthCheckCommand.parse(["--auth", "oke_workload_identity"]).execute(terminal: terminal, context: home.context)
        #expect(status != .success)
        #if AsyncHTTPClient
        #expect(terminal.errorOutput.contains("KUBERNETES_SERVICE_HOST"))
        #else
        #expect(terminal.errorOutput.contains("--traits AsyncHTTPClient"))
        #endif
    }
}
