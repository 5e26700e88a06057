import Foundation
@testable import OCISignCLI
import OCISigning
import OCISigningDiagnostics
import Testing

/// `explain` and `verify` on requests Oracle's Python SDK signed and that were then changed the
/// way real 401s happen (Vectors/explain, built by Vectors/tools/explain_cases.py): the cause
/// expected is the change the generator made, never what our code found.
@Suite struct OracleExplainCaseTests {
    static let folder = DebugFixtures.root.appendingPathComponent("Vectors/explain")
    static let keys = DebugFixtures.root.appendingPathComponent("Vectors/keys")

    struct Case: Sendable, CustomTestStringConvertible {
        let id: String
        let cause: String
        let publicKey: String
        let now: String
        var testDescription: String { id }
        var sent: String { OracleExplainCaseTests.folder.appendingPathComponent("\(id)/sent.http").path }
        var signed: String { OracleExplainCaseTests.folder.appendingPathComponent("\(id)/signed.http").path }
        var keyFile: String { OracleExplainCaseTests.keys.appendingPathComponent("\(publicKey).pub.pem").path }
    }

    static let cases: [Case] = {
        let ids = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return ids.sorted().map { id in
            let data = try! Data(contentsOf: folder.appendingPathComponent("\(id)/case.json"))
            let json = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
            let options = json["options"] as! [String: Any]
            return Case(id: id, cause: json["cause"] as! String, publicKey: options["publicKey"] as! String,
                        now: options["now"] as? String ?? DebugFixtures.vectorDate)
        }
    }()

    func run<C: TerminalCommand>(_ type: C.Type, _ arguments: [String]) throws -> (OCISignCLI.ExitStatus, Terminal) {
        let terminal = Terminal.capturing()
        return (try type.parse(arguments).execute(terminal: terminal), terminal)
    }

    func explainJSON(_ testCase: Case) throws -> [String: Any] {
        let (status, terminal) = try run(ExplainCommand.self, ["--public-key", testCase.keyFile, "--now", testCase.now, "--format", "json", testCase.sent])
        #expect(status == .failure)
        return try JSONSerialization.jsonObject(with: Data(terminal.output.utf8)) as! [String: Any]
    }

    @Test func everyCaseIsPresent() {
        #expect(Self.cases.count == 13)
    }

    @Test("the SDK's own request verifies (the fixture is sound)", arguments: cases)
    func signedVerifies(_ testCase: Case) throws {
        let exclude = testCase.cause == "exclude-body-operation" ? ["--exclude-body"] : []
        let (status, terminal) = try run(VerifyCommand.self, ["--public-key", Self.keys.appendingPathComponent("rsa2048.pub.pem").path,
                                                              "--now", DebugFixtures.vectorDate] + exclude + [testCase.signed])
        #expect(status == .success, "\(terminal.output)")
    }

    @Test("explain names the change made after Oracle's SDK signed", arguments: cases.filter { $0.cause.hasPrefix("target") || $0.cause.hasPrefix("host") || $0.cause.hasPrefix("date") || $0.cause.hasPrefix("headers") })
    func namesTheCause(_ testCase: Case) throws {
        let json = try explainJSON(testCase)
        #expect(json["match"] as? [String] == [testCase.cause], "\(json)")
    }

    static let detail: [String: String] = [
        "query-percent20-one-of-two": "'%20' re-encoded as '+' at offset 22 (1 of the 2 such places)",
        "query-parentheses-decoded": "'%28' decoded to '(' at offset 74 (the only such place); '%29' decoded to ')' at offset 79",
        "path-encoded-slash-decoded": "'%2F' decoded to '/' at offsets 17, 22 (2 of the 7 such places)",
        "headers-list-omits-host": "a 'host' line signed as line 3, but 'host' is not in headers=",
        "date-edited-after-signing": "date 'Thu, 05 Jan 2014 21:31:40 GMT' signed, 180 s before the 'Thu, 05 Jan 2014 21:34:40 GMT' sent",
        "port-removed": "host 'objectstorage.us-ashburn-1.oraclecloud.com:9443' instead of",
        "host-rewritten-by-proxy": "host 'objectstorage.us-ashburn-1.oraclecloud.com' (named by the request or its capture) instead of 'proxy.internal:3128'",
    ]

    @Test("the match says which occurrence, header, date or host", arguments: detail.keys.sorted())
    func detailNamesTheOccurrence(_ id: String) throws {
        let testCase = try #require(Self.cases.first { $0.id == id })
        let details = try explainJSON(testCase)["matchDetails"] as? [String] ?? []
        #expect(details.contains { $0.contains(Self.detail[id]!) }, "\(details)")
    }

    @Test("verify and explain name the exclude-body operation", arguments: cases.filter { $0.cause == "exclude-body-operation" })
    func excludeBodyOperation(_ testCase: Case) throws {
        let operation = testCase.id.hasPrefix("put-object") ? "PutObject" : testCase.id.hasPrefix("upload-part") ? "UploadPart" : "PutMessages"
        let line = "this is \(operation): OCI does not sign its body; use --exclude-body"
        let (verifyStatus, verify) = try run(VerifyCommand.self, ["--public-key", testCase.keyFile, "--now", testCase.now, testCase.sent])
        #expect(verifyStatus == .failure)
        #expect(verify.output.contains(line), "\(verify.output)")
        let (_, explain) = try run(ExplainCommand.self, ["--public-key", testCase.keyFile, "--now", testCase.now, testCase.sent])
        #expect(explain.output.contains(line), "\(explain.output)")
        #expect(try explainJSON(testCase)["excludeBodyOperation"] as? String == operation)
    }

    @Test func keyIDFingerprintIsSaidFirst() throws {
        let testCase = try #require(Self.cases.first { $0.cause == "key-id-fingerprint" })
        let (status, terminal) = try run(ExplainCommand.self, ["--public-key", testCase.keyFile, "--now", testCase.now, testCase.sent])
        #expect(status == .failure)
        let rsa2048 = try String(contentsOf: Self.keys.appendingPathComponent("rsa2048.fingerprint"), encoding: .utf8)
        let rsa3072 = try String(contentsOf: Self.keys.appendingPathComponent("rsa3072.fingerprint"), encoding: .utf8)
        let (named, given) = (rsa2048.trimmingCharacters(in: .whitespacesAndNewlines), rsa3072.trimmingCharacters(in: .whitespacesAndNewlines))
        let lines = terminal.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "verification: fingerprintMismatch: the keyId names fingerprint \(named) but the key given is \(given)", "\(lines)")
        #expect(lines.dropFirst().first?.hasPrefix("key: the keyId names the key with fingerprint \(named), but the key given has \(given): OCI looks the key up by keyId") == true, "\(lines)")
    }

    @Test func unexplainedSaysWhatWasRuledOutAndWhatWasNotTried() throws {
        let testCase = try #require(Self.cases.first { $0.cause == "none" })
        let (_, terminal) = try run(ExplainCommand.self, ["--public-key", testCase.keyFile, "--now", testCase.now, testCase.sent])
        let text = terminal.output
        #expect(!text.contains("remaining suspects"))
        #expect(text.contains("ruled out (the signature matches none of their candidates): host-with-port,"))
        #expect(text.contains("not applicable to this request (no candidate): host-without-port, host-overridden,"))
        #expect(text.contains("not tried:\n  - pairs involving date-window, header-order, target-occurrences"))
        #expect(text.contains("  - a signed date more than 900 s from the date sent"))
        // A variant that rewrites every occurrence at once says so, and where subsets are tried.
        #expect(text.contains("target-occurrences (15 candidates; every subset of the 4 places a layer re-encodes (15 targets))"))
        #expect(text.contains("host-port-scan (65523 candidates; every other port, 1–65535"))
    }

    @Test func dateSearchIsBoundedInTime() throws {
        let testCase = try #require(Self.cases.first { $0.cause == "date-window" })
        let started = ContinuousClock.now
        let json = try explainJSON(testCase)
        let elapsed = ContinuousClock.now - started
        #expect(json["match"] as? [String] == ["date-window"])
        #expect(elapsed < .seconds(10), "\(elapsed)")
    }
}
