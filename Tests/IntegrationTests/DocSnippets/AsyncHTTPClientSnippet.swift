#if IntegrationTests
// The snippet of Docs/async-http-client.md, verbatim between the markers: compiled with
// `--traits IntegrationTests` and run against the loopback server by AsyncHTTPClientDocSnippetTests.
// snippet:begin
import AsyncHTTPClient
import OCISigning
import OCISigningAsyncHTTPClient

/// Creates a volume backup with AsyncHTTPClient: signs, sends, returns the response.
func createVolumeBackupUsingAsyncHTTPClient(signer: OCIRequestSigner, endpoint: String, json: [UInt8]) async throws -> HTTPClientResponse {
    var request = HTTPClientRequest(url: endpoint + "/20160918/volumeBackups")
    request.method = .POST
    request.headers.add(name: "Content-Type", value: "application/json")
    return try await HTTPClient.shared.execute(request, body: .bytes(json), signedBy: signer, timeout: .seconds(30))
}
// snippet:end
#endif
