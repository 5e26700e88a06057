import Foundation
import OCISignCLI
import Testing

/// `Vectors/federation/` through the runner `oci-sign vectors` uses: every folder passes, a
/// tampered file fails the case it belongs to, and new folders plug in with one runner.
@Suite struct FederationVectorTests {
    @Test func everyFederationKnownAnswerPasses() {
        let (outcomes, skipped) = suite.runFederation()
        for outcome in outcomes { #expect(outcome.failure == nil, "\(outcome.id): \(outcome.failure ?? "")") }
        let ids = Set(outcomes.map(\.id))
        for id in ["federation/instance-principals/federation", "federation/instance-principals/certificate",
                   "federation/instance-principals/token", "federation/instance-principals/region",
                   "federation/instance-principals/api-post", "federation/instance-principals/delegation-post",
                   "federation/tenancy-extraction/cert_multivalued_rdn.pem", "federation/quirks/cert_wrong_key.pem",
                   "federation/resource-principals/v2.2/api-get", "federation/resource-principals/v2.2/delegation-get",
                   "federation/resource-principals/v3.0/api-get", "federation/oke-workload-identity/api-post",
                   "federation/session-token/refresh", "federation/session-token/api-get",
                   "federation/resource-principals/v3.0/parent-rpt", "federation/resource-principals/v3.0/rpst-exchange",
                   "federation/oke-workload-identity/proxymux", "federation/oke-workload-identity/proxymux-answer",
                   "federation/resource-principals/v1.1/rpt-request", "federation/resource-principals/v1.1/rpst-exchange",
                   "federation/resource-principals/v1.1/api-get", "federation/resource-principals/v1.1/api-post"] {
            #expect(ids.contains(id), "no outcome \(id)")
        }
        #expect(skipped.isEmpty || skipped.allSatisfy { $0.hasPrefix("federation/") })
    }

    /// A scratch copy of `federation/` whose file `path` gets `edit`.
    func tampered(_ path: String, _ edit: (String) -> String) throws -> VectorSuite {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("federation-vectors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: vectorsRoot.appendingPathComponent("federation"), to: scratch.appendingPathComponent("federation"))
        let file = scratch.appendingPathComponent("federation/\(path)")
        try edit(try String(contentsOf: file, encoding: .utf8)).write(to: file, atomically: true, encoding: .utf8)
        return VectorSuite(root: scratch)
    }

    @Test(arguments: [
        ("instance-principals/federation/signing-string.txt", "federation/instance-principals/federation", "signing-string.txt: line"),
        ("instance-principals/api-post/signature.txt", "federation/instance-principals/api-post", "signature.txt: line 1 differs"),
        ("instance-principals/case.json", "federation/instance-principals/certificate", "leaf SHA-1: expected"),
        ("tenancy-extraction/case.json", "federation/tenancy-extraction/cert.pem", "tenancy (SDK): expected"),
        ("resource-principals/v3.0/api-get/signature.txt", "federation/resource-principals/v3.0/api-get", "signature.txt: line 1 differs"),
        ("oke-workload-identity/api-post/signing-string.txt", "federation/oke-workload-identity/api-post", "signing-string.txt: line"),
        ("session-token/refresh/authorization.txt", "federation/session-token/refresh", "authorization.txt: line 1 differs"),
        ("resource-principals/v3.0/parent-rpt/signing-string.txt", "federation/resource-principals/v3.0/parent-rpt", "signing-string.txt: line 3 differs"),
        ("resource-principals/v3.0/parent-rpt/request.raw", "federation/resource-principals/v3.0/parent-rpt", "request.raw date: expected"),
        ("resource-principals/v3.0/rpst-exchange/body.json", "federation/resource-principals/v3.0/rpst-exchange", "body.json: line 1 differs"),
        ("resource-principals/v3.0/rpst-exchange/authorization.txt", "federation/resource-principals/v3.0/rpst-exchange", "authorization.txt: line 1 differs"),
        ("oke-workload-identity/proxymux/request.raw", "federation/oke-workload-identity/proxymux", "proxymux/request.raw opc-request-id: expected"),
        ("oke-workload-identity/proxymux/body.json", "federation/oke-workload-identity/proxymux", "body.json: line 1 differs"),
        ("oke-workload-identity/proxymux/response.body", "federation/oke-workload-identity/proxymux-answer", "quoted base64"),
        ("resource-principals/v1.1/rpt-request/authorization.txt", "federation/resource-principals/v1.1/rpt-request", "authorization.txt: line 1 differs"),
        ("resource-principals/v1.1/rpst-exchange/body.json", "federation/resource-principals/v1.1/rpst-exchange", "body.json: line 1 differs"),
        ("resource-principals/v1.1/api-post/signature.txt", "federation/resource-principals/v1.1/api-post", "signature.txt: line 1 differs"),
    ])
    func aTamperedFederationFileFailsItsCase(path: String, failingID: String, message: String) throws {
        let edits: [String: (String) -> String] = [
            "instance-principals/federation/signing-string.txt": { $0.replacingOccurrences(of: "content-length: ", with: "content-length:  ") },
            "instance-principals/api-post/signature.txt": { ($0.hasPrefix("A") ? "B" : "A") + $0.dropFirst() },
            "instance-principals/case.json": { $0.replacingFirst("\"leaf_fingerprint_sha1\": \"86:", with: "\"leaf_fingerprint_sha1\": \"87:") },
            "tenancy-extraction/case.json": { $0.replacingFirst("\"sdk\": \"ocid1.tenancy.oc1..", with: "\"sdk\": \"ocid1.tenancy.oc9..") },
            "resource-principals/v3.0/api-get/signature.txt": { ($0.hasPrefix("A") ? "B" : "A") + $0.dropFirst() },
            "oke-workload-identity/api-post/signing-string.txt": { $0.replacingOccurrences(of: "content-length: ", with: "content-length:  ") },
            "session-token/refresh/authorization.txt": { $0.replacingFirst("keyId=\"ST$", with: "keyId=\"ST$ST$") },
            "resource-principals/v3.0/parent-rpt/signing-string.txt": { $0.replacingFirst("host: 127.0.0.1:47112", with: "host: 127.0.0.1:47113") },
            "resource-principals/v3.0/parent-rpt/request.raw": { $0.replacingFirst("date: Sun, 05 Jan 2014 21:31:40", with: "date: Sun, 05 Jan 2014 21:31:41") },
            "resource-principals/v3.0/rpst-exchange/body.json": { $0.replacingFirst("kat-spst-0001", with: "kat-spst-0002") },
            "resource-principals/v3.0/rpst-exchange/authorization.txt": { $0.replacingFirst("signature=\"", with: "signature=\"A") },
            "oke-workload-identity/proxymux/request.raw": { $0.replacingFirst("opc-request-id: 2739", with: "opc-request-id: 3739") },
            "oke-workload-identity/proxymux/body.json": { $0.replacingFirst("\"podKey\": \"MII", with: "\"podKey\": \"MIJ") },
            "oke-workload-identity/proxymux/response.body": { "'" + $0.dropFirst() },
            "resource-principals/v1.1/rpt-request/authorization.txt": { $0.replacingFirst("signature=\"", with: "signature=\"A") },
            "resource-principals/v1.1/rpst-exchange/body.json": { $0.replacingFirst("\"sessionPublicKey\": \"MII", with: "\"sessionPublicKey\": \"MIJ") },
            "resource-principals/v1.1/api-post/signature.txt": { ($0.hasPrefix("A") ? "B" : "A") + $0.dropFirst() },
        ]
        let scratch = try tampered(path, edits[path]!)
        defer { try? FileManager.default.removeItem(at: scratch.root) }
        let outcomes = scratch.runFederation().outcomes
        let failing = try #require(outcomes.first { $0.id == failingID })
        #expect(failing.failure?.contains(message) == true, "\(failing.failure ?? "passed")")
        // The command counts it: exit 1 and one failure in the closing line.
        let terminal = Terminal.capturing()
        let copy = scratch.root
        try FileManager.default.copyItem(at: vectorsRoot.appendingPathComponent("cases"), to: copy.appendingPathComponent("cases"))
        try FileManager.default.copyItem(at: vectorsRoot.appendingPathComponent("keys"), to: copy.appendingPathComponent("keys"))
        try FileManager.default.copyItem(at: vectorsRoot.appendingPathComponent("manifest.json"), to: copy.appendingPathComponent("manifest.json"))
        #expect(try VectorsCommand.parse([copy.path]).execute(terminal: terminal) == .failure)
        #expect(terminal.output.contains("FAIL \(failingID): "))
        #expect(terminal.output.hasSuffix(" passed, 1 failed\n"), "\(terminal.output.suffix(200))")
    }

    @Test func aNewFolderPlugsInWithOneRunnerAndAMissingOneFails() throws {
        let scratch = try tampered("quirks/cert_wrong_key.pem") { $0 }
        defer { try? FileManager.default.removeItem(at: scratch.root) }
        let extra = scratch.root.appendingPathComponent("federation/session-token-example")
        try FileManager.default.createDirectory(at: extra, withIntermediateDirectories: true)
        try "expected".write(to: extra.appendingPathComponent("answer.txt"), atomically: true, encoding: .utf8)
        // Unknown to the built-in runners: reported as skipped, not silently passed.
        #expect(scratch.runFederation().skipped.contains("federation/session-token-example"))
        let runner = FederationVectorRunner(folder: "session-token-example") { folder in
            [folder.outcome("answer") { try folder.compare("answer.txt", Array("produced".utf8)) }]
        }
        let withRunner = scratch.runFederation(VectorSuite.federationRunners + [runner])
        #expect(!withRunner.skipped.contains("federation/session-token-example"))
        #expect(withRunner.outcomes.last?.id == "federation/session-token-example/answer")
        #expect(withRunner.outcomes.last?.failure?.contains("answer.txt: line 1 differs") == true)
        let missing = FederationVectorRunner(folder: "not-there") { _ in [] }
        #expect(scratch.runFederation([missing]).outcomes.first?.failure?.contains("missing") == true)
    }
}

private extension String {
    /// The text with only the first occurrence of `target` replaced (so one case breaks, not all).
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
