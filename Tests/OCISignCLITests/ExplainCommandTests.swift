import Foundation
@testable import OCISignCLI
import OCISigning
import OCISigningDiagnostics
import Testing

/// Every variant of `oci-sign explain` produced on purpose: a request is signed by our signer
/// (or our key over a deliberately wrong signing string), then presented as another party
/// would have sent it; explain must name exactly that variant.
@Suite struct ExplainCommandTests {
    typealias Status = OCISignCLI.ExitStatus

    static let host = "iaas.us-phoenix-1.oraclecloud.com"
    static let date = DebugFixtures.vectorDate
    static let jsonBody = "{\n  \"name\": \"a\",\n  \"size\": 50\n}"

    static func get(_ target: String, host: String = ExplainCommandTests.host, extra: String = "") -> String {
        "GET \(target) HTTP/1.1\nHost: \(host)\nDate: \(date)\n\(extra)\n"
    }

    static func post(body: String, contentType: String? = "application/json", extra: String = "") -> String {
        "POST /20160918/volumes HTTP/1.1\nHost: \(host)\nDate: \(date)\n" + (contentType.map { "Content-Type: \($0)\n" } ?? "") + extra + "\n" + body
    }

    /// Replaces the body of a signed raw request and, when asked, recomputes its body headers
    /// (what a proxy that rewrites bodies does).
    static func withBody(_ signed: String, _ body: String, recomputeHeaders: Bool) -> String {
        let split = signed.range(of: "\n\n")!
        var head = String(signed[..<split.lowerBound])
        if recomputeHeaders {
            let digest = ContentDigest(bytes: Array(body.utf8))
            head = head.split(separator: "\n").map { line in
                if line.lowercased().hasPrefix("content-length:") { return "Content-Length: \(digest.length)" }
                if line.lowercased().hasPrefix("x-content-sha256:") { return "X-Content-SHA256: \(digest.base64)" }
                return String(line)
            }.joined(separator: "\n")
        }
        return head + "\n\n" + body
    }

    /// A request whose Authorization signs `signingString` (deliberately not the one the request
    /// implies) and lists `headers`.
    static func manuallySigned(_ unsigned: String, signingString: String, headers: String) throws -> String {
        let key = try OCIPrivateKey(pem: DebugFixtures.privateKeyPEM)
        let signature = Base64.encode(try key.sign(Array(signingString.utf8)))
        let auth = "Signature version=\"1\",headers=\"\(headers)\",keyId=\"\(DebugFixtures.keyID)\",algorithm=\"rsa-sha256\",signature=\"\(signature)\""
        let split = unsigned.range(of: "\n\n")!
        return unsigned[..<split.lowerBound] + "\nAuthorization: \(auth)\n\n" + unsigned[split.upperBound...]
    }

    static func digestLines(_ body: String) -> (String, String) {
        let digest = ContentDigest(bytes: Array(body.utf8))
        return ("content-length: \(digest.length)", "x-content-sha256: \(digest.base64)")
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let variant: String
        /// What plain verification reports first.
        var reason = "badSignature"
        let sent: @Sendable () throws -> String
        var testDescription: String { variant }
    }

    static let cases: [Case] = [
        Case(variant: "host-without-port") {
            try DebugFixtures.signed(get("/20160918/instances")).replacingOccurrences(of: "Host: \(host)", with: "Host: \(host):8443")
        },
        Case(variant: "host-with-port") {
            try DebugFixtures.signed(get("/20160918/instances", host: host + ":443")).replacingOccurrences(of: "Host: \(host):443", with: "Host: \(host)")
        },
        Case(variant: "target-plus-as-percent20") {
            try DebugFixtures.signed(get("/n/ns/b/bk/o?prefix=my+dir")).replacingOccurrences(of: "my+dir", with: "my%20dir")
        },
        Case(variant: "target-percent20-as-plus") {
            try DebugFixtures.signed(get("/n/ns/b/bk/o?prefix=my%20dir")).replacingOccurrences(of: "my%20dir", with: "my+dir")
        },
        Case(variant: "target-escapes-uppercase") {
            try DebugFixtures.signed(get("/x?ad=Pjwf%3A")).replacingOccurrences(of: "%3A", with: "%3a")
        },
        Case(variant: "target-escapes-lowercase") {
            try DebugFixtures.signed(get("/x?ad=Pjwf%3a")).replacingOccurrences(of: "%3a", with: "%3A")
        },
        Case(variant: "target-decoded") {
            try DebugFixtures.signed(get("/n/ns/b/bk/o/a:b")).replacingOccurrences(of: "/o/a:b", with: "/o/a%3Ab")
        },
        Case(variant: "target-reserved-encoded") {
            try DebugFixtures.signed(get("/n/ns/b/bk/o/a%3Ab")).replacingOccurrences(of: "/o/a%3Ab", with: "/o/a:b")
        },
        Case(variant: "target-query-sorted") {
            try DebugFixtures.signed(get("/20160918/instances?availabilityDomain=ad&compartmentId=c"))
                .replacingOccurrences(of: "?availabilityDomain=ad&compartmentId=c", with: "?compartmentId=c&availabilityDomain=ad")
        },
        Case(variant: "target-lowercased") {
            try DebugFixtures.signed(get("/n/ns/b/bk/o/readme.md")).replacingOccurrences(of: "/o/readme.md", with: "/o/README.md")
        },
        Case(variant: "method-uppercase") {
            try manuallySigned(get("/20160918/instances"),
                               signingString: "date: \(date)\n(request-target): GET /20160918/instances\nhost: \(host)", headers: "date (request-target) host")
        },
        Case(variant: "body-trailing-newline-added") {
            withBody(try DebugFixtures.signed(post(body: jsonBody)), jsonBody + "\n", recomputeHeaders: true)
        },
        Case(variant: "body-trailing-newline-removed") {
            withBody(try DebugFixtures.signed(post(body: jsonBody + "\n")), jsonBody, recomputeHeaders: true)
        },
        Case(variant: "body-lf-to-crlf") {
            withBody(try DebugFixtures.signed(post(body: jsonBody)), jsonBody.replacingOccurrences(of: "\n", with: "\r\n"), recomputeHeaders: true)
        },
        Case(variant: "body-crlf-to-lf") {
            let crlf = jsonBody.replacingOccurrences(of: "\n", with: "\r\n")
            return withBody(try DebugFixtures.signed(post(body: crlf)), jsonBody, recomputeHeaders: true)
        },
        Case(variant: "body-empty-when-signed") {
            withBody(try DebugFixtures.signed(post(body: "")), jsonBody, recomputeHeaders: true)
        },
        Case(variant: "content-type-default") {
            // Signed without a content-type (the signer defaults application/json); sent as text/plain.
            try DebugFixtures.signed(post(body: jsonBody, contentType: nil))
                .replacingOccurrences(of: "content-type: application/json", with: "Content-Type: text/plain", options: .caseInsensitive)
        },
        Case(variant: "typescript-order") {
            let (length, hash) = digestLines(jsonBody)
            let unsigned = post(body: jsonBody, extra: "\(length)\n\(hash)\n")
            return try manuallySigned(unsigned,
                signingString: "date: \(date)\n(request-target): post /20160918/volumes\nhost: \(host)\ncontent-type: application/json\n\(length)\n\(hash)",
                headers: "date (request-target) host content-length content-type x-content-sha256")
        },
        Case(variant: "date-as-x-date") {
            try manuallySigned(get("/20160918/instances"),
                               signingString: "x-date: \(date)\n(request-target): get /20160918/instances\nhost: \(host)", headers: "date (request-target) host")
        },
        Case(variant: "date-regenerated") {
            // Oracle's test date has the wrong weekday; a signer that re-derives it signs "Sun".
            try DebugFixtures.signed(get("/20160918/instances").replacingOccurrences(of: "Thu, 05 Jan", with: "Sun, 05 Jan"))
                .replacingOccurrences(of: "Sun, 05 Jan", with: "Thu, 05 Jan")
        },
        Case(variant: "body-headers-excluded") {
            let signed = try DebugFixtures.signed(post(body: jsonBody), excludeBody: true)
            let digest = ContentDigest(bytes: Array(jsonBody.utf8))
            return signed.replacingOccurrences(of: "headers=\"date (request-target) host\"",
                                               with: "headers=\"date (request-target) host content-length content-type x-content-sha256\"")
                .replacingOccurrences(of: "\n\n", with: "\nx-content-sha256: \(digest.base64)\n\n")
        },
        Case(variant: "body-headers-included", reason: "missingSignedHeader") {
            try DebugFixtures.signed(post(body: jsonBody)).replacingOccurrences(
                of: "headers=\"date (request-target) host content-length content-type x-content-sha256\"", with: "headers=\"date (request-target) host\"")
        },
        Case(variant: "header-names-as-listed") {
            let (length, hash) = digestLines(jsonBody)
            let unsigned = post(body: jsonBody, extra: "\(length)\n\(hash)\n")
            return try manuallySigned(unsigned,
                signingString: "date: \(date)\n(request-target): post /20160918/volumes\nhost: \(host)\nContent-Length: \(jsonBody.utf8.count)\nContent-Type: application/json\n\(hash)",
                headers: "date (request-target) host Content-Length Content-Type x-content-sha256")
        },
        Case(variant: "trailing-newline") {
            try manuallySigned(get("/20160918/instances"),
                               signingString: "date: \(date)\n(request-target): get /20160918/instances\nhost: \(host)\n", headers: "date (request-target) host")
        },
        Case(variant: "crlf-joins") {
            try manuallySigned(get("/20160918/instances"),
                               signingString: "date: \(date)\r\n(request-target): get /20160918/instances\r\nhost: \(host)", headers: "date (request-target) host")
        },
        Case(variant: "header-order") {
            try manuallySigned(get("/20160918/instances"),
                               signingString: "(request-target): get /20160918/instances\ndate: \(date)\nhost: \(host)", headers: "date (request-target) host")
        },
    ]

    func explain(_ sent: String, extra: [String] = []) throws -> (Status, Terminal) {
        let file = DebugFixtures.file(Array(sent.utf8))
        let command = try ExplainCommand.parse(["--allow-weak-key", "--public-key", DebugFixtures.publicKeyFile, "--now", Self.date] + extra + [file])
        let terminal = Terminal.capturing()
        return (command.execute(terminal: terminal), terminal)
    }

    @Test func everyCatalogueVariantHasACase() {
        // The variants these cases cannot make with our own signer are covered by requests
        // Oracle's SDK signed (OracleExplainCaseTests).
        let oracle = Set(OracleExplainCaseTests.cases.map(\.cause))
        #expect(Set(Self.cases.map(\.variant)).union(oracle).isSuperset(of: Set(MismatchCatalogue.variants.map(\.id))))
    }

    @Test("explain names the variant", arguments: cases)
    func namesVariant(_ testCase: Case) throws {
        let (status, terminal) = try explain(try testCase.sent(), extra: ["--format", "json"])
        #expect(status == .failure)
        let json = try JSONSerialization.jsonObject(with: Data(terminal.output.utf8)) as! [String: Any]
        #expect(json["verdict"] as? String == "variant-matched", "\(terminal.output)")
        #expect(json["match"] as? [String] == [testCase.variant])
        #expect(json["reason"] as? String == testCase.reason)
    }

    @Test func textOutputNamesTheVariantAndDiffsTheStrings() throws {
        let sent = try DebugFixtures.signed(Self.get("/20160918/instances")).replacingOccurrences(of: "Host: \(Self.host)", with: "Host: \(Self.host):8443")
        let (status, terminal) = try explain(sent)
        #expect(status == .failure)
        #expect(terminal.output.contains("match: host-without-port — the signer signed the host without its port"))
        #expect(terminal.output.contains("  - host: \(Self.host):8443⟨end: no line break⟩\n  + host: \(Self.host)⟨end: no line break⟩"))
    }

    @Test func twoMistakesAtOnceAreFoundAsAPair() throws {
        let sent = try DebugFixtures.signed(Self.get("/n/ns/b/bk/o?prefix=my%20dir"))
            .replacingOccurrences(of: "my%20dir", with: "my+dir")
            .replacingOccurrences(of: "Host: \(Self.host)", with: "Host: \(Self.host):8443")
        let (_, terminal) = try explain(sent, extra: ["--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(terminal.output.utf8)) as! [String: Any]
        #expect(json["match"] as? [String] == ["host-without-port", "target-percent20-as-plus"])
    }

    @Test func validRequestNeedsNoExplanation() throws {
        let (status, terminal) = try explain(try DebugFixtures.signed(DebugFixtures.postRequest))
        #expect(status == .success)
        #expect(terminal.output.hasPrefix("valid:"))
    }

    @Test func bodyChangedAfterSigningWithStaleHeadersIsNamed() throws {
        // The signature is right for the headers; the body gained a newline after signing.
        let sent = Self.withBody(try DebugFixtures.signed(Self.post(body: Self.jsonBody)), Self.jsonBody + "\n", recomputeHeaders: false)
        let (status, terminal) = try explain(sent)
        #expect(status == .failure)
        #expect(terminal.output.contains("signature: verifies against the request as received"))
        #expect(terminal.output.contains("[body-trailing-newline-added]"))
    }

    @Test func clockProblemIsNamed() throws {
        let file = DebugFixtures.file(Array(try DebugFixtures.signed(DebugFixtures.getRequest).utf8))
        let command = try ExplainCommand.parse(["--allow-weak-key", "--public-key", DebugFixtures.publicKeyFile, file])
        let terminal = Terminal.capturing()
        #expect(command.execute(terminal: terminal) == .failure)
        #expect(terminal.output.contains("explanation: the clock"))
    }

    @Test func unmodelledChangeSaysSoAndListsWhatWasChecked() throws {
        // A query value changed after signing: no catalogue entry produces that (a date
        // changed by a second is found by date-window).
        let sent = try DebugFixtures.signed(DebugFixtures.getRequest).replacingOccurrences(of: "TeamXInstances", with: "TeamYInstances")
        let (status, terminal) = try explain(sent)
        #expect(status == .failure)
        #expect(terminal.output.contains("no known variant matches"))
        for id in MismatchCatalogue.variants.map(\.id) where id.hasPrefix("host") || id == "crlf-joins" || id == "header-order" {
            #expect(terminal.output.contains("  \(id) ("))
        }
        #expect(!terminal.output.contains("remaining suspects"))
    }

    @Test func aDateEditedBySecondsIsFound() throws {
        let sent = try DebugFixtures.signed(DebugFixtures.getRequest).replacingOccurrences(of: "21:31:40", with: "21:31:41")
        let (_, terminal) = try explain(sent)
        #expect(terminal.output.contains("match: date-window"))
        #expect(terminal.output.contains("date 'Thu, 05 Jan 2014 21:31:40 GMT' signed, 1 s before the 'Thu, 05 Jan 2014 21:31:41 GMT' sent"))
    }

    @Test func privateKeyFileWorksInsteadOfPublicKey() throws {
        let sent = try DebugFixtures.signed(Self.get("/20160918/instances")).replacingOccurrences(of: "Host: \(Self.host)", with: "Host: \(Self.host):8443")
        let file = DebugFixtures.file(Array(sent.utf8))
        let command = try ExplainCommand.parse(["--key-file", DebugFixtures.privateKeyFile, "--now", Self.date, file])
        let terminal = Terminal.capturing()
        #expect(command.execute(terminal: terminal) == .failure)
        #expect(terminal.output.contains("match: host-without-port"))
        #expect(!terminal.output.contains("MIICXgIBAAKBgQDCFENGw33yGihy92pDjZQhl0C36rPJj"))
    }
}

/// What `explain` does when there is nothing to vary.
@Suite struct ExplainLimitsTests {
    func explain(_ sent: String) throws -> (OCISignCLI.ExitStatus, Terminal) {
        let file = DebugFixtures.file(Array(sent.utf8))
        let command = try ExplainCommand.parse(["--allow-weak-key", "--public-key", DebugFixtures.publicKeyFile, "--now", DebugFixtures.vectorDate, file])
        let terminal = Terminal.capturing()
        return (command.execute(terminal: terminal), terminal)
    }

    @Test func unsignedRequestCannotBeExplained() throws {
        let (status, terminal) = try explain(DebugFixtures.getRequest)
        #expect(status == .failure)
        #expect(terminal.output.contains("verification: missingAuthorization"))
        #expect(terminal.output.contains("cannot explain"))
    }

    @Test func signedHeaderMissingFromTheRequestIsReported() throws {
        let signed = try DebugFixtures.signed(DebugFixtures.postRequest)
        let stripped = signed.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.lowercased().hasPrefix("content-type:") }.joined(separator: "\n")
        let (status, terminal) = try explain(stripped)
        #expect(status == .failure)
        #expect(terminal.output.contains("verification: missingHeader: 'content-type' is listed"))
    }

    @Test func unsignedRequiredHeaderWithAGoodSignatureSaysSo() throws {
        // Signed as an exclude-body operation, verified as an ordinary POST.
        let signed = try DebugFixtures.signed(DebugFixtures.postRequest, excludeBody: true)
        let (status, terminal) = try explain(signed)
        #expect(status == .failure)
        #expect(terminal.output.contains("signature: verifies against the request as received"))
        #expect(terminal.output.contains("explanation: 'content-length' is required for this method but not listed"))
    }
}

/// The near-miss signatures published with Oracle's test values (computed with OpenSSL outside
/// this project, Vectors/oracle-docs `negative_vectors`): each is the docs GET signed with one
/// classic mistake, and explain must name that mistake.
@Suite struct ExplainPublishedNearMissTests {
    static let expected = [
        "neg_trailing_newline": "trailing-newline",
        "neg_real_weekday": "date-regenerated",
        "neg_uppercase_method": "method-uppercase",
        "neg_crlf": "crlf-joins",
    ]

    @Test("names the mistake behind a published near-miss signature", arguments: expected.keys.sorted())
    func namesNearMiss(id: String) throws {
        let negative = (DebugFixtures.json["negative_vectors"] as! [[String: Any]]).first { $0["id"] as? String == id }!
        let auth = AuthorizationHeader.value(signedHeaders: ["date", "(request-target)", "host"], keyID: DebugFixtures.keyID,
                                             signatureBase64: negative["signature"] as! String)
        let sent = DebugFixtures.getRequest.replacingOccurrences(of: "\n\n", with: "\nAuthorization: \(auth)\n\n")
        let file = DebugFixtures.file(Array(sent.utf8))
        let command = try ExplainCommand.parse(["--allow-weak-key", "--public-key", DebugFixtures.publicKeyFile, "--now", DebugFixtures.vectorDate, "--format", "json", file])
        let terminal = Terminal.capturing()
        #expect(command.execute(terminal: terminal) == .failure)
        let json = try JSONSerialization.jsonObject(with: Data(terminal.output.utf8)) as! [String: Any]
        #expect(json["match"] as? [String] == [Self.expected[id]!], "\(terminal.output)")
        #expect(json["signedSigningString"] as? String == negative["signing_string"] as? String)
    }
}
