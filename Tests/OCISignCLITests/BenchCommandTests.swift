import Foundation
import OCISignCLI
import Testing

/// `oci-sign bench` runs end to end (briefly) and its JSON has the documented shape. Speed itself
/// is never asserted here: targets live in Docs/performance.md and the Benchmarks package.
@Suite struct BenchCommandTests {
    @Test func shortRunEmitsWellFormedJSON() throws {
        let terminal = Terminal.capturing()
        let command = try BenchCommand.parse(["--seconds", "0.1", "--format", "json", "--file-mib", "2"])
        #expect(command.execute(terminal: terminal) == .success)
        #expect(terminal.errorOutput == "")
        let object = try JSONSerialization.jsonObject(with: Data(terminal.output.utf8)) as? [String: Any]
        let cases = try #require(object?["cases"] as? [[String: Any]])
        #expect(cases.map { $0["name"] as? String } == [
            "key-sign", "small-get", "create-volume-backup", "provider-small-get", "verify-small-get", "post-1mib", "streamed-file", "two-tasks", "raw-rsa-two-tasks",
        ])
        for entry in cases {
            for key in ["opsPerSecond", "rawOpsPerSecond", "ratio"] {
                let value = try #require(entry[key] as? Double, "\(key) missing in \(entry)")
                #expect(value > 0 && value.isFinite)
            }
        }
    }

    @Test func rejectsUnsupportedKeySize() {
        #expect(throws: (any Error).self) { try BenchCommand.parse(["--key-bits", "1024"]) }
    }
}
