import Foundation
import HTTPTypes
import OCISignCLI
import OCISigning
import OCIRawRequest
import Testing

/// The verifier against the whole suite: every valid signed request verifies, every near miss
/// and every tampered copy is refused with the right reason.
@Suite struct VectorVerifierTests {
    func load(_ id: String, _ file: String) throws -> RawHTTPRequest {
        try RawHTTPRequest(parsing: Array(try Data(contentsOf: vectorsRoot.appendingPathComponent("cases/\(id)/\(file)"))))
    }

    func verify(_ raw: RawHTTPRequest, _ testCase: VectorSuite.Case) throws -> VerificationResult {
        let key = try OCIPublicKey(pemFile: vectorsRoot.appendingPathComponent("keys/\(testCase.key).pub.pem").path)
        let date = raw.values(of: "x-date").first ?? raw.values(of: "date").first ?? []
        let now = try HTTPDate(imfFixdate: String(decoding: date, as: UTF8.self))
        return OCIRequestVerifier(publicKey: key).verify(
            try raw.httpRequest(), body: .bytes(raw.body), options: VerificationOptions(excludeBody: testCase.excludeBody, now: now, allowWeakKey: testCase.allowWeakKey))
    }

    static let signedCases = caseIDs.filter { (try? suite.loadCase($0).result) != "error" }

    @Test("verify", arguments: signedCases)
    func verifyCase(id: String) throws {
        let testCase = try suite.loadCase(id)
        if testCase.result == "valid" {
            let signed = try load(id, "signed.http")
            let result = try verify(signed, testCase)
            #expect(result.isValid, "\(id): \(result.failure?.description ?? "")")

            // Tamper with the target: the signature no longer matches.
            var target = signed
            target.target += target.target.contains("?") ? "&x=1" : "?x=1"
            #expect(try verify(target, testCase).failure?.reason == .badSignature)

            // Tamper with the body of a body-signed request: caught before RSA, by the hash.
            if ["POST", "PUT", "PATCH"].contains(signed.method), !testCase.excludeBody {
                var body = signed
                body.body.append(0x0A)
                let reason = try verify(body, testCase).failure?.reason
                #expect(reason != nil)
                if case .contentLengthMismatch = reason {} else if case .bodyHashMismatch = reason {} else {
                    Issue.record("\(id): body tampering gave \(String(describing: reason))")
                }
            }
        } else {
            // A near miss: the request carrying the wrong signature is refused.
            var raw = try load(id, "request.http")
            let authorization = Array(try Data(contentsOf: vectorsRoot.appendingPathComponent("cases/\(id)/authorization.txt")))
            raw.headers.append(.init(name: "authorization", value: authorization))
            #expect(try verify(raw, testCase).failure?.reason == .badSignature)
        }
    }
}
