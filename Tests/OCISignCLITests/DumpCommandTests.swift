import Foundation
import OCISignCLI
import OCISigning
import Testing

/// `oci-sign dump`: the stages, their values against Oracle's published ones, and that no
/// secret ever reaches the output.
@Suite struct DumpCommandTests {
    func dump(_ request: String, _ arguments: [String]) throws -> (OCISignCLI.ExitStatus, Terminal) {
        let file = DebugFixtures.file(Array(request.utf8))
        let command = try DumpCommand.parse(arguments + [file])
        let terminal = Terminal.capturing()
        return (command.execute(terminal: terminal), terminal)
    }

    var keyArguments: [String] { ["--key-file", DebugFixtures.privateKeyFile, "--key-id", DebugFixtures.keyID, "--allow-weak-key", "--now", DebugFixtures.vectorDate] }

    @Test func textStagesAreLabelledInOrder() throws {
        let (status, terminal) = try dump(DebugFixtures.postRequest, keyArguments)
        #expect(status == .success, "\(terminal.errorOutput)")
        let titles = terminal.output.split(separator: "\n").filter { $0.hasPrefix("== ") }.map(String.init)
        #expect(titles == [
            "== 1. request as parsed ==", "== 2. request-target ==", "== 3. host ==",
            "== 4. signed headers (signed now with --key-file) ==", "== 5. body ==",
            "== 6. signing string (line ends shown) ==", "== 7. signature and Authorization ==",
            "== 8. credentials ==", "== 9. date and clock ==",
        ])
    }

    @Test func jsonCarriesOraclesPublishedValues() throws {
        let (status, terminal) = try dump(DebugFixtures.postRequest, keyArguments + ["--format", "json"])
        #expect(status == .success)
        let json = try JSONSerialization.jsonObject(with: Data(terminal.output.utf8)) as! [String: Any]
        let vector = DebugFixtures.official("doc-post")
        let body = json["body"] as! [String: Any]
        #expect(body["length"] as? Int == vector["body_length_bytes"] as? Int)
        #expect(body["sha256Base64"] as? String == vector["x_content_sha256"] as? String)
        let hex = Data(base64Encoded: vector["x_content_sha256"] as! String)!.map { String(format: "%02x", $0) }.joined()
        #expect(body["sha256Hex"] as? String == hex)
        #expect((json["signingString"] as! [String: Any])["value"] as? String == vector["signing_string"] as? String)
        #expect((json["signature"] as! [String: Any])["signature"] as? String == vector["signature"] as? String)
        let credentials = json["credentials"] as! [String: Any]
        #expect(credentials["computedFingerprint"] as? String == DebugFixtures.key["fingerprint_md5_of_der_spki"] as? String)
        #expect(credentials["fingerprintMatch"] as? Bool == true)
        #expect(credentials["keyBits"] as? Int == 1024)
        let headers = (json["signedHeaders"] as! [String: Any])["headers"] as! [[String: String]]
        #expect(headers.map { $0["name"]! } == vector["signed_headers"] as! [String])
        #expect(headers.map { $0["origin"]! } == ["given", "derived", "derived", "computed", "given", "computed"])
    }

    @Test func legacyFingerprintInKeyIdIsAMismatch() throws {
        let legacy = (DebugFixtures.json["credentials"] as! [String: Any])["key_id_legacy_fingerprint"] as! String
        var arguments = keyArguments
        arguments[3] = legacy
        let (_, terminal) = try dump(DebugFixtures.getRequest, arguments)
        #expect(terminal.output.contains("fingerprints: MISMATCH"))
        #expect(terminal.output.contains("WARNING: fingerprint in keyId (20:3b:97:13:55:1c:5b:0d:d3:37:d8:50:4e:c5:3a:34) differs"))
    }

    @Test func targetFlagsTheBytesClientsReEncode() throws {
        let request = "GET /n/ns/b/bk/o/a+b%2Fc?prefix=x%20y&ad=Pjwf:%3a&name=%C3%BC HTTP/1.1\nHost: localhost:8443\nDate: \(DebugFixtures.vectorDate)\n\n"
        let (_, terminal) = try dump(request, keyArguments + ["--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(terminal.output.utf8)) as! [String: Any]
        let flags = (json["target"] as! [String: Any])["flags"] as! [[String: Any]]
        let kinds = flags.map { "\($0["kind"]!)@\($0["offset"]!)" }
        #expect(kinds == ["plus@14", "encodedSlash@16", "percent20@29", "rawColon@41", "lowercaseEscape@42", "encodedNonASCII@51", "encodedNonASCII@54"])  // offsets from Python str.find
        let host = json["host"] as! [String: Any]
        #expect(host["port"] as? String == "8443")
        #expect(host["name"] as? String == "localhost")
    }

    @Test func nonPrintableAndNonASCIIBytesAreVisible() throws {
        let request = "GET / HTTP/1.1\r\nHost: h\r\nDate: \(DebugFixtures.vectorDate)\r\nX-Note: caf\u{e9}\ttab\r\n\r\n"
        let (_, terminal) = try dump(request, keyArguments)
        #expect(terminal.output.contains("X-Note: caf\\xC3\\xA9\\ttab   ← has non-printable or non-ASCII bytes"))
        #expect(terminal.output.contains("line endings: CRLF"))
    }

    @Test func clockSkewBeyondFiveMinutesWarns() throws {
        var arguments = keyArguments
        arguments[arguments.count - 1] = "Thu, 05 Jan 2014 21:36:41 GMT"  // 301 s later
        let (_, terminal) = try dump(DebugFixtures.getRequest, arguments)
        #expect(terminal.output.contains("skew: signed date is 301 s behind the local clock — OUTSIDE"))
        #expect(terminal.output.contains("WARNING: the signed date is 301 s away"))
        let (_, inside) = try dump(DebugFixtures.getRequest, keyArguments)
        #expect(!inside.output.contains("WARNING"))
    }

    @Test func signedFileWithoutKeyIsRebuiltFromItsAuthorization() throws {
        let signed = try DebugFixtures.signed(DebugFixtures.postRequest)
        let (status, terminal) = try dump(signed, ["--now", DebugFixtures.vectorDate, "--format", "json"])
        #expect(status == .success, "\(terminal.errorOutput)")
        let json = try JSONSerialization.jsonObject(with: Data(terminal.output.utf8)) as! [String: Any]
        #expect((json["signingString"] as! [String: Any])["value"] as? String == DebugFixtures.official("doc-post")["signing_string"] as? String)
    }

    @Test func unsignedFileWithoutKeyIsAUsageError() throws {
        let (status, terminal) = try dump(DebugFixtures.getRequest, [])
        #expect(status == .usage)
        #expect(terminal.errorOutput.contains("not signed and no key was given"))
    }

    // MARK: secrets

    static let token = "eyJraWQiOiJzZWNyZXQifQ.c2Vzc2lvbi10b2tlbi1ib2R5LXRoYXQtbXVzdC1uZXZlci1sZWFr.c2lnbmF0dXJl"
    static let oboToken = "obo.ZGVsZWdhdGlvbi10b2tlbi1ib2R5"

    /// Every base64 line of every PEM body of the test key (all published encodings).
    static var pemBodyLines: [String] {
        let encodings = DebugFixtures.json["derived_key_encodings"] as! [String: Any]
        let pems = [DebugFixtures.privateKeyPEM] + encodings.values.compactMap { $0 as? String }.filter { $0.contains("-----BEGIN") }
        return pems.flatMap { $0.split(separator: "\n").map(String.init) }
            .filter { !$0.hasPrefix("-----") && !$0.contains(":") && $0.count >= 16 }
    }

    func expectNoSecret(_ output: String, file: String = #fileID, line: Int = #line) {
        #expect(!output.contains(Self.token), "session token leaked")
        #expect(!output.contains("c2Vzc2lvbi10b2tlbi1ib2R5"), "session token fragment leaked")
        #expect(!output.contains(Self.oboToken), "delegation token leaked")
        for pemLine in Self.pemBodyLines { #expect(!output.contains(pemLine), "PEM body line leaked") }
    }

    @Test("no secret in dump output", arguments: ["text", "json"])
    func noSecretInDump(format: String) throws {
        let request = "GET /20160918/instances HTTP/1.1\nHost: h\nDate: \(DebugFixtures.vectorDate)\nopc-obo-token: \(Self.oboToken)\n\n"
        var arguments = keyArguments
        arguments[3] = "ST$" + Self.token
        let (status, terminal) = try dump(request, arguments + ["--format", format])
        #expect(status == .success)
        #expect(terminal.output.contains("ST$…(session token"))
        expectNoSecret(terminal.output + terminal.errorOutput)
        // The already-signed file, dumped with and without the key.
        let signed = try DebugFixtures.signed(request, keyID: "ST$" + Self.token)
        let (_, withKey) = try dump(signed, arguments + ["--format", format])
        expectNoSecret(withKey.output + withKey.errorOutput)
        let (_, withoutKey) = try dump(signed, ["--now", DebugFixtures.vectorDate, "--format", format])
        expectNoSecret(withoutKey.output + withoutKey.errorOutput)
    }

    @Test func showSecretsPrintsTheTokens() throws {
        let request = "GET /20160918/instances HTTP/1.1\nHost: h\nDate: \(DebugFixtures.vectorDate)\nopc-obo-token: \(Self.oboToken)\n\n"
        var arguments = keyArguments
        arguments[3] = "ST$" + Self.token
        let (_, terminal) = try dump(request, arguments + ["--show-secrets"])
        #expect(terminal.output.contains("ST$" + Self.token))
        #expect(terminal.output.contains(Self.oboToken))
        for pemLine in Self.pemBodyLines { #expect(!terminal.output.contains(pemLine), "the private key is never printed") }
    }

    @Test func keyErrorsCarryNoKeyMaterial() throws {
        // An encrypted key without its pass phrase.
        let encodings = DebugFixtures.json["derived_key_encodings"] as! [String: Any]
        let encrypted = DebugFixtures.file(Array((encodings["private_key_pem_pkcs8_encrypted_aes256cbc_pbkdf2"] as! String).utf8), name: "enc.pem")
        let (status, terminal) = try dump(DebugFixtures.getRequest, ["--key-file", encrypted, "--key-id", "ST$" + Self.token, "--allow-weak-key"])
        #expect(status == .credentials)
        expectNoSecret(terminal.output + terminal.errorOutput)
    }
}
