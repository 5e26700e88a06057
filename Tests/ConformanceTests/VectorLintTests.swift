import Foundation
import OCISigning
import OCIRawRequest
import Testing

/// Re-checks each case's internal consistency without running the signer: a wrong expected
/// file would otherwise be "proved" by a signer with the same bug. (Vectors/tools/lint.py does
/// the same with Python's `cryptography`.)
@Suite struct VectorLintTests {
    struct Parsed {
        var requestBody: [UInt8]
        var signedHeaders: [(String, String)]
    }

    func read(_ id: String, _ file: String) throws -> [UInt8] {
        Array(try Data(contentsOf: vectorsRoot.appendingPathComponent("cases/\(id)/\(file)")))
    }

    /// The parameters of an Authorization value (docs order, quoted values).
    func parameters(_ authorization: String) throws -> [String: String] {
        let prefix = "Signature "
        try #require(authorization.hasPrefix(prefix))
        var out: [String: String] = [:]
        for part in authorization.dropFirst(prefix.count).split(separator: ",") {
            let pieces = part.split(separator: "=", maxSplits: 1)
            try #require(pieces.count == 2 && pieces[1].hasPrefix("\"") && pieces[1].hasSuffix("\""))
            out[String(pieces[0])] = String(pieces[1].dropFirst().dropLast())
        }
        return out
    }

    @Test("lint", arguments: caseIDs)
    func lint(id: String) throws {
        let testCase = try suite.loadCase(id)
        guard testCase.result != "error" else { return }
        let signingString = try read(id, "signing-string.txt")
        let authorization = String(decoding: try read(id, "authorization.txt"), as: UTF8.self)
        let params = try parameters(authorization)
        #expect(params["algorithm"] == "rsa-sha256")
        #expect(params["keyId"] == testCase.keyID)

        // The signature verifies under the case's public key, over the recorded signing string.
        let publicKey = try OCIPublicKey(pemFile: vectorsRoot.appendingPathComponent("keys/\(testCase.key).pub.pem").path)
        let signature = try #require(Base64.decode(params["signature"] ?? ""))
        #expect(publicKey.isValidSignature(signature, for: signingString), "signature does not verify")

        // An API-key keyId names the fingerprint of the key that signed.
        if !testCase.keyID.hasPrefix("ST$") {
            let fingerprint = String(decoding: try read("../keys", "\(testCase.key).fingerprint"), as: UTF8.self)
            #expect(testCase.keyID.hasSuffix("/" + fingerprint))
            #expect(try publicKey.fingerprint == fingerprint)
        }
        guard testCase.result == "valid" else { return }

        // The signing string's names are the headers="…" list, in order.
        let lines = signingString.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        let names = lines.map { String($0[..<$0.range(of: ": ")!.lowerBound]) }
        #expect(names.joined(separator: " ") == params["headers"])

        // Each signed value is what signed.http carries; body headers describe the body.
        let signed = try RawHTTPRequest(parsing: try read(id, "signed.http"))
        let request = try RawHTTPRequest(parsing: try read(id, "request.http"))
        #expect(signed.body == request.body)
        #expect(signed.values(of: "authorization").map { String(decoding: $0, as: UTF8.self) } == [authorization])
        for line in lines {
            let separator = line.range(of: ": ")!
            let name = String(line[..<separator.lowerBound]), value = String(line[separator.upperBound...])
            switch name {
            case "(request-target)":
                #expect(value == request.method.lowercased() + " " + request.target)
            case "host":
                #expect(signed.values(of: "host").map { String(decoding: $0, as: UTF8.self) } == [value])
            case "content-length":
                #expect(value == String(request.body.count))
                #expect(signed.values(of: name).map { String(decoding: $0, as: UTF8.self) } == [value])
            case "x-content-sha256":
                #expect(value == ContentDigest(bytes: request.body).base64)
                #expect(signed.values(of: name).map { String(decoding: $0, as: UTF8.self) } == [value])
            default:
                #expect(signed.values(of: name).map { String(decoding: $0, as: UTF8.self) } == [value], "\(name)")
            }
        }
    }
}
