import Foundation
import OCISignCLI
import Testing

/// The `Vectors/` folder next to the package, found from this file's path.
let vectorsRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Vectors")

let suite = VectorSuite(root: vectorsRoot)

/// Case ids from the folders on disk (the manifest test below catches a lost folder).
let caseIDs: [String] = (try? suite.caseFolders()) ?? []

/// One Swift Testing case per `Vectors/cases/<id>/` folder: a failure names the case and the
/// first differing line of the first differing stage file.
@Suite struct VectorSuiteTests {
    @Test("vector", arguments: caseIDs)
    func vector(id: String) throws {
        let outcome = suite.run(try suite.loadCase(id))
        #expect(outcome.failure == nil, "\(id): \(outcome.failure ?? "")")
    }

    @Test func manifestMatchesTheFolders() throws {
        let (count, ids) = try suite.manifest()
        let folders = try suite.caseFolders()
        #expect(count == folders.count, "manifest declares \(count) cases, \(folders.count) folders on disk")
        #expect(ids == folders)
        #expect(count >= 80)
    }

    @Test func everyResultKindAndErrorCodeIsCovered() throws {
        let cases = try caseIDs.map { try suite.loadCase($0) }
        #expect(Set(cases.map(\.result)) == ["valid", "invalid", "error"])
        let codes = Set(cases.compactMap(\.expectedError))
        for code in ["malformedRequest", "unsupportedMethod", "invalidTarget", "invalidHeaderValue", "missingHost",
                     "duplicateSignedHeader", "nonASCIISignedValue", "bodyHashMismatch", "contentLengthMismatch",
                     "keyTooSmall", "weakKey", "unsupportedKeyType"] {
            #expect(codes.contains(code), "no error case for \(code)")
        }
    }

    @Test func theCommandLineRunnerReportsTheSameResult() throws {
        let terminal = Terminal.capturing()
        let command = try VectorsCommand.parse([vectorsRoot.path])
        #expect(command.execute(terminal: terminal) == .success)
        let federation = suite.runFederation().outcomes.count
        #expect(federation >= 12)   // instance principals (4 + 4 calls), 3 layouts, 3 quirks
        #expect(terminal.output.hasSuffix("\(caseIDs.count + federation) passed, 0 failed\n"), "\(terminal.output.suffix(300))")
    }

    @Test func theRunnerFailsOnATamperedCase() throws {
        // Copy one case into a scratch suite and break its expected Authorization.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("vectors-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.createDirectory(at: scratch.appendingPathComponent("cases"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: vectorsRoot.appendingPathComponent("keys"), to: scratch.appendingPathComponent("keys"))
        let id = "create-volume-backup"
        let target = scratch.appendingPathComponent("cases/\(id)")
        try FileManager.default.copyItem(at: vectorsRoot.appendingPathComponent("cases/\(id)"), to: target)
        let authorization = target.appendingPathComponent("authorization.txt")
        var text = try String(contentsOf: authorization, encoding: .utf8)
        text = text.replacingOccurrences(of: "rsa-sha256", with: "rsa-sha512")
        try text.write(to: authorization, atomically: true, encoding: .utf8)
        let outcome = VectorSuite(root: scratch).run(try VectorSuite(root: scratch).loadCase(id))
        #expect(outcome.failure?.contains("authorization.txt: line 1 differs") == true)
    }
}
