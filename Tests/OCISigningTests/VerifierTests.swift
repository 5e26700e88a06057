import Foundation
import HTTPTypes
import OCISigning
import Testing

/// The verifier against Oracle's published values (and the Python-SDK-reproduced derived
/// vectors): every valid vector is accepted, every tampered copy refused for the right reason.
@Suite struct VerifierTests {
    let docs = DocVectors.shared
    /// The vectors' date, "Thu, 05 Jan 2014 21:31:40 GMT", as the verifier's clock.
    let vectorTime = HTTPDate(secondsSince1970: 1_388_957_500)

    func publicKey() throws -> OCIPublicKey { try OCIPublicKey(pem: Array(docs.publicKeyPEM.utf8)) }

    /// The received request: URL split into authority and raw path, every published header
    /// (including the body headers) plus the published Authorization.
    func received(_ vector: [String: Any], authorization: String) -> (HTTPRequest, RequestBody) {
        let url = vector["url"] as! String
        let withoutScheme = url.dropFirst("https://".count)
        let slash = withoutScheme.firstIndex(of: "/")!
        var fields = HTTPFields()
        for (name, value) in (vector["request_headers"] as! [String: String]).sorted(by: { $0.key < $1.key }) where name != "host" {
            fields.append(HTTPField(name: HTTPField.Name(name)!, value: value))
        }
        fields.append(HTTPField(name: .authorization, value: authorization))
        let request = HTTPRequest(
            method: HTTPRequest.Method(vector["method"] as! String)!, scheme: "https",
            authority: String(withoutScheme[..<slash]), path: String(withoutScheme[slash...]), headerFields: fields)
        let body: RequestBody = (vector["body_utf8"] as? String).map { .bytes(Array($0.utf8)) } ?? .empty
        return (request, body)
    }

    /// Every published (vector, Authorization) pair, official ones in all four SDK orders.
    static let validCases: [String] = {
        let docs = DocVectors.shared
        var ids: [String] = []
        for vector in docs.json["official_vectors"] as! [[String: Any]] {
            for key in (vector["authorization"] as! [String: String]).keys.sorted() { ids.append("\(vector["id"]!)|\(key)") }
        }
        for vector in docs.json["derived_vectors"] as! [[String: Any]] {
            for key in vector.keys.sorted() where key.hasPrefix("authorization") { ids.append("\(vector["id"]!)|\(key)") }
        }
        ids.append("doc-get|session_token")
        return ids
    }()

    func vectorAndAuthorization(_ id: String) -> ([String: Any], String) {
        let parts = id.split(separator: "|").map(String.init)
        if parts[1] == "session_token" {
            return (docs.official("doc-get"), (docs.json["session_token_example"] as! [String: String])["authorization_go_order_for_doc_get"]!)
        }
        if parts[0].hasPrefix("doc-") {
            let vector = docs.official(parts[0])
            return (vector, (vector["authorization"] as! [String: String])[parts[1]]!)
        }
        let vector = docs.derived(parts[0])
        return (vector, vector[parts[1]] as! String)
    }

    @Test("accepts every published vector", arguments: validCases)
    func acceptsPublishedVector(id: String) throws {
        let (vector, authorization) = vectorAndAuthorization(id)
        let (request, body) = received(vector, authorization: authorization)
        let excludeBody = (vector["id"] as! String) == "put_object_exclude_body"
        let result = OCIRequestVerifier(publicKey: try publicKey())
            .verify(request, body: body, options: VerificationOptions(excludeBody: excludeBody, now: vectorTime, allowWeakKey: true))
        guard case .valid(let details) = result else {
            Issue.record("\(id): \(result.failure!) — rebuilt:\n\(result.failure!.signingString ?? "-")")
            return
        }
        #expect(details.signingString == vector["signing_string"] as! String)
    }

    func verifyTampered(_ id: String = "doc-post", options: VerificationOptions? = nil, resolver: OCIRequestVerifier.KeyResolver? = nil,
                        _ tamper: (inout HTTPRequest, inout RequestBody) -> Void) throws -> VerificationFailure? {
        let vector = id.hasPrefix("doc-") ? docs.official(id) : docs.derived(id)
        let authorization = (vector["authorization"] as? [String: String])?.values.first ?? vector["authorization_go_order"] as! String
        var (request, body) = received(vector, authorization: authorization)
        tamper(&request, &body)
        let key = try publicKey()
        let verifier = resolver.map { OCIRequestVerifier(keyResolver: $0) } ?? OCIRequestVerifier(publicKey: key)
        return verifier.verify(request, body: body, options: options ?? VerificationOptions(now: vectorTime, allowWeakKey: true)).failure
    }

    @Test func tamperedBodyIsABodyHashMismatch() throws {
        let failure = try verifyTampered { _, body in
            var bytes = Array(DocVectors.shared.official("doc-post")["body_utf8"] as! String).map { UInt8($0.asciiValue!) }
            bytes[10] ^= 0x01  // same length, one bit flipped
            body = .bytes(bytes)
        }
        guard case .bodyHashMismatch(let declared, _)? = failure?.reason else { Issue.record("got \(String(describing: failure))"); return }
        #expect(declared == docs.official("doc-post")["x_content_sha256"] as! String)
    }

    @Test func bodyWithTrailingNewlineAndMatchingHashIsAContentLengthMismatch() throws {
        let failure = try verifyTampered { request, body in
            let bytes = Array((DocVectors.shared.official("doc-post")["body_utf8"] as! String + "\n").utf8)
            request.headerFields[HTTPField.Name("x-content-sha256")!] = ContentDigest(bytes: bytes).base64
            body = .bytes(bytes)
        }
        #expect(failure?.reason == .contentLengthMismatch(declared: "316", actual: 317))
    }

    @Test func changedSignedHeaderIsABadSignature() throws {
        let failure = try verifyTampered { request, _ in request.headerFields[.contentType] = "text/plain" }
        #expect(failure?.reason == .badSignature)
        #expect(failure?.signingString?.contains("content-type: text/plain") == true)
    }

    @Test func changedTargetIsABadSignature() throws {
        let failure = try verifyTampered("doc-get") { request, _ in request.path = request.path!.replacingOccurrences(of: "%20", with: "+") }
        #expect(failure?.reason == .badSignature)
    }

    @Test func changedDateIsABadSignature() throws {
        let failure = try verifyTampered { request, _ in request.headerFields[.date] = "Thu, 05 Jan 2014 21:31:41 GMT" }
        #expect(failure?.reason == .badSignature)
    }

    @Test func staleDateIsOutsideTheWindow() throws {
        // One second beyond the 300 s window; the signature itself is fine.
        let late = HTTPDate(secondsSince1970: 1_388_957_500 + 301)
        let failure = try verifyTampered(options: VerificationOptions(now: late, allowWeakKey: true)) { _, _ in }
        #expect(failure?.reason == .dateOutsideWindow(skew: -301, maxSkew: 300))
        let inside = try verifyTampered(options: VerificationOptions(now: HTTPDate(secondsSince1970: 1_388_957_500 + 300), allowWeakKey: true)) { _, _ in }
        #expect(inside == nil)
    }

    @Test func unknownKeyIdIsRefused() throws {
        let failure = try verifyTampered(resolver: { _ in nil }) { _, _ in }
        guard case .unknownKey(let keyID)? = failure?.reason else { Issue.record("got \(String(describing: failure))"); return }
        #expect(keyID == docs.keyID)
    }

    @Test func tamperedKeyIdIsAnUnknownKey() throws {
        // A resolver that knows only the published keyId: a keyId edited in transit resolves to nothing.
        let key = try publicKey()
        let known = docs.keyID
        let failure = try verifyTampered(resolver: { id in id == known ? key : nil }) { request, _ in
            let auth = request.headerFields[.authorization]!
            request.headerFields[.authorization] = auth.replacingOccurrences(of: "73:61:a2", with: "20:3b:97")
        }
        guard case .unknownKey(let keyID)? = failure?.reason else { Issue.record("got \(String(describing: failure))"); return }
        #expect(keyID.hasSuffix("20:3b:97:21:67:e0:df:be:7e:4b:93:1e:15:98:a5:b7"))
    }

    @Test func changedSignatureIsABadSignature() throws {
        let failure = try verifyTampered { request, _ in
            let auth = request.headerFields[.authorization]!
            // Swap the first two base64 characters of the signature.
            let marker = "signature=\""
            let range = auth.range(of: marker)!
            var chars = Array(auth)
            let at = auth.distance(from: auth.startIndex, to: range.upperBound)
            chars.swapAt(at, at + 1)
            request.headerFields[.authorization] = String(chars)
        }
        #expect(failure?.reason == .badSignature)
    }

    @Test func unsignedRequiredBodyHeaderIsMissingSignedHeader() throws {
        // put_object_exclude_body signs only the generic set: without excludeBody the verifier
        // requires content-length.
        let failure = try verifyTampered("put_object_exclude_body") { _, _ in }
        #expect(failure?.reason == .missingSignedHeader("content-length"))
    }

    @Test func signedHeaderAbsentFromRequestIsMissingHeader() throws {
        let failure = try verifyTampered { request, _ in request.headerFields[.contentType] = nil }
        #expect(failure?.reason == .missingHeader("content-type"))
    }

    @Test func missingAndDuplicateAuthorization() throws {
        #expect(try verifyTampered { request, _ in request.headerFields[.authorization] = nil }?.reason == .missingAuthorization)
        #expect(try verifyTampered { request, _ in
            request.headerFields.append(HTTPField(name: .authorization, value: request.headerFields[.authorization]!))
        }?.reason == .duplicateAuthorization)
    }

    @Test func malformedAuthorizationIsReported() throws {
        let failure = try verifyTampered { request, _ in request.headerFields[.authorization] = "Bearer abc" }
        #expect(failure?.reason == .malformedAuthorization(.wrongScheme(found: "Bearer")))
    }
}

/// Verifier rules that Oracle's vectors do not exercise, on requests our signer produced
/// (the signer is checked against Oracle's values in DocTestValuesTests).
@Suite struct VerifierRuleTests {
    let docs = DocVectors.shared
    let vectorTime = HTTPDate(secondsSince1970: 1_388_957_500)

    func signer() throws -> OCIRequestSigner {
        try OCIRequestSigner(keyID: docs.keyID, privateKey: OCIPrivateKey(pem: docs.privateKeyPEM), allowWeakKey: true)
    }
    func verifier() throws -> OCIRequestVerifier { OCIRequestVerifier(publicKey: try OCIPublicKey(pem: Array(docs.publicKeyPEM.utf8))) }

    @Test func xDateIsTheDateCheckedWhenItIsSigned() throws {
        var fields = HTTPFields()
        fields[HTTPField.Name("x-date")!] = "Thu, 05 Jan 2014 21:31:40 GMT"
        fields[.date] = "Thu, 05 Jan 2034 21:31:40 GMT"  // unsigned, far away
        let request = HTTPRequest(method: .get, scheme: "https", authority: "h", path: "/", headerFields: fields)
        let signed = try signer().sign(request)
        #expect(signed.signedHeaders.first == "x-date")
        #expect(try verifier().verify(signed.request, options: VerificationOptions(now: vectorTime, allowWeakKey: true)).isValid)
        let later = try HTTPDate(imfFixdate: "Thu, 05 Jan 2034 21:31:40 GMT")
        guard case .dateOutsideWindow(let skew, _)? = try verifier().verify(signed.request, options: VerificationOptions(now: later, allowWeakKey: true)).failure?.reason else {
            Issue.record("x-date was not the date checked"); return
        }
        #expect(skew < 0)
    }

    @Test func signatureWithoutDateIsMissingSignedHeader() throws {
        let key = try OCIPrivateKey(pem: docs.privateKeyPEM)
        let string = "(request-target): get /\nhost: h"
        let auth = AuthorizationHeader.value(signedHeaders: ["(request-target)", "host"], keyID: "k", signatureBase64: Base64.encode(try key.sign(Array(string.utf8))))
        var fields = HTTPFields()
        fields[.authorization] = auth
        fields[.date] = "Thu, 05 Jan 2014 21:31:40 GMT"
        let request = HTTPRequest(method: .get, scheme: "https", authority: "h", path: "/", headerFields: fields)
        #expect(try verifier().verify(request, options: VerificationOptions(now: vectorTime, allowWeakKey: true)).failure?.reason == .missingSignedHeader("date"))
    }

    @Test func signedHeaderGivenTwiceIsRefused() throws {
        var fields = HTTPFields()
        fields[.date] = "Thu, 05 Jan 2014 21:31:40 GMT"
        let signed = try signer().sign(HTTPRequest(method: .get, scheme: "https", authority: "h", path: "/", headerFields: fields))
        var request = signed.request
        request.headerFields.append(HTTPField(name: .date, value: "Thu, 05 Jan 2014 21:31:40 GMT"))
        #expect(try verifier().verify(request, options: VerificationOptions(now: vectorTime, allowWeakKey: true)).failure?.reason == .duplicateHeader("date"))
    }

    @Test func bodyAsDigestOrFileIsCheckedLikeBytes() throws {
        let body = Array("{\"a\":1}".utf8)
        let signed = try signer().sign(HTTPRequest(method: .put, scheme: "https", authority: "h", path: "/x",
                                                   headerFields: [.date: "Thu, 05 Jan 2014 21:31:40 GMT"]), body: .bytes(body))
        let options = VerificationOptions(now: vectorTime, allowWeakKey: true)
        #expect(try verifier().verify(signed.request, body: .digest(ContentDigest(bytes: body)), options: options).isValid)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("verifier-body-\(getpid())").path
        try Data(body).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try verifier().verify(signed.request, body: .file(path: path), options: options).isValid)
        #expect(try verifier().verify(signed.request, body: .empty, options: options).failure?.code == "bodyHashMismatch")
        guard case .unreadableBody? = try verifier().verify(signed.request, body: .file(path: path + ".missing"), options: options).failure?.reason else {
            Issue.record("a missing body file must be reported as unreadable"); return
        }
    }

    @Test func unsupportedMethodIsRefused() throws {
        var fields = HTTPFields()
        fields[.authorization] = #"Signature headers="date (request-target) host",keyId="k",algorithm="rsa-sha256",signature="AAAA""#
        let request = HTTPRequest(method: .options, scheme: "https", authority: "h", path: "/", headerFields: fields)
        #expect(try verifier().verify(request, options: VerificationOptions(allowWeakKey: true)).failure?.reason == .unsupportedMethod("OPTIONS"))
    }

    @Test func failureDescriptionsRedactSessionTokens() throws {
        let failure = VerificationFailure(.unknownKey(keyID: "ST$secret-token-body"))
        #expect(!failure.description.contains("secret-token-body"))
        #expect(failure.description.contains("ST$…"))
    }
}
