import Foundation
import OCISigning
import OCIRawRequest

/// Runs the `Vectors/` known-answer suite (format: `Vectors/README.md`) against this signer.
///
/// Shared by `oci-sign vectors` and the `swift test` conformance runner, so both check exactly
/// the same thing.
public struct VectorSuite: Sendable {
    /// One case folder, as read from disk.
    public struct Case: Sendable, Identifiable, CustomStringConvertible {
        /// The folder name, the stable id.
        public let id: String
        /// `valid`, `invalid` or `error`.
        public let result: String
        /// For `error` cases, the expected `OCISigningError` code.
        public let expectedError: String?
        /// Key file name under `keys/` (without `.pem`).
        public let key: String
        /// The keyId placed in the Authorization header.
        public let keyID: String
        /// Case options.
        public let excludeBody: Bool
        /// Case options.
        public let allowWeakKey: Bool
        /// The folder.
        public let directory: URL

        public var description: String { id }
    }

    /// The outcome of one case.
    public struct Outcome: Sendable {
        /// The case.
        public let id: String
        /// nil when the case passed; otherwise what differed first.
        public let failure: String?
        /// Whether the case passed.
        public var passed: Bool { failure == nil }
    }

    /// The suite's root (the folder holding `manifest.json`, `cases/` and `keys/`).
    public let root: URL

    /// A suite rooted at `root`.
    public init(root: URL) { self.root = root }

    /// The case ids `manifest.json` declares, and its declared count.
    public func manifest() throws -> (count: Int, ids: [String]) {
        let data = try Data(contentsOf: root.appendingPathComponent("manifest.json"))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let count = object["numberOfCases"] as? Int, let ids = object["cases"] as? [String]
        else { throw VectorSuiteError("manifest.json lacks numberOfCases or cases") }
        return (count, ids)
    }

    /// The case folders present on disk, sorted.
    public func caseFolders() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("cases").path)
            .filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Loads one case's metadata.
    public func loadCase(_ id: String) throws -> Case {
        let directory = root.appendingPathComponent("cases").appendingPathComponent(id)
        let data = try Data(contentsOf: directory.appendingPathComponent("case.json"))
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let result = json["result"] as? String, let key = json["key"] as? String,
              let keyID = json["keyId"] as? String, let options = json["options"] as? [String: Any]
        else { throw VectorSuiteError("\(id)/case.json lacks result, key, keyId or options") }
        return Case(
            id: id, result: result, expectedError: json["expectedError"] as? String, key: key, keyID: keyID,
            excludeBody: options["excludeBody"] as? Bool ?? false, allowWeakKey: options["allowWeakKey"] as? Bool ?? false,
            directory: directory)
    }

    /// Runs one case through the same path as `oci-sign sign` and compares every stage file.
    public func run(_ testCase: Case) -> Outcome {
        func fail(_ message: String) -> Outcome { Outcome(id: testCase.id, failure: message) }
        let produced: RawRequestSigning.Result
        do {
            let key = try OCIPrivateKey(pemFile: root.appendingPathComponent("keys/\(testCase.key).pem").path)
            let signer = try OCIRequestSigner(keyID: testCase.keyID, privateKey: key, allowWeakKey: testCase.allowWeakKey)
            let raw = try RawHTTPRequest(parsing: Array(try Data(contentsOf: testCase.directory.appendingPathComponent("request.http"))))
            produced = try RawRequestSigning.sign(raw, with: signer, options: SigningOptions(excludeBody: testCase.excludeBody))
        } catch let error as OCISigningError {
            if testCase.result == "error" {
                return error.code.rawValue == testCase.expectedError
                    ? Outcome(id: testCase.id, failure: nil)
                    : fail("expected error \(testCase.expectedError ?? "?"), got \(error.code): \(error.reason)")
            }
            return fail("unexpected error: \(error)")
        } catch {
            return fail("cannot read the case: \(error)")
        }
        let expected = { (name: String) -> [UInt8]? in
            (try? Data(contentsOf: testCase.directory.appendingPathComponent(name))).map { Array($0) }
        }
        switch testCase.result {
        case "error":
            return fail("expected error \(testCase.expectedError ?? "?"), but the request was signed")
        case "invalid":
            guard let wrong = expected("signing-string.txt"), let wrongAuthorization = expected("authorization.txt") else {
                return fail("invalid case lacks signing-string.txt or authorization.txt")
            }
            if Array(produced.signed.signingString.utf8) == wrong { return fail("produced the near-miss signing string") }
            if Array(produced.signed.authorization.utf8) == wrongAuthorization { return fail("produced the near-miss Authorization") }
            return Outcome(id: testCase.id, failure: nil)
        default:
            for (file, actual) in [
                ("signing-string.txt", Array(produced.signed.signingString.utf8)),
                ("authorization.txt", Array(produced.signed.authorization.utf8)),
                ("signed.http", produced.httpBytes),
            ] {
                guard let want = expected(file) else { return fail("missing \(file)") }
                if let difference = Self.firstDifference(expected: want, actual: actual) {
                    return fail("\(file): \(difference)")
                }
            }
            return Outcome(id: testCase.id, failure: nil)
        }
    }

    /// Runs every case folder and checks the count against the manifest.
    public func runAll() throws -> [Outcome] {
        let (count, ids) = try manifest()
        let folders = try caseFolders()
        var outcomes: [Outcome] = []
        if folders.count != count || Set(folders) != Set(ids) {
            let missing = Set(ids).subtracting(folders).sorted(), extra = Set(folders).subtracting(ids).sorted()
            outcomes.append(Outcome(id: "manifest", failure: "manifest declares \(count) cases, \(folders.count) folders found; missing \(missing), unlisted \(extra)"))
        }
        for id in folders {
            do { outcomes.append(run(try loadCase(id))) } catch { outcomes.append(Outcome(id: id, failure: "\(error)")) }
        }
        return outcomes
    }

    /// The first differing line between two byte strings, shown with escapes; nil when equal.
    public static func firstDifference(expected: [UInt8], actual: [UInt8]) -> String? {
        if expected == actual { return nil }
        let e = expected.split(separator: 0x0A, omittingEmptySubsequences: false)
        let a = actual.split(separator: 0x0A, omittingEmptySubsequences: false)
        for index in 0..<max(e.count, a.count) {
            let le = index < e.count ? Array(e[index]) : nil
            let la = index < a.count ? Array(a[index]) : nil
            if le != la {
                return "line \(index + 1) differs:\n  expected: \(le.map(RawHTTPRequest.visibleText) ?? "<end>")\n  actual:   \(la.map(RawHTTPRequest.visibleText) ?? "<end>")"
            }
        }
        return "bytes differ (\(expected.count) expected, \(actual.count) actual)"
    }
}

/// A problem reading the suite itself.
public struct VectorSuiteError: Error, CustomStringConvertible {
    /// What is wrong.
    public let description: String
    init(_ description: String) { self.description = description }
}
