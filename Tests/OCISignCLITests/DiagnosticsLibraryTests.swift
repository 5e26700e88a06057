import Foundation
import HTTPTypes
import OCISigning
import OCISigningDiagnostics
import Testing

/// `OCISigningDiagnostics` through its public API only, as a server logging a 401 would use it.
@Suite struct DiagnosticsLibraryTests {
    let signer = try! DebugFixtures.signer()
    let publicKey = try! OCIPublicKey(pem: Array(DebugFixtures.publicKeyPEM.utf8))

    @Test func aHostPortDroppedAfterSigningIsNamed() throws {
        let request = HTTPRequest(method: .get, scheme: "https", authority: "iaas.example:8443", path: "/20160918/instances")
        var sent = try signer.sign(request).request
        sent.authority = "iaas.example"   // a proxy rewrote the host after signing
        let line = try #require(explainRejection(sent, body: [], publicKey: publicKey, options: VerificationOptions(allowWeakKey: true)))
        #expect(line.hasPrefix("401 badSignature: "))
        #expect(line.hasSuffix("; cause: host-with-port"))
    }

    @Test func aValidRequestNeedsNoLogLine() throws {
        let signed = try signer.sign(HTTPRequest(method: .get, scheme: "https", authority: "iaas.example", path: "/"))
        #expect(explainRejection(signed.request, body: [], publicKey: publicKey, options: VerificationOptions(allowWeakKey: true)) == nil)
    }

    @Test func aSessionTokenIsRedacted() throws {
        let token = "eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2VuLWJvZHk.c2ln"
        let tokenSigner = try DebugFixtures.signer(keyID: "ST$" + token)
        var sent = try tokenSigner.sign(HTTPRequest(method: .get, scheme: "https", authority: "iaas.example", path: "/a")).request
        sent.path = "/b"
        var redaction = SecretRedaction()
        redaction.addSecrets(of: sent.headerFields)
        let text = redaction.apply("keyId=\"ST$\(token)\"")
        #expect(!text.contains(token) && text.contains("redacted"))
    }

    @Test func targetInspectionFlagsWhatEncodersChange() {
        let kinds = TargetInspection("/n/a+b/o/x%2fy?q=%3a&r=1:2").flags.map(\.kind)
        #expect(kinds == ["plus", "encodedSlash", "lowercaseEscape", "lowercaseEscape", "rawColon"])
        #expect(HostInspection("[::1]:8443").port == "8443" && HostInspection("[::1]").port == nil)
    }

    @Test func debuggingPageQuotesTheSnippet() throws {
        let source = try String(contentsOf: DebugFixtures.root.appendingPathComponent("Tests/OCISignCLITests/DocSnippets/DiagnosticsSnippet.swift"), encoding: .utf8)
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let begin = try #require(lines.firstIndex(of: "// snippet:begin"))
        let end = try #require(lines.firstIndex(of: "// snippet:end"))
        let quoted = lines[(begin + 1)..<end].joined(separator: "\n")
        let page = try String(contentsOf: DebugFixtures.root.appendingPathComponent("Docs/debugging.md"), encoding: .utf8)
        #expect(page.contains("```swift\n" + quoted + "\n```"))
    }
}
