// The snippet of Docs/urlsession.md, verbatim between the markers: it is compiled here, and
// IntegrationTests runs the same calls against the loopback server.
// snippet:begin
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import OCISigning
import OCISigningFoundation

/// Creates a volume backup with URLSession and returns the response body.
func createVolumeBackup(signer: OCIRequestSigner, endpoint: URL, json: Data) async throws -> (Data, HTTPURLResponse) {
    var request = URLRequest(url: endpoint.appendingPathComponent("20160918/volumeBackups"))
    request.httpMethod = "POST"
    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    request.httpBody = json

    let signed = try signer.sign(request)   // refuses URLs URLSession would rewrite
    let (data, response) = try await URLSession.shared.data(for: signed.urlRequest)
    return (data, response as! HTTPURLResponse)
}
// snippet:end
