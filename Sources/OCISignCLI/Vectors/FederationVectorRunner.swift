import Foundation
import OCISigning

/// One folder of the suite's `federation/` and the function that checks it.
///
/// A new kind of federation known answer (resource principals, OKE workload identity, session
/// tokens, …) plugs in with one runner: a folder name and a function from the folder to its
/// outcomes, added to ``VectorSuite/federationRunners``. The function reads only the folder's
/// files (through ``FederationVectorFolder``) and compares what this build produces with them.
public struct FederationVectorRunner: Sendable {
    /// The folder under `federation/` (`instance-principals`).
    public let folder: String
    /// Checks the folder; one outcome per known answer.
    public let run: @Sendable (FederationVectorFolder) -> [VectorSuite.Outcome]

    /// Creates a runner for `federation/<folder>/`.
    public init(folder: String, run: @escaping @Sendable (FederationVectorFolder) -> [VectorSuite.Outcome]) {
        self.folder = folder
        self.run = run
    }
}

/// A `federation/<name>/` folder as a runner sees it: bounded file reads that fail with a typed
/// error naming the file, and outcomes named `federation/<name>/<check>`.
public struct FederationVectorFolder: Sendable {
    /// The folder name under `federation/`.
    public let name: String
    /// The folder.
    public let url: URL

    /// Creates the view of one folder.
    public init(name: String, url: URL) {
        self.name = name
        self.url = url
    }

    /// The bytes of `path` (relative to the folder).
    public func bytes(_ path: String) throws(OCISigningError) -> [UInt8] {
        try BoundedFile.read(url.appendingPathComponent(path).path, limit: BoundedFile.Limit.vector)
    }

    /// The UTF-8 text of `path`.
    public func text(_ path: String) throws(OCISigningError) -> String { String(decoding: try bytes(path), as: UTF8.self) }

    /// The JSON object in `path`.
    public func json(_ path: String) throws(OCISigningError) -> [String: Any] {
        let data = try bytes(path)
        guard let object = (try? JSONSerialization.jsonObject(with: Data(data))) as? [String: Any] else {
            throw OCISigningError(.invalidVectorSuite, "not a JSON object", path: url.appendingPathComponent(path).path)
        }
        return object
    }

    /// A string field of a JSON object, or a typed error naming the file and the field.
    public func field(_ object: [String: Any], _ key: String, in path: String) throws(OCISigningError) -> String {
        guard let value = object[key] as? String else {
            throw OCISigningError(.invalidVectorSuite, "lacks the string field '\(key)'", path: url.appendingPathComponent(path).path)
        }
        return value
    }

    /// A recorded HTTP/1.1 request (CRLF lines): request line, lower-cased header names, body.
    public func recordedRequest(_ path: String) throws(OCISigningError) -> (requestLine: String, headers: [String: String], body: [UInt8]) {
        let raw = try bytes(path)
        let separator: [UInt8] = [13, 10, 13, 10]
        guard raw.count >= 4, let split = (0...(raw.count - 4)).first(where: { raw[$0..<$0 + 4].elementsEqual(separator) }) else {
            throw OCISigningError(.invalidVectorSuite, "no blank line after the headers", path: url.appendingPathComponent(path).path)
        }
        let lines = String(decoding: raw[..<split], as: UTF8.self).components(separatedBy: "\r\n")
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            if headers[name] == nil { headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces) }
        }
        return (lines[0], headers, Array(raw[(split + 4)...]))
    }

    /// Runs one check: `nil` from `check` passes; a message, or any error, fails it.
    public func outcome(_ check: String, _ body: () throws -> String?) -> VectorSuite.Outcome {
        let id = "federation/\(name)/\(check)"
        do { return VectorSuite.Outcome(id: id, failure: try body()) } catch {
            return VectorSuite.Outcome(id: id, failure: "\(error)")
        }
    }

    /// `nil` when `actual` equals the file's bytes, else the first differing line.
    public func compare(_ path: String, _ actual: some Collection<UInt8>) throws(OCISigningError) -> String? {
        VectorSuite.firstDifference(expected: try bytes(path), actual: Array(actual)).map { "\(path): \($0)" }
    }

    /// `nil` when equal, else `what: expected …, produced …`.
    public static func expectEqual(_ what: String, expected: String?, produced: String?) -> String? {
        expected == produced ? nil : "\(what): expected \(expected ?? "<none>"), produced \(produced ?? "<none>")"
    }
}

extension VectorSuite {
    /// The runners of `federation/`, one per folder. A folder on disk without a runner is
    /// reported as skipped; a runner whose folder is missing fails.
    public static let federationRunners: [FederationVectorRunner] = [
        .instancePrincipals,
        .tenancyExtraction,
        .certificateQuirks,
        .resourcePrincipals,
        .okeWorkloadIdentity,
        .sessionToken,
    ]

    /// Runs every federation runner over `federation/` (absent: nothing to run).
    ///
    /// - Returns: The outcomes, and the folders found on disk that no runner checks.
    public func runFederation(_ runners: [FederationVectorRunner] = VectorSuite.federationRunners) -> (outcomes: [Outcome], skipped: [String]) {
        let base = root.appendingPathComponent("federation")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: base.path, isDirectory: &isFolder), isFolder.boolValue else { return ([], []) }
        let present = Set(((try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []).filter { !$0.hasPrefix(".") })
        var outcomes: [Outcome] = []
        for runner in runners {
            guard present.contains(runner.folder) else {
                outcomes.append(Outcome(id: "federation/\(runner.folder)", failure: "the folder is missing from \(base.path)"))
                continue
            }
            outcomes += runner.run(FederationVectorFolder(name: runner.folder, url: base.appendingPathComponent(runner.folder)))
        }
        let skipped = present.subtracting(runners.map(\.folder)).sorted().map { "federation/\($0)" }
        return (outcomes, skipped)
    }
}
