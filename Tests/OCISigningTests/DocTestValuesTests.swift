import Foundation
import HTTPTypes
import OCISigning
import Testing

/// Oracle's published GET and POST test values, reproduced byte for byte.
@Suite struct DocTestValuesTests {
    let docs = DocVectors.shared

    func signer() throws -> OCIRequestSigner {
        let key = try OCIPrivateKey(pem: docs.privateKeyPEM)
        return try OCIRequestSigner(keyID: docs.keyID, privateKey: key, allowWeakKey: true)
    }

    /// Builds the request the way a Swift user would: URL split into authority and raw path.
    func request(_ vector: [String: Any]) -> (HTTPRequest, RequestBody) {
        let url = vector["url"] as! String
        let withoutScheme = url.dropFirst("https://".count)
        let slash = withoutScheme.firstIndex(of: "/")!
        var fields = HTTPFields()
        for (name, value) in (vector["request_headers"] as! [String: String]).sorted(by: { $0.key < $1.key }) where name != "host" {
            fields.append(HTTPField(name: HTTPField.Name(name)!, value: value))
        }
        let request = HTTPRequest(
            method: HTTPRequest.Method(vector["method"] as! String)!, scheme: "https",
            authority: String(withoutScheme[..<slash]), path: String(withoutScheme[slash...]), headerFields: fields)
        let body: RequestBody = (vector["body_utf8"] as? String).map { .bytes(Array($0.utf8)) } ?? .empty
        return (request, body)
    }

    @Test("official vector", arguments: ["doc-get", "doc-post"])
    func officialVector(id: String) throws {
        let vector = docs.official(id)
        let (request, body) = request(vector)
        let signed = try signer().sign(request, body: body)
        #expect(signed.signingString == vector["signing_string"] as! String)
        #expect(signed.signedHeaders == vector["signed_headers"] as! [String])
        #expect(signed.signatureBase64 == vector["signature"] as! String)
        let authorizations = vector["authorization"] as! [String: String]
        #expect(signed.authorization == authorizations["docs_test_values_order (version,headers,keyId,algorithm,signature)"])
        #expect(signed.request.headerFields[.authorization] == signed.authorization)
    }

    @Test func postBodyHeadersAreDerivedFromTheBody() throws {
        let vector = docs.official("doc-post")
        let (request, body) = request(vector)
        let signed = try signer().sign(request, body: body)
        #expect(signed.bodyDigest?.base64 == vector["x_content_sha256"] as? String)
        #expect(signed.bodyDigest?.length == vector["body_length_bytes"] as? Int)
        #expect(signed.request.headerFields[HTTPField.Name("x-content-sha256")!] == vector["x_content_sha256"] as? String)
        #expect(signed.request.headerFields[.contentLength] == "316")
    }

    /// Derived vectors that Oracle's Python SDK 2.189.0 reproduced (research notes §7.4).
    @Test("Python-SDK-reproduced vector", arguments: ["post_empty", "get_query_form_encoded", "get_host_with_port", "delete_instance", "get_xdate", "get_with_obo_token"])
    func derivedVector(id: String) throws {
        let vector = docs.derived(id)
        let (request, body) = request(vector)
        let signed = try signer().sign(request, body: body)
        #expect(signed.signingString == vector["signing_string"] as! String)
        #expect(signed.signatureBase64 == vector["signature"] as! String)
        #expect(signed.authorization == vector["authorization_go_order"] as? String)
    }

    @Test func putObjectWithExcludedBodySignsOnlyTheGenericHeaders() throws {
        let vector = docs.derived("put_object_exclude_body")
        let (request, body) = request(vector)
        let signed = try signer().sign(request, body: body, options: SigningOptions(excludeBody: true))
        #expect(signed.signingString == vector["signing_string"] as! String)
        #expect(signed.signatureBase64 == vector["signature"] as! String)
        // The length is still sent (Object Storage answers 411 without it), but not signed.
        #expect(signed.request.headerFields[.contentLength] == "12")
        #expect(signed.request.headerFields[HTTPField.Name("x-content-sha256")!] == nil)
    }

    /// Near misses: a signer that makes any of these mistakes does not produce Oracle's value.
    @Test func nearMissSignaturesDifferFromOurs() throws {
        let (request, body) = request(docs.official("doc-get"))
        let ours = try signer().sign(request, body: body)
        for negative in docs.negatives {
            #expect(ours.signatureBase64 != negative["signature"] as! String, "\(negative["id"]!)")
            #expect(ours.signingString != negative["signing_string"] as! String)
            // The recorded wrong signature is a real signature of the wrong string: so the
            // inequality above is caused by the string, not by a corrupted value.
            let pub = try OCIPublicKey(pem: Array(docs.publicKeyPEM.utf8))
            #expect(pub.isValidSignature(Base64.decode(negative["signature"] as! String)!, for: Array((negative["signing_string"] as! String).utf8)))
        }
    }

    @Test func fingerprintOfTheSampleKey() throws {
        let key = try OCIPrivateKey(pem: docs.privateKeyPEM)
        #expect(try key.fingerprint == docs.key["fingerprint_md5_of_der_spki"] as? String)
        #expect(key.bits == 1024)
        let pub = try OCIPublicKey(pem: Array(docs.publicKeyPEM.utf8))
        #expect(try pub.fingerprint == docs.key["fingerprint_md5_of_der_spki"] as? String)
    }

    @Test("every key encoding signs the GET identically", arguments: [
        ("private_key_pem_pkcs8", nil), ("private_key_pem_pkcs8_encrypted_aes256cbc_pbkdf2", "secret"),
        ("private_key_pem_pkcs1_legacy_encrypted_aes128cbc", "secret"), ("private_key_pem_pkcs1_with_trailing_oci_api_key_label", nil),
    ] as [(String, String?)])
    func keyEncodings(name: String, passphrase: String?) throws {
        let key = try OCIPrivateKey(pem: docs.encodings[name] as! String, passphrase: passphrase)
        let signer = try OCIRequestSigner(keyID: docs.keyID, privateKey: key, allowWeakKey: true)
        let vector = docs.official("doc-get")
        let (request, body) = request(vector)
        #expect(try signer.sign(request, body: body).signatureBase64 == vector["signature"] as! String)
    }
}
