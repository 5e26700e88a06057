import Foundation
import OCISignCLI
import OCISigning
import Testing

/// `oci-sign verify` in-process: exit statuses and the printed reason.
@Suite struct VerifyCommandTests {
    func run(_ arguments: [String]) throws -> (OCISignCLI.ExitStatus, Terminal) {
        let command = try VerifyCommand.parse(arguments)
        let terminal = Terminal.capturing()
        return (command.execute(terminal: terminal), terminal)
    }

    /// Oracle's published POST, with its published Authorization (not ours).
    var publishedPost: String {
        let vector = DebugFixtures.official("doc-post")
        let auth = (vector["authorization"] as! [String: String])["python_order (algorithm,headers,keyId,signature,version)"]!
        return "POST /20160918/volumeAttachments HTTP/1.1\nHost: iaas.us-phoenix-1.oraclecloud.com\nDate: \(DebugFixtures.vectorDate)\n"
            + "Content-Type: application/json\nContent-Length: 316\nx-content-sha256: \(vector["x_content_sha256"] as! String)\n"
            + "Authorization: \(auth)\n\n" + (vector["body_utf8"] as! String)
    }

    @Test func publishedRequestIsValidAtItsDate() throws {
        let file = DebugFixtures.file(Array(publishedPost.utf8))
        let (status, terminal) = try run(["--allow-weak-key", "--public-key", DebugFixtures.publicKeyFile, "--now", DebugFixtures.vectorDate, file])
        #expect(status == .success, "\(terminal.output)\(terminal.errorOutput)")
        #expect(terminal.output.hasPrefix("valid: keyId="))
    }

    @Test func publishedRequestIsStaleToday() throws {
        let file = DebugFixtures.file(Array(publishedPost.utf8))
        let (status, terminal) = try run(["--allow-weak-key", "--public-key", DebugFixtures.publicKeyFile, file])
        #expect(status == .failure)
        #expect(terminal.output.hasPrefix("invalid: dateOutsideWindow:"))
        #expect(terminal.output.contains("everything else verified"))
    }

    @Test func maxSkewWidensTheWindow() throws {
        let file = DebugFixtures.file(Array(publishedPost.utf8))
        let (status, _) = try run(["--allow-weak-key", "--public-key", DebugFixtures.publicKeyFile, "--now", "Thu, 05 Jan 2014 21:41:40 GMT", "--max-skew", "600", file])
        #expect(status == .success)
        let (narrow, _) = try run(["--allow-weak-key", "--public-key", DebugFixtures.publicKeyFile, "--now", "Thu, 05 Jan 2014 21:41:40 GMT", "--max-skew", "599", file])
        #expect(narrow == .failure)
    }

    @Test func tamperedBodyReportsTheHashAndTheRebuiltString() throws {
        let file = DebugFixtures.file(Array(publishedPost.replacingOccurrences(of: "\"volumeId\"", with: "\"volumeID\"").utf8))
        let (status, terminal) = try run(["--allow-weak-key", "--public-key", DebugFixtures.publicKeyFile, "--now", DebugFixtures.vectorDate, file])
        #expect(status == .failure)
        #expect(terminal.output.hasPrefix("invalid: bodyHashMismatch:"))
        #expect(terminal.output.contains("x-content-sha256: V9Z20UJTvkvpJ50flBzKE32+6m2zJjweHpDMX/U4Uy0=⟨end: no line break⟩"))
    }

    @Test func tamperedSignedHeaderIsABadSignature() throws {
        let file = DebugFixtures.file(Array(publishedPost.replacingOccurrences(of: "Host: iaas.us-phoenix-1", with: "Host: iaas.us-ashburn-1").utf8))
        let (status, terminal) = try run(["--allow-weak-key", "--public-key", DebugFixtures.publicKeyFile, "--now", DebugFixtures.vectorDate, file])
        #expect(status == .failure)
        #expect(terminal.output.hasPrefix("invalid: badSignature:"))
        #expect(terminal.output.contains("oci-sign explain"))
    }

    @Test func excludeBodyAcceptsAGenericOnlySignature() throws {
        let signed = try DebugFixtures.signed(DebugFixtures.postRequest, excludeBody: true)
        let file = DebugFixtures.file(Array(signed.utf8))
        let (strict, terminal) = try run(["--allow-weak-key", "--public-key", DebugFixtures.publicKeyFile, "--now", DebugFixtures.vectorDate, file])
        #expect(strict == .failure)
        #expect(terminal.output.hasPrefix("invalid: missingSignedHeader:"))
        let (excluded, _) = try run(["--allow-weak-key", "--public-key", DebugFixtures.publicKeyFile, "--now", DebugFixtures.vectorDate, "--exclude-body", file])
        #expect(excluded == .success)
    }

    @Test func unusableKeyIsExitStatusTwo() throws {
        let file = DebugFixtures.file(Array(publishedPost.utf8))
        let (status, terminal) = try run(["--allow-weak-key", "--public-key", DebugFixtures.privateKeyFile, file])
        #expect(status == .credentials)
        #expect(terminal.errorOutput.contains("[invalidKey]"))
        #expect(!terminal.errorOutput.contains("MIICXgIBAAKBgQDCFENGw33yGihy92pDjZQhl0C36rPJj"))
    }

    @Test func sessionTokenKeyIdIsRedactedInTheVerdict() throws {
        let signed = try DebugFixtures.signed(DebugFixtures.getRequest, keyID: "ST$eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2VuLWJvZHk")
        let file = DebugFixtures.file(Array(signed.utf8))
        let (status, terminal) = try run(["--allow-weak-key", "--public-key", DebugFixtures.publicKeyFile, "--now", DebugFixtures.vectorDate, file])
        #expect(status == .success)
        #expect(!terminal.output.contains("c2VjcmV0LXRva2VuLWJvZHk"))
        #expect(terminal.output.contains("ST$…"))
    }
}
