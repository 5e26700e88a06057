import HTTPTypes
import OCISigning
import Testing

/// Every refusal of the engine: the right code, a message that names the problem, no signature.
@Suite struct SigningErrorTests {
    let docs = DocVectors.shared

    func signer() throws -> OCIRequestSigner {
        try OCIRequestSigner(keyID: "k", privateKey: OCIPrivateKey(pem: docs.privateKeyPEM), allowWeakKey: true)
    }

    func expectCode(_ code: OCISigningError.Code, mentioning text: String, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected \(code), got a signature")
        } catch let error as OCISigningError {
            #expect(error.code == code)
            #expect(error.description.contains(text), "\(error.description)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    func request(_ method: HTTPRequest.Method = .get, authority: String? = "h", path: String? = "/", headers: [(String, String)] = [("date", "Thu, 05 Jan 2014 21:31:40 GMT")]) -> HTTPRequest {
        var fields = HTTPFields()
        for (name, value) in headers { fields.append(HTTPField(name: HTTPField.Name(name)!, value: value)) }
        return HTTPRequest(method: method, scheme: "https", authority: authority, path: path, headerFields: fields)
    }

    @Test func unsupportedMethod() throws {
        let s = try signer()
        expectCode(.unsupportedMethod, mentioning: "OPTIONS") { _ = try s.sign(request(.options)) }
        expectCode(.unsupportedMethod, mentioning: "TRACE") { _ = try s.sign(request(.trace)) }
    }

    // DEL and CR/LF never reach the engine through HTTPRequest (swift-http-types strips DEL and turns
    // CR/LF into spaces); the raw request parser refuses them before that (RawRequestParserTests).
    @Test(arguments: ["", "relative", "/a b", "/caf\u{E9}", "/a#frag", "/a\r\nb"])
    func invalidTarget(path: String) throws {
        let s = try signer()
        expectCode(.invalidTarget, mentioning: "request-target") { _ = try s.sign(request(path: path)) }
    }

    @Test func missingHost() throws {
        let s = try signer()
        expectCode(.missingHost, mentioning: "host") { _ = try s.sign(request(authority: nil)) }
        expectCode(.missingHost, mentioning: "host") { _ = try s.sign(request(authority: "")) }
    }

    @Test func duplicateSignedHeaders() throws {
        let s = try signer()
        expectCode(.duplicateSignedHeader, mentioning: "'date'") {
            _ = try s.sign(request(headers: [("date", "Thu, 05 Jan 2014 21:31:40 GMT"), ("Date", "Thu, 05 Jan 2014 21:31:41 GMT")]))
        }
        expectCode(.duplicateSignedHeader, mentioning: "content-type") {
            _ = try s.sign(request(.post, headers: [("date", "Thu, 05 Jan 2014 21:31:40 GMT"), ("content-type", "a"), ("content-type", "b")]))
        }
        expectCode(.duplicateSignedHeader, mentioning: "differ") {
            _ = try s.sign(request(authority: "a.example", headers: [("date", "Thu, 05 Jan 2014 21:31:40 GMT"), ("host", "b.example")]))
        }
    }

    @Test func nonASCIISignedValue() throws {
        let s = try signer()
        expectCode(.nonASCIISignedValue, mentioning: "content-type") {
            _ = try s.sign(request(.post, headers: [("date", "Thu, 05 Jan 2014 21:31:40 GMT"), ("content-type", "text/plain; charset=ü")]))
        }
        expectCode(.nonASCIISignedValue, mentioning: "host") { _ = try s.sign(request(authority: "bücher.example")) }
    }

    @Test func callerSuppliedBodyHeadersMustMatchTheBody() throws {
        let s = try signer()
        expectCode(.bodyHashMismatch, mentioning: "x-content-sha256") {
            _ = try s.sign(request(.put, headers: [("date", "Thu, 05 Jan 2014 21:31:40 GMT"), ("x-content-sha256", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")]), body: .bytes([1]))
        }
        expectCode(.contentLengthMismatch, mentioning: "2 bytes") {
            _ = try s.sign(request(.patch, headers: [("date", "Thu, 05 Jan 2014 21:31:40 GMT"), ("content-length", "3")]), body: .bytes([1, 2]))
        }
        expectCode(.contentLengthMismatch, mentioning: "content-length") {
            _ = try s.sign(request(.put, headers: [("date", "Thu, 05 Jan 2014 21:31:40 GMT"), ("content-length", "3")]), body: .bytes([1, 2]), options: SigningOptions(excludeBody: true))
        }
    }

    @Test func keySizePolicy() throws {
        let weak = try OCIPrivateKey(pem: docs.privateKeyPEM)
        expectCode(.weakKey, mentioning: "1024 bits") { _ = try OCIRequestSigner(keyID: "k", privateKey: weak) }
        #expect(throws: Never.self) { _ = try OCIRequestSigner(keyID: "k", privateKey: weak, allowWeakKey: true) }
    }

    @Test func keyIDMustBeQuotable() throws {
        let key = try OCIPrivateKey(pem: docs.privateKeyPEM)
        expectCode(.invalidHeaderValue, mentioning: "key id") { _ = try OCIRequestSigner(keyID: "a\"b", privateKey: key, allowWeakKey: true) }
        expectCode(.invalidHeaderValue, mentioning: "key id") { _ = try OCIRequestSigner(keyID: "", privateKey: key, allowWeakKey: true) }
    }

    @Test func keyErrorsAreClassifiedWithoutLeakingTheKey() throws {
        let encrypted = docs.encodings["private_key_pem_pkcs8_encrypted_aes256cbc_pbkdf2"] as! String
        let legacy = docs.encodings["private_key_pem_pkcs1_legacy_encrypted_aes128cbc"] as! String
        for pem in [encrypted, legacy] {
            expectCode(.missingPassphrase, mentioning: "pass phrase") { _ = try OCIPrivateKey(pem: pem) }
            expectCode(.wrongPassphrase, mentioning: "pass phrase") { _ = try OCIPrivateKey(pem: pem, passphrase: "not-the-secret") }
        }
        expectCode(.notAPrivateKey, mentioning: "public key") { _ = try OCIPrivateKey(pem: docs.publicKeyPEM) }
        expectCode(.invalidKey, mentioning: "no PEM block") { _ = try OCIPrivateKey(pem: "hello") }
        let corrupt = docs.privateKeyPEM.replacingOccurrences(of: "MIICXgIBAAKBgQDCFENGw33yGihy92pDjZQhl0C36rPJj+CvfSC8+q28hxA161QF", with: "AAAA")
        expectCode(.invalidKey, mentioning: "RSA PRIVATE KEY") { _ = try OCIPrivateKey(pem: corrupt) }
        // A passphrase given for an unencrypted key is ignored (a DEFAULT profile's pass_phrase leaks into others).
        #expect(throws: Never.self) { _ = try OCIPrivateKey(pem: docs.privateKeyPEM, passphrase: "unused") }
        #expect(!String(describing: try OCIPrivateKey(pem: docs.privateKeyPEM)).contains("MII"))
    }

    @Test func missingFileNamesThePath() {
        expectCode(.fileUnreadable, mentioning: "/nonexistent/key.pem") { _ = try OCIPrivateKey(pemFile: "/nonexistent/key.pem") }
    }
}

extension SigningErrorTests {
    /// About 1 wrong pass phrase in 256 decrypts to garbage with valid CBC padding; libcrypto
    /// then fails in its DER decoder ("unsupported"). That is still a wrong pass phrase, not an
    /// unsupported cipher (a flake seen once in KeyFormsTests).
    @Test func wrongPassphrasesThatPassThePaddingCheckAreStillWrongPassphrases() {
        let legacy = docs.encodings["private_key_pem_pkcs1_legacy_encrypted_aes128cbc"] as! String
        var codes: [OCISigningError.Code: Int] = [:]
        for index in 0..<1024 {
            do {
                _ = try OCIPrivateKey(pem: legacy, passphrase: "wrong-\(index)")
                Issue.record("wrong-\(index) loaded the key")
            } catch {
                codes[error.code, default: 0] += 1
            }
        }
        #expect(codes == [.wrongPassphrase: 1024], "\(codes)")
    }
}
