// The second snippet of Docs/getting-started.md, verbatim between the markers.
// snippet:begin
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import OCISigning
import OCISigningFoundation

/// A signed `URLRequest` for `GET /20160918/instances`.
func signedInstancesURLRequest(signer: OCIRequestSigner, compartment: String) throws -> URLRequest {
    var components = URLComponents(string: "https://iaas.us-ashburn-1.oraclecloud.com/20160918/instances")!
    components.queryItems = [URLQueryItem(name: "compartmentId", value: compartment)]
    return try signer.sign(URLRequest(url: components.url!)).urlRequest
}

/// Sends it with URLSession.
func listInstances(signer: OCIRequestSigner, compartment: String) async throws -> Data {
    let (data, _) = try await URLSession.shared.data(for: try signedInstancesURLRequest(signer: signer, compartment: compartment))
    return data
}
// snippet:end
