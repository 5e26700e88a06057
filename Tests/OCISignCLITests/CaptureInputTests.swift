import Foundation
@testable import OCISignCLI
import OCIRawRequest
import OCISigning
import Testing

/// `verify`, `explain` and `dump` on real captures (Vectors/captures, made by
/// Vectors/tools/capture_traces.py): `curl -v` traces and the request log `oci --debug` turns
/// on, of requests Oracle's Python SDK signed and sent to a 127.0.0.1 listener.
@Suite struct CaptureInputTests {
    static let folder = DebugFixtures.root.appendingPathComponent("Vectors/captures")
    static let publicKey = DebugFixtures.root.appendingPathComponent("Vectors/keys/rsa2048.pub.pem").path

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// The date the capture's request carries (it was signed when it was captured).
    static func date(_ name: String) throws -> String {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .isoLatin1)
        let range = try #require(text.range(of: #"date: [A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT"#, options: .regularExpression))
        return String(text[range].dropFirst("date: ".count))
    }

    func verify(_ name: String, _ extra: [String] = []) throws -> (OCISignCLI.ExitStatus, Terminal) {
        let terminal = Terminal.capturing()
        let command = try VerifyCommand.parse(["--public-key", Self.publicKey, "--now", try Self.date(name)] + extra + [Self.path(name)])
        return (command.execute(terminal: terminal), terminal)
    }

    @Test("a request captured with curl -v or oci --debug verifies", arguments: [
        ("curl-v-create-bucket.txt", ["--body", CaptureInputTests.path("curl-v-create-bucket.body")]),
        ("sdk-debug-list-objects.txt", []),
        ("sdk-debug-create-bucket.txt", []),
        ("sdk-debug-put-object.txt", ["--exclude-body"]),
    ])
    func verifies(_ name: String, _ extra: [String]) throws {
        let (status, terminal) = try verify(name, extra)
        #expect(status == .success, "\(terminal.output)\(terminal.errorOutput)")
    }

    @Test func formatsAreDetected() throws {
        func format(_ name: String) throws -> CapturedRequest.Format {
            try CapturedRequest(parsing: Array(Data(contentsOf: Self.folder.appendingPathComponent(name))), body: []).format
        }
        #expect(try format("curl-v-create-bucket.txt") == .curlVerbose)
        #expect(try format("sdk-debug-put-object.txt") == .pythonHTTPDebug)
        let raw = DebugFixtures.root.appendingPathComponent("Vectors/explain/port-added/sent.http")
        #expect(try CapturedRequest(parsing: Array(Data(contentsOf: raw))).format == .raw)
    }

    @Test func oracleDebugOutputCarriesTheBinaryBody() throws {
        let captured = try CapturedRequest(parsing: Array(Data(contentsOf: Self.folder.appendingPathComponent("sdk-debug-put-object.txt"))))
        let body = try Data(contentsOf: Self.folder.appendingPathComponent("sdk-debug-put-object.body"))
        #expect(captured.request.body == Array(body))
        #expect(captured.request.target == "/n/ns/b/bk/o/photos%2Fcat.png")
        #expect(captured.connectionHosts.count == 1)
    }

    @Test func aCurlTraceWithABodyNeedsTheBodyFile() throws {
        let (status, terminal) = try verify("curl-v-create-bucket.txt")
        #expect(status == .failure)
        #expect(terminal.errorOutput.contains("the curl -v trace sent 58 body bytes ('} [58 bytes data]') but curl does not print them; pass the body file with --body FILE"))
    }

    @Test func aFileThatIsNoCaptureIsRefusedClearly() throws {
        let terminal = Terminal.capturing()
        let command = try VerifyCommand.parse(["--public-key", Self.publicKey, DebugFixtures.root.appendingPathComponent("Vectors/README.md").path])
        #expect(command.execute(terminal: terminal) == .failure)
        #expect(terminal.errorOutput.contains("is neither a raw HTTP request ('METHOD /target HTTP/1.1' on line 1), a curl -v trace"))
    }

    @Test func explainUsesTheConnectionOfACurlTraceForAnOverriddenHost() throws {
        let name = "curl-v-host-override.txt"
        let meta = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.folder.appendingPathComponent("curl-v-host-override.json"))) as! [String: Any]
        let port = try #require(meta["port"] as? String)
        let terminal = Terminal.capturing()
        let command = try ExplainCommand.parse(["--public-key", Self.publicKey, "--now", try Self.date(name), "--format", "json", Self.path(name)])
        #expect(command.execute(terminal: terminal) == .failure)
        let json = try JSONSerialization.jsonObject(with: Data(terminal.output.utf8)) as! [String: Any]
        #expect(json["match"] as? [String] == ["host-overridden"], "\(json)")
        #expect((json["matchDetails"] as? [String])?.first?.hasPrefix("host '127.0.0.1:\(port)'") == true)
    }

    @Test func dumpReadsOracleDebugOutput() throws {
        let terminal = Terminal.capturing()
        let command = try DumpCommand.parse(["--now", try Self.date("sdk-debug-list-objects.txt"), Self.path("sdk-debug-list-objects.txt")])
        #expect(command.execute(terminal: terminal) == .success, "\(terminal.errorOutput)")
        #expect(terminal.output.contains("get /n/ns/b/bk/o?prefix=my+dir%2F&fields=name%2Csize"))
    }
}
