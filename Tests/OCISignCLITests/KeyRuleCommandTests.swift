import Foundation
import OCISignCLI
import OCISigning
import Testing
import TestSupport

/// `verify` and `explain` apply the signer's key rules and name a keyId fingerprint that is
/// not the given key's before anything else.
@Suite struct KeyRuleCommandTests {
    static let otherFingerprint = "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff"

    func verify(_ arguments: [String]) throws -> (OCISignCLI.ExitStatus, Terminal) {
        let terminal = Terminal.capturing()
        return (try VerifyCommand.parse(arguments).execute(terminal: terminal), terminal)
    }

    func explain(_ arguments: [String]) throws -> (OCISignCLI.ExitStatus, Terminal) {
        let terminal = Terminal.capturing()
        return (try ExplainCommand.parse(arguments).execute(terminal: terminal), terminal)
    }

    func signedWithOtherFingerprint() throws -> String {
        DebugFixtures.file(Array(try DebugFixtures.signed(DebugFixtures.getRequest, keyID: "ocid1.tenancy.oc1..t/ocid1.user.oc1..u/\(Self.otherFingerprint)").utf8))
    }

    @Test func verifyPrintsTheFingerprintMismatchFirst() throws {
        let expected = try OpenSSLTool.fingerprint(keyFile: DebugFixtures.publicKeyFile, publicInput: true)
        let (status, terminal) = try verify(["--allow-weak-key", "--public-key", DebugFixtures.publicKeyFile, "--now", DebugFixtures.vectorDate, try signedWithOtherFingerprint()])
        #expect(status == .failure)
        #expect(terminal.output.hasPrefix("invalid: fingerprintMismatch: the keyId names fingerprint \(Self.otherFingerprint) but the key given is \(expected)"), "\(terminal.output)")
    }

    @Test func explainPrintsTheFingerprintMismatchFirst() throws {
        let (status, terminal) = try explain(["--allow-weak-key", "--public-key", DebugFixtures.publicKeyFile, "--now", DebugFixtures.vectorDate, try signedWithOtherFingerprint()])
        #expect(status == .failure)
        #expect(terminal.output.hasPrefix("verification: fingerprintMismatch: the keyId names fingerprint \(Self.otherFingerprint)"), "\(terminal.output)")
    }

    @Test func verifyAndExplainRefuseTheWeakTestKeyWithoutTheFlag() throws {
        let file = DebugFixtures.file(Array(try DebugFixtures.signed(DebugFixtures.getRequest).utf8))
        let (verified, verifyTerminal) = try verify(["--public-key", DebugFixtures.publicKeyFile, "--now", DebugFixtures.vectorDate, file])
        #expect(verified == .failure)
        #expect(verifyTerminal.output.hasPrefix("invalid: weakKey: the public key has 1024 bits"), "\(verifyTerminal.output)")
        let (explained, explainTerminal) = try explain(["--public-key", DebugFixtures.publicKeyFile, "--now", DebugFixtures.vectorDate, file])
        #expect(explained == .failure)
        #expect(explainTerminal.output.hasPrefix("verification: weakKey:"), "\(explainTerminal.output)")
        #expect(try verify(["--allow-weak-key", "--public-key", DebugFixtures.publicKeyFile, "--now", DebugFixtures.vectorDate, file]).0 == .success)
    }
}
