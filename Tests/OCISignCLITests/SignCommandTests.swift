import Foundation
import OCISignCLI
import OCISigning
import Testing

let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
func repoPath(_ relative: String) -> String { repoRoot.appendingPathComponent(relative).path }

/// The `oci-sign sign` contract: arguments, output formats, exit codes, error lines.
@Suite struct SignCommandTests {
    let keyID = "ocid1.tenancy.oc1..aaaaaaaaba3pv6wkcr4jqae5f15p2b2m2yt2j6rx32uzr4h25vqstifsfdsq/ocid1.user.oc1..aaaaaaaat5nvwcna5j6aqzjcaty5eqbb6qt2jvpkanghtgdaqedqw3rynjq/73:61:a2:21:67:e0:df:be:7e:4b:93:1e:15:98:a5:b7"

    func run(_ arguments: [String], stdin: [UInt8] = []) throws -> (OCISignCLI.ExitStatus, Terminal) {
        let terminal = Terminal.capturing(stdin: stdin)
        guard let command = try OCISignCommand.parseAsRoot(arguments) as? SignCommand else {
            throw CocoaError(.featureUnsupported)
        }
        return (command.execute(terminal: terminal), terminal)
    }

    func scratch(_ content: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("oci-sign-\(UUID().uuidString).http").path
        try Data(content).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func httpOutputIsTheVectorsSignedRequest() throws {
        let (status, terminal) = try run(["sign", "--key-file", repoPath("Vectors/keys/doc-sample.pem"), "--key-id", keyID,
                                          "--allow-weak-key", repoPath("Vectors/cases/doc-post/request.http")])
        #expect(status == .success)
        #expect(terminal.outputBytes == Array(try Data(contentsOf: repoRoot.appendingPathComponent("Vectors/cases/doc-post/signed.http"))))
        #expect(terminal.errorOutput.isEmpty)
    }

    @Test func jsonOutputHasOneObjectPerFileInOrder() throws {
        let files = ["doc-get", "doc-post"].map { repoPath("Vectors/cases/\($0)/request.http") }
        let (status, terminal) = try run(["sign", "--key-file", repoPath("Vectors/keys/doc-sample.pem"), "--key-id", keyID,
                                          "--allow-weak-key", "--format", "json"] + files)
        #expect(status == .success)
        let lines = terminal.output.split(separator: "\n")
        #expect(lines.count == 2)
        for (line, id) in zip(lines, ["doc-get", "doc-post"]) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let expectedString = try String(contentsOf: repoRoot.appendingPathComponent("Vectors/cases/\(id)/signing-string.txt"), encoding: .utf8)
            let expectedAuthorization = try String(contentsOf: repoRoot.appendingPathComponent("Vectors/cases/\(id)/authorization.txt"), encoding: .utf8)
            #expect(object["signingString"] as? String == expectedString)
            #expect(object["authorization"] as? String == expectedAuthorization)
            let headers = try #require(object["headers"] as? [String: String])
            #expect(headers["authorization"] == expectedAuthorization)
            #expect(headers["host"] == "iaas.us-phoenix-1.oraclecloud.com")
            #expect((object["signedHeaders"] as? [String])?.joined(separator: " ") == expectedAuthorization.split(separator: "\"")[3].description)
        }
    }

    @Test func standardInputIsReadForDash() throws {
        let request = Array(try Data(contentsOf: repoRoot.appendingPathComponent("Vectors/cases/doc-get/request.http")))
        let (status, terminal) = try run(["sign", "--key-file", repoPath("Vectors/keys/doc-sample.pem"), "--key-id", keyID, "--allow-weak-key", "-"], stdin: request)
        #expect(status == .success)
        #expect(terminal.outputBytes == Array(try Data(contentsOf: repoRoot.appendingPathComponent("Vectors/cases/doc-get/signed.http"))))
    }

    @Test func missingDateUsesTheDateOption() throws {
        let file = try scratch(Array("GET /n/ HTTP/1.1\nHost: objectstorage.example\n\n".utf8))
        let (status, terminal) = try run(["sign", "--key-file", repoPath("Vectors/keys/rsa2048.pem"), "--key-id", "k",
                                          "--date", "Sun, 05 Jan 2014 21:31:40 GMT", "--format", "json", file])
        #expect(status == .success)
        #expect(terminal.output.contains("\"date\":\"Sun, 05 Jan 2014 21:31:40 GMT\""))
        #expect(terminal.output.contains("\"origin\":\"computed\""))
    }

    @Test func badInputNamesTheFileAndLineAndContinues() throws {
        let bad = try scratch(Array("GET /a HTTP/1.1\nHost: h\nX-Bad: a\rb\n\n".utf8))
        let good = repoPath("Vectors/cases/doc-get/request.http")
        let (status, terminal) = try run(["sign", "--key-file", repoPath("Vectors/keys/doc-sample.pem"), "--key-id", keyID, "--allow-weak-key", bad, good])
        #expect(status == .failure)
        let errorLines = terminal.errorOutput.split(separator: "\n")
        #expect(errorLines.count == 1)
        #expect(errorLines.first?.hasPrefix("oci-sign: \(bad):3: ") == true)
        #expect(terminal.errorOutput.contains("[invalidHeaderValue]"))
        #expect(terminal.output.contains("authorization: Signature"))  // the good file was still signed
    }

    @Test func engineErrorsGetTheLineOfTheHeader() throws {
        let file = try scratch(Array("POST /x HTTP/1.1\nHost: h\ndate: Thu, 05 Jan 2014 21:31:40 GMT\ncontent-length: 5\n\nabc".utf8))
        let (status, terminal) = try run(["sign", "--key-file", repoPath("Vectors/keys/rsa2048.pem"), "--key-id", "k", file])
        #expect(status == .failure)
        #expect(terminal.errorOutput.contains("\(file):4: content-length is '5' but the body has 3 bytes [contentLengthMismatch]"))
    }

    @Test func keyProblemsExitWithTwoAndNeverPrintTheKey() throws {
        let (status, terminal) = try run(["sign", "--key-file", repoPath("Vectors/keys/doc-sample.pem"), "--key-id", keyID, repoPath("Vectors/cases/doc-get/request.http")])
        #expect(status == .credentials)
        #expect(terminal.errorOutput.contains("[weakKey]"))
        #expect(terminal.output.isEmpty)
        let (status2, terminal2) = try run(["sign", "--key-file", repoPath("Vectors/keys/doc-sample.pub.pem"), "--key-id", keyID, repoPath("Vectors/cases/doc-get/request.http")])
        #expect(status2 == .credentials)
        #expect(terminal2.errorOutput.contains("[notAPrivateKey]"))
        #expect(!terminal2.errorOutput.contains("MIGf"))
        let (status3, terminal3) = try run(["sign", "--key-file", "/nonexistent.pem", "--key-id", "k", "x"])
        #expect(status3 == .credentials)
        #expect(terminal3.errorOutput.contains("/nonexistent.pem"))
    }

    @Test func missingFileIsReportedByName() throws {
        let (status, terminal) = try run(["sign", "--key-file", repoPath("Vectors/keys/rsa2048.pem"), "--key-id", "k", "/nope/request.http"])
        #expect(status == .failure)
        #expect(terminal.errorOutput.contains("oci-sign: /nope/request.http: no such file [fileUnreadable]"))
    }

    @Test func excludeBodyFlagSignsOnlyTheGenericHeaders() throws {
        let id = "doc-key-put-object"
        let (status, terminal) = try run(["sign", "--key-file", repoPath("Vectors/keys/doc-sample.pem"), "--key-id", keyID, "--allow-weak-key",
                                          "--exclude-body", repoPath("Vectors/cases/\(id)/request.http")])
        #expect(status == .success)
        #expect(terminal.outputBytes == Array(try Data(contentsOf: repoRoot.appendingPathComponent("Vectors/cases/\(id)/signed.http"))))
    }
}

extension SignCommandTests {
    /// `--date` with Oracle's literal (wrong-weekday) date reproduces Oracle's published GET.
    @Test func dateOptionIsSignedVerbatim() throws {
        let request = Array(try Data(contentsOf: repoRoot.appendingPathComponent("Vectors/cases/doc-get/request.http")))
        let withoutDate = String(decoding: request, as: UTF8.self).replacingOccurrences(of: "Date: Thu, 05 Jan 2014 21:31:40 GMT\n", with: "")
            .replacingOccurrences(of: "date: Thu, 05 Jan 2014 21:31:40 GMT\n", with: "")
        #expect(!withoutDate.lowercased().contains("date:"))
        let file = try scratch(Array(withoutDate.utf8))
        let (status, terminal) = try run(["sign", "--key-file", repoPath("Vectors/keys/doc-sample.pem"), "--key-id", keyID, "--allow-weak-key",
                                          "--date", "Thu, 05 Jan 2014 21:31:40 GMT", "--format", "json", file])
        #expect(status == .success)
        let expected = try String(contentsOf: repoRoot.appendingPathComponent("Vectors/cases/doc-get/authorization.txt"), encoding: .utf8)
        #expect(terminal.output.contains("\"authorization\":\"\(expected.replacingOccurrences(of: "\"", with: "\\\""))\""))
    }
}
