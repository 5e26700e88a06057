import Foundation
import HTTPTypes
import OCISigning
import OCIRawRequest
import Testing

/// The kept inputs of FuzzAuthorization and FuzzVerifier (FuzzTesting/FailCases/<target>/),
/// replayed with the targets' properties on every `swift test`, and the premise FuzzVerifier's
/// strongest property rests on. (FuzzConfigFile's replay is in OCICredentialsTests.)
@Suite struct FuzzVerifierRegressionTests {
    static let fixedNow = HTTPDate(secondsSince1970: 1_388_957_500)  // Thu, 05 Jan 2014 21:31:40 GMT

    /// FuzzAuthorization: a parsed value round-trips through AuthorizationHeader.value; an error
    /// is short and typed.
    @Test("FuzzAuthorization fail case", arguments: FuzzRegressionTests.failCases("FuzzAuthorization"))
    func authorizationFailCase(_ name: String) throws {
        let value = String(decoding: try Repo.bytes("FuzzTesting/FailCases/\(name)"), as: UTF8.self)
        do {
            let parsed = try SignatureAuthorization(parsing: value)
            let again = try SignatureAuthorization(parsing: AuthorizationHeader.value(
                signedHeaders: parsed.signedHeaders, keyID: parsed.keyID, signatureBase64: parsed.signatureBase64))
            #expect(again.keyID == parsed.keyID && again.signedHeaders == parsed.signedHeaders && again.signature == parsed.signature)
        } catch {
            #expect(!error.description.isEmpty && error.description.utf8.count <= 1024)
            #expect([.malformedAuthorization, .unsupportedAlgorithm].contains(error.signingError.code))
        }
    }

    /// FuzzVerifier: valid only with the real signature (re-signing the rebuilt signing string
    /// with the docs private key gives the presented bytes); failures are described briefly.
    @Test("FuzzVerifier fail case", arguments: FuzzRegressionTests.failCases("FuzzVerifier"))
    func verifierFailCase(_ name: String) throws {
        let input = try Repo.bytes("FuzzTesting/FailCases/\(name)")
        try Self.checkVerifierProperties(input)
    }

    static func checkVerifierProperties(_ input: [UInt8], excludeBody: Bool? = nil) throws {
        guard let raw = try? RawHTTPRequest(parsing: input), let request = try? raw.httpRequest() else { return }
        let docs = DocVectors.shared
        let verifier = try OCIRequestVerifier(publicKey: OCIPublicKey(pem: Array(docs.publicKeyPEM.utf8)))
        let options = VerificationOptions(excludeBody: excludeBody ?? (input.first.map { $0 & 1 == 1 } ?? false), now: fixedNow, allowWeakKey: true)
        switch verifier.verify(request, body: raw.body.isEmpty ? .empty : .bytes(raw.body), options: options) {
        case .valid(let verified):
            let resigned = try OCIPrivateKey(pem: docs.privateKeyPEM).sign(Array(verified.signingString.utf8))
            #expect(resigned == verified.authorization.signature)
        case .invalid(let failure):
            #expect(!failure.description.isEmpty && failure.description.utf8.count <= 2048)
        }
    }

    /// FuzzVerifier's seeds include requests the conformance suite signed with Oracle's docs key;
    /// with the fuzzer's fixed key and clock they must verify, or the fuzzer's "valid" branch
    /// (and its re-signing property) would never run. Expectations come from Vectors/ (signed by
    /// Oracle's Python SDK), not from our signer.
    @Test func docKeyCasesReachTheValidBranch() throws {
        let cases = Repo.url("Vectors/cases").path
        var valid = 0
        for id in try FileManager.default.contentsOfDirectory(atPath: cases).sorted() {
            let meta = try JSONSerialization.jsonObject(with: Data(contentsOf: Repo.url("Vectors/cases/\(id)/case.json"))) as! [String: Any]
            guard meta["key"] as? String == "doc-sample", meta["result"] as? String == "valid",
                  let input = try? Repo.bytes("Vectors/cases/\(id)/signed.http"),
                  let raw = try? RawHTTPRequest(parsing: input), let request = try? raw.httpRequest() else { continue }
            let excludeBody = (meta["options"] as? [String: Any])?["excludeBody"] as? Bool ?? false
            let verifier = try OCIRequestVerifier(publicKey: OCIPublicKey(pem: Array(DocVectors.shared.publicKeyPEM.utf8)))
            let result = verifier.verify(request, body: raw.body.isEmpty ? .empty : .bytes(raw.body),
                                         options: VerificationOptions(excludeBody: excludeBody, now: Self.fixedNow, allowWeakKey: true))
            #expect(result.isValid, "\(id): \(result.failure.map(\.description) ?? "")")
            if result.isValid { valid += 1 }
            try Self.checkVerifierProperties(input, excludeBody: excludeBody)
        }
        #expect(valid >= 8)
    }
}
