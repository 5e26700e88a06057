// The first snippet of Docs/getting-started.md, verbatim between the markers: compiled and run
// by GettingStartedTests, so the page cannot drift from the API.
// snippet:begin
import HTTPTypes
import OCISigning

/// A signed `GET /20160918/instances` (swift-http-types), ready for any HTTP client.
func signedListInstances(keyFile: String, tenancy: String, user: String, compartment: String) throws -> HTTPRequest {
    let key = try OCIPrivateKey(pemFile: keyFile)
    let signer = try OCIRequestSigner(keyID: "\(tenancy)/\(user)/\(try key.fingerprint)", privateKey: key)
    let request = HTTPRequest(method: .get, scheme: "https", authority: "iaas.us-ashburn-1.oraclecloud.com",
                              path: "/20160918/instances?compartmentId=\(compartment)")
    let signed = try signer.sign(request)
    print(signed.signingString)   // exactly what was signed, for logs
    return signed.request         // + date, authorization
}
// snippet:end
