import Foundation
import HTTPTypes
import OCIRawRequest
import OCISigning
import Testing

/// Requests HTTP stacks or OCI read differently from what would be signed: the signer refuses
/// them with a typed error and a hint, and the verifier refuses them too (so the loopback
/// server, which answers with the verifier's reason, does as well).
@Suite struct UnsendableInputTests {
    let docs = DocVectors.shared
    let now = HTTPDate(secondsSince1970: 1_388_957_500)
    let goodDate = "Thu, 05 Jan 2014 21:31:40 GMT"

    func signer(keyID: String? = nil) throws -> OCIRequestSigner {
        try OCIRequestSigner(keyID: keyID ?? docs.keyID, privateKey: OCIPrivateKey(pem: docs.privateKeyPEM), allowWeakKey: true)
    }
    func verifier() throws -> OCIRequestVerifier { OCIRequestVerifier(publicKey: try OCIPublicKey(pem: Array(docs.publicKeyPEM.utf8))) }

    func request(path: String, fields: HTTPFields = [:]) -> HTTPRequest {
        HTTPRequest(method: .get, scheme: "https", authority: "iaas.example.com", path: path, headerFields: fields)
    }

    func signingError(_ request: HTTPRequest) throws -> OCISigningError? {
        let signer = try signer()
        do throws(OCISigningError) { _ = try signer.sign(request, options: SigningOptions(date: now)); return nil } catch { return error }
    }

    // Every character RFC 3986 does not allow anywhere in a URI, in the path and in the query.
    static let refusedCharacters: [String] = ["\"", "<", ">", "{", "}", "|", "\\", "^", "`"]
    static let badEscapes = ["%", "%4", "%zz", "%G0", "%0g", "%%41", "%2"]

    @Test(arguments: refusedCharacters) func charactersOutsideRFC3986AreRefused(_ character: String) throws {
        for path in ["/n/\(character)/o", "/n?q=a\(character)b", "/\(character)"] {
            let error = try #require(try signingError(request(path: path)), "signed \(path)")
            #expect(error.code == .invalidTarget)
            #expect(error.reason.contains("percent-encode"), "\(error.reason)")
            #expect(error.reason.contains("offset"))
        }
    }

    @Test(arguments: badEscapes) func percentWithoutTwoHexDigitsIsRefused(_ escape: String) throws {
        let error = try #require(try signingError(request(path: "/n/a\(escape)")), "signed \(escape)")
        #expect(error.code == .invalidTarget)
        #expect(error.reason.contains("two hex digits"), "\(error.reason)")
    }

    @Test func wellFormedTargetsStillSign() throws {
        for path in ["/n/%41%2f%2F/o?a=%20&b=c", "/n/a:b@c!$&'()*+,;=-._~/o?x=/?", "/%00ff", "/[v]"] {
            #expect(try signingError(request(path: path)) == nil, "refused \(path)")
        }
    }

    static let badDates: [(String, String)] = [
        ("date", "yesterday"), ("date", ""), ("x-date", "garbage"), ("date", "Thu, 05 Jan 2014 21:31:40"),
        ("x-date", "1388957500"), ("date", "Thursday, 05-Jan-14 21:31:40 GMT"), ("x-date", " "),
        ("date", "Thu, 05 Jan 2014 21:31:40 GMT x"), ("date", String(repeating: "Thu, ", count: 10_000)),
    ]

    @Test func datesThatAreNotHTTPDatesAreRefused() throws {
        for (name, value) in Self.badDates {
            var fields = HTTPFields()
            fields[HTTPField.Name(name)!] = value
            let error = try #require(try signingError(request(path: "/", fields: fields)), "signed \(name): \(value)")
            #expect(error.code == .invalidDate, "\(name): \(value) → \(error)")
            #expect(error.header == name)
            #expect(error.reason.contains("drop the header"))
            #expect(error.description.utf8.count < 1024)
        }
    }

    @Test func aBadUnsignedDateBesideAGoodXDateIsRefused() throws {
        var fields = HTTPFields()
        fields[.xDate] = goodDate
        fields[.date] = "yesterday"
        let error = try #require(try signingError(request(path: "/", fields: fields)))
        #expect(error.code == .invalidDate)
        #expect(error.header == "date")
    }

    static let badKeyIDs: [String] = [
        "tenancy/user/a\\b", "a\"b", "a b", "a\u{01}b", "a\u{7F}b", "a\u{E9}b", "",
        String(repeating: "k", count: OCIHeaderLimits.maxKeyIDLength + 1),
    ]

    @Test func keyIDsTheAuthorizationParserCannotReadAreRefused() throws {
        for keyID in Self.badKeyIDs {
            #expect(throws: OCISigningError.self, "accepted \(keyID.prefix(20))") { try signer(keyID: keyID) }
            do { _ = try signer(keyID: keyID) } catch let error as OCISigningError {
                #expect(error.code == .invalidHeaderValue)
                #expect(error.description.utf8.count < 1024)
                if keyID.count > 100 { #expect(!error.description.contains("kkkkkkkkkk")) }
            }
        }
        // The longest key id accepted is read back by the parser.
        let longest = String(repeating: "k", count: OCIHeaderLimits.maxKeyIDLength)
        let signed = try signer(keyID: longest).sign(request(path: "/"), options: SigningOptions(date: now))
        #expect(try SignatureAuthorization(parsing: signed.authorization).keyID == longest)
    }

    @Test func theParserRefusesKeyIDsOverTheLimit() throws {
        let keyID = String(repeating: "k", count: OCIHeaderLimits.maxKeyIDLength + 1)
        let value = "Signature version=\"1\",headers=\"date\",keyId=\"\(keyID)\",algorithm=\"rsa-sha256\",signature=\"AAAA\""
        #expect(throws: SignatureAuthorization.ParseError.keyIDTooLong(length: keyID.utf8.count)) { try SignatureAuthorization(parsing: value) }
    }

    // The verifier: take a correctly signed request and give it what the signer refuses.

    func signedRequest(_ fields: HTTPFields = [:]) throws -> HTTPRequest {
        try signer().sign(request(path: "/n/o", fields: fields), options: SigningOptions(date: now)).request
    }

    @Test func theVerifierRefusesTargetsTheSignerRefuses() throws {
        for bad in Self.refusedCharacters.map({ "/n/\($0)" }) + Self.badEscapes.map({ "/n/\($0)" }) + ["/n o", "/n#f"] {
            var received = try signedRequest()
            received.path = bad
            let failure = try #require(try verifier().verify(received, options: VerificationOptions(now: now, allowWeakKey: true)).failure, "accepted \(bad)")
            #expect(failure.code == .invalidTarget, "\(bad): \(failure)")
        }
    }

    @Test func theVerifierRefusesADateThatIsNotAnHTTPDateSignedOrNot() throws {
        var xDated = HTTPFields()
        xDated[.xDate] = goodDate
        var received = try signedRequest(xDated)
        received.headerFields[.date] = "yesterday"
        let failure = try #require(try verifier().verify(received, options: VerificationOptions(now: now, allowWeakKey: true)).failure)
        #expect(failure.code == .invalidDate)
        #expect(failure.description.contains("date header"))
        // Control: without the bad date the same request verifies.
        #expect(try verifier().verify(try signedRequest(xDated), options: VerificationOptions(now: now, allowWeakKey: true)).failure == nil)
    }

    @Test func rawRequestFilesGetTheSameRefusalsWithTheirLine() throws {
        let cases: [(String, OCISigningError.Code, Int)] = [
            ("GET /a|b HTTP/1.1\nHost: a.example\n\n", .invalidTarget, 1),
            ("GET /a%zz HTTP/1.1\nHost: a.example\n\n", .invalidTarget, 1),
            ("GET / HTTP/1.1\nHost: a.example\nDate: yesterday\n\n", .invalidDate, 3),
            ("GET / HTTP/1.1\nHost: a.example\nX-Date:\n\n", .invalidDate, 3),
        ]
        for (text, code, line) in cases {
            let raw = try RawHTTPRequest(parsing: Array(text.utf8))
            let signer = try signer()
            do throws(OCISigningError) {
                _ = try signer.sign(raw.httpRequest(), options: SigningOptions(date: now))
                Issue.record("signed \(text)")
            } catch {
                #expect(error.code == code, "\(text): \(error)")
                if code == .invalidDate { #expect(raw.headers.first { $0.name.lowercased() == error.header }?.line == line) }
            }
        }
    }

    @Test func aTabInTheHeaderListIsNamedAsSuch() throws {
        let value = "Signature version=\"1\",headers=\"date\t(request-target) host\",keyId=\"k\",algorithm=\"rsa-sha256\",signature=\"AAAA\""
        do {
            _ = try SignatureAuthorization(parsing: value)
            Issue.record("parsed a tab-separated header list")
        } catch {
            #expect(error == .controlByteInValue(parameter: "headers", byte: 0x09))
            #expect(error.description.contains("tab"))
            #expect(error.description.contains("single spaces"))
        }
        // In the verifier (and so verify, explain and the loopback server) it is the reason given.
        var received = try signedRequest()
        received.headerFields[.authorization] = value
        let failure = try #require(try verifier().verify(received, options: VerificationOptions(now: now, allowWeakKey: true)).failure)
        #expect(failure.code == .malformedAuthorization)
        #expect(failure.description.contains("tab"), "\(failure)")
    }
}
