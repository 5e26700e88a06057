import Foundation
@testable import OCISignCLI
import OCISigning
import Testing

/// What a new user meets first: `vectors` outside the repository, the skew in human units,
/// a keyId naming another key, and what `bench` says about its build and targets.
@Suite struct OnboardingTests {
    @Test("vectors outside the repository: one 'path: reason [code]' line, exit 1")
    func vectorsWithoutASuite() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-vectors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let missing = empty.appendingPathComponent("Vectors").path
        let terminal = Terminal.capturing()
        #expect(try VectorsCommand.parse([missing]).execute(terminal: terminal) == .failure)
        #expect(terminal.output.isEmpty)
        #expect(terminal.errorOutput == "oci-sign: \(missing)/manifest.json: no such file (run from the swift-oci-signing repository root, or pass the suite folder: oci-sign vectors DIR) [fileUnreadable]\n")

        try Data("[1, 2]".utf8).write(to: empty.appendingPathComponent("manifest.json"))
        let malformed = Terminal.capturing()
        #expect(try VectorsCommand.parse([empty.path]).execute(terminal: malformed) == .failure)
        #expect(malformed.errorOutput == "oci-sign: \(empty.path)/manifest.json: lacks numberOfCases or cases [invalidVectorSuite]\n")
    }

    @Test("human units beside seconds", arguments: [
        (59, nil), (60, "1 min"), (301, "5 min 1 s"), (3600, "1 h"), (86_400 + 59, "1 day"), (3 * 86_400 + 2 * 3600 + 5, "3 days 2 h"),
    ] as [(UInt64, String?)])
    func humanUnits(seconds: UInt64, expected: String?) {
        #expect(SkewText.humanUnits(seconds) == expected)
    }

    @Test("verify prints a large skew in days and hours besides seconds")
    func verifySkewInHumanUnits() throws {
        let signed = DebugFixtures.file(Array(try DebugFixtures.signed(DebugFixtures.getRequest).utf8))
        let later = "Sun, 08 Jan 2014 23:31:40 GMT"  // 3 days 2 h after the vectors' date
        let stale = Terminal.capturing()
        #expect(try VerifyCommand.parse(["--allow-weak-key", "--public-key", DebugFixtures.publicKeyFile, "--now", later, signed]).execute(terminal: stale) == .failure)
        #expect(stale.output.contains("  skew: the signed date is 266400 s (3 days 2 h) behind the verifier's clock\n"))
        let wide = Terminal.capturing()
        #expect(try VerifyCommand.parse(["--allow-weak-key", "--public-key", DebugFixtures.publicKeyFile, "--now", later, "--max-skew", "300000", signed]).execute(terminal: wide) == .success)
        #expect(wide.output.contains("(266400 s (3 days 2 h) behind the verifier's clock, window ±300000 s)"))
    }

    @Test("sign --key-file --key-id warns when the keyId's fingerprint is not the key's, and still signs")
    func keyIDFingerprintWarning() throws {
        let request = DebugFixtures.file(Array(DebugFixtures.getRequest.utf8))
        // Oracle's published key id for its test key names that key's fingerprint: no warning.
        let matching = Terminal.capturing()
        let key = ["--key-file", DebugFixtures.privateKeyFile, "--allow-weak-key"]
        #expect(try SignCommand.parse(key + ["--key-id", DebugFixtures.keyID, request]).execute(terminal: matching) == .success)
        #expect(matching.errorOutput.isEmpty)

        let other = "ocid1.tenancy.oc1..t/ocid1.user.oc1..u/00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff"
        let mismatched = Terminal.capturing()
        #expect(try SignCommand.parse(key + ["--key-id", other, request]).execute(terminal: mismatched) == .success)
        #expect(mismatched.errorOutput.hasPrefix("oci-sign: warning: the fingerprint in --key-id (00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff) is not the key's (73:61:a2:21:67:e0:df:be:7e:4b:93:1e:15:98:a5:b7)"))
        #expect(mismatched.output.contains("keyId=\"\(other)\""))

        let token = Terminal.capturing()
        #expect(try SignCommand.parse(key + ["--key-id", "ST$eyJhbGciOiJSUzI1NiJ9.e30.c2ln", request]).execute(terminal: token) == .success)
        #expect(token.errorOutput.isEmpty)
    }

    @Test("bench says met or MISSED per row and, in a debug build, that it is one")
    func benchSaysBuildAndTargets() throws {
        let text = Terminal.capturing()
        #expect(try BenchCommand.parse(["--seconds", "0.05", "--case", "key-sign", "--case", "small-get"]).execute(terminal: text) == .success)
        let rows = text.output.split(separator: "\n").filter { $0.hasPrefix("key-sign") || $0.hasPrefix("small-get") }
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.contains(" met  ") || $0.contains(" MISSED  ") })
        #expect(text.output.contains("all 2 targets met\n") || text.output.contains("targets missed: "))
        let json = Terminal.capturing()
        #expect(try BenchCommand.parse(["--seconds", "0.05", "--case", "key-sign", "--format", "json"]).execute(terminal: json) == .success)
        let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #if DEBUG
        #expect(text.output.contains("NOTE: this is a debug build"))
        #expect(object?["build"] as? String == "debug")
        #else
        #expect(!text.output.contains("debug build"))
        #expect(object?["build"] as? String == "release")
        #endif
    }
}
