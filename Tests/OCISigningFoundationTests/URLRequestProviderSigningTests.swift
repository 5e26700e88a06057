import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import OCISigning
import OCISigningFoundation
import Testing

/// Signing a URLRequest through an identity provider, against the Python SDK's output.
@Suite struct URLRequestProviderSigningTests {
    static let caseFolder = "Vectors/cases/doc-key-obo-get"

    /// Oracle's published 1024-bit test key and key id, with the vector's delegation token.
    func provider() throws -> OCIStaticIdentityProvider {
        let caseJSON = try JSONSerialization.jsonObject(with: Data(Repo.bytes("\(Self.caseFolder)/case.json"))) as! [String: Any]
        let key = try OCIPrivateKey(pemFile: Repo.path("Vectors/keys/doc-sample.pem"))
        return OCIStaticIdentityProvider(OCISigningIdentity(keyID: caseJSON["keyId"] as! String, privateKey: key, kind: .apiKey,
                                                            source: "a test", delegationToken: "exampleOboToken"))
    }

    @Test("the delegation token is set as opc-obo-token and signed as the Python SDK signs it")
    func delegationTokenLikeThePythonSDK() async throws {
        let path = "/20160918/instances?availabilityDomain=Pjwf%3A%20PHX-AD-1&compartmentId=ocid1.compartment.oc1..aaaaaaaam3we6vgnherjq5q2idnccdflvjsnog7mlr6rtdb25gilchfeyjxa&displayName=TeamXInstances&volumeId=ocid1.volume.oc1.phx.abyhqljrgvttnlx73nmrwfaux7kcvzfs3s66izvxf2h4lgvyndsdsnoiwr5q"
        var request = URLRequest(url: URL(string: "https://iaas.us-phoenix-1.oraclecloud.com" + path)!)
        request.setValue("Thu, 05 Jan 2014 21:31:40 GMT", forHTTPHeaderField: "date")
        let signed = try await provider().sign(request, allowWeakKey: true)
        #expect(signed.urlRequest.value(forHTTPHeaderField: "opc-obo-token") == "exampleOboToken")
        #expect(signed.urlRequest.value(forHTTPHeaderField: "Authorization") == (try Repo.text("\(Self.caseFolder)/authorization.txt")))
    }

    @Test("a weak key is refused unless allowed")
    func weakKeyRefused() async throws {
        let request = URLRequest(url: URL(string: "https://iaas.us-phoenix-1.oraclecloud.com/20160918/instances")!)
        let error = await #expect(throws: OCISigningError.self) { try await provider().sign(request) }
        #expect(error?.code == .weakKey)
    }
}
