import Foundation
import OCIRawRequest
import OCISigning

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

        /// The case id.
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
    public func manifest() throws(OCISigningError) -> (count: Int, ids: [String]) {
        let url = root.appendingPathComponent("manifest.json")
        guard let object = try Self.readJSON(url), let count = object["numberOfCases"] as? Int, let ids = object["cases"] as? [String]
        else { throw OCISigningError(.invalidVectorSuite, "lacks numberOfCases or cases", path: url.path) }
        return (count, ids)
    }

    /// The case folders present on disk, sorted.
    public func caseFolders() throws(OCISigningError) -> [String] {
        let cases = root.appendingPathComponent("cases").path
        do {
            return try FileManager.default.contentsOfDirectory(atPath: cases).filter { !$0.hasPrefix(".") }.sorted()
        } catch {
            throw OCISigningError(.fileUnreadable, "cannot list the case folders", path: cases)
        }
    }

    /// Loads one case's metadata.
    public func loadCase(_ id: String) throws(OCISigningError) -> Case {
        let directory = root.appendingPathComponent("cases").appendingPathComponent(id)
        let url = directory.appendingPathComponent("case.json")
        guard let json = try Self.readJSON(url), let result = json["result"] as? String, let key = json["key"] as? String,
              let keyID = json["keyId"] as? String, let options = json["options"] as? [String: Any]
        else { throw OCISigningError(.invalidVectorSuite, "lacks result, key, keyId or options", path: url.path) }
        return Case(
            id: id, result: result, expectedError: json["expectedError"] as? String, key: key, keyID: keyID,
            excludeBody: options["excludeBody"] as? Bool ?? false, allowWeakKey: options["allowWeakKey"] as? Bool ?? false,
            directory: directory)
    }

    /// A JSON object file; nil when it holds JSON that is not an object. A missing file says
    /// where a suite is found, since that is the usual mistake outside the repository.
    static func readJSON(_ url: URL) throws(OCISigningError) -> [String: Any]? {
        let data: [UInt8]
        do {
            data = try BoundedFile.read(url.path, limit: BoundedFile.Limit.vector)
        } catch where error.reason.hasPrefix("the file does not exist") {
            throw OCISigningError(.fileUnreadable, "no such file (run from the swift-oci-signing repository root, or pass the suite folder: oci-sign vectors DIR)", path: url.path)
        }
        do {
            return try JSONSerialization.jsonObject(with: Data(data)) as? [String: Any]
        } catch {
            throw OCISigningError(.invalidVectorSuite, "not valid JSON", path: url.path)
        }
    }

    /// Runs one case through the same path as `oci-sign sign` and compares every stage file.
    public func run(_ testCase: Case) -> Outcome {
        let produced: RawRequestSigning.Result
        do {
            produced = try sign(testCase)
        } catch let error as OCISigningError {
            guard testCase.result == "error" else { return testCase.failed("unexpected error: \(error)") }
            return error.code.rawValue == testCase.expectedError ? testCase.passed
                : testCase.failed("expected error \(testCase.expectedError ?? "?"), got \(error.code): \(error.reason)")
        } catch {
            return testCase.failed("cannot read the case: \(error)")
        }
        switch testCase.result {
        case "error": return testCase.failed("expected error \(testCase.expectedError ?? "?"), but the request was signed")
        case "invalid": return testCase.compareNearMiss(produced)
        default: return testCase.compareExpected(produced)
        }
    }

    /// Signs the case's request with its key and options.
    func sign(_ testCase: Case) throws -> RawRequestSigning.Result {
        let key = try OCIPrivateKey(pemFile: root.appendingPathComponent("keys/\(testCase.key).pem").path)
        let signer = try OCIRequestSigner(keyID: testCase.keyID, privateKey: key, allowWeakKey: testCase.allowWeakKey)
        let raw = try RawHTTPRequest(parsing: BoundedFile.read(testCase.directory.appendingPathComponent("request.http").path, limit: BoundedFile.Limit.vector))
        return try RawRequestSigning.sign(raw, with: signer, options: SigningOptions(excludeBody: testCase.excludeBody))
    }

    /// Runs every case folder and checks the count against the manifest.
    public func runAll() throws(OCISigningError) -> [Outcome] {
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

extension VectorSuite.Case {
    var passed: VectorSuite.Outcome { VectorSuite.Outcome(id: id, failure: nil) }

    func failed(_ message: String) -> VectorSuite.Outcome { VectorSuite.Outcome(id: id, failure: message) }

    /// The bytes of one of the case's stage files.
    func expected(_ name: String) -> [UInt8]? {
        try? BoundedFile.read(directory.appendingPathComponent(name).path, limit: BoundedFile.Limit.vector)
    }

    /// An `invalid` case passes when the near-miss signing string and Authorization are not produced.
    func compareNearMiss(_ produced: RawRequestSigning.Result) -> VectorSuite.Outcome {
        guard let wrong = expected("signing-string.txt"), let wrongAuthorization = expected("authorization.txt") else {
            return failed("invalid case lacks signing-string.txt or authorization.txt")
        }
        if Array(produced.signed.signingString.utf8) == wrong { return failed("produced the near-miss signing string") }
        if Array(produced.signed.authorization.utf8) == wrongAuthorization { return failed("produced the near-miss Authorization") }
        return passed
    }

    /// A `valid` case passes when every stage file matches byte for byte.
    func compareExpected(_ produced: RawRequestSigning.Result) -> VectorSuite.Outcome {
        for (file, actual) in [
            ("signing-string.txt", Array(produced.signed.signingString.utf8)),
            ("authorization.txt", Array(produced.signed.authorization.utf8)),
            ("signed.http", produced.httpBytes),
        ] {
            guard let want = expected(file) else { return failed("missing \(file)") }
            if let difference = VectorSuite.firstDifference(expected: want, actual: actual) { return failed("\(file): \(difference)") }
        }
        return passed
    }
}
