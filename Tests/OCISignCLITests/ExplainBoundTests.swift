import Foundation
import HTTPTypes
import OCISigning
import OCISigningDiagnostics
import Testing

/// `explain`'s search is bounded: a `headers=` list of thousands of names is reported as not
/// searched (it took 426 MB for 2,000 names and 3.8 GB for 10,000 before the bound).
@Suite struct ExplainBoundTests {
    static func request(signedNames count: Int) -> HTTPRequest {
        var fields = HTTPFields()
        fields[.date] = "Thu, 05 Jan 2014 21:31:40 GMT"
        var names = ["date", "(request-target)", "host"]
        for index in 0..<count {
            let name = "x-h\(index)"
            fields.append(HTTPField(name: HTTPField.Name(name)!, value: "v\(index)"))
            names.append(name)
        }
        fields[.authorization] = "Signature version=\"1\",keyId=\"t/u/f\",algorithm=\"rsa-sha256\",headers=\"\(names.joined(separator: " "))\",signature=\"AAAA\""
        return HTTPRequest(method: .get, scheme: "https", authority: "h", path: "/", headerFields: fields)
    }

    @Test(arguments: [2_000, 10_000])
    func aLongHeaderListIsNotSearched(count: Int) throws {
        let explainer = MismatchExplainer(publicKey: try OCIPublicKey(pem: Array(DebugFixtures.publicKeyPEM.utf8)))
        let start = ContinuousClock.now
        let explanation = explainer.explain(Self.request(signedNames: count), body: [])
        #expect(ContinuousClock.now - start < .seconds(10))
        #expect(explanation.match == nil)
        #expect(explanation.notTried?.contains("\(count + 3) names") == true, "\(explanation.notTried ?? "-")")
    }

    @Test func aListWithinTheBoundIsSearchedToItsBudget() throws {
        let explainer = MismatchExplainer(publicKey: try OCIPublicKey(pem: Array(DebugFixtures.publicKeyPEM.utf8)))
        let explanation = explainer.explain(Self.request(signedNames: MismatchExplainer.maxSignedHeaders - 3), body: [])
        #expect(explanation.match == nil)
        #expect(explanation.totalCandidates <= MismatchExplainer.maxCandidates + 1_000)
        #expect(explanation.portsScanned <= 65_535)
    }
}
