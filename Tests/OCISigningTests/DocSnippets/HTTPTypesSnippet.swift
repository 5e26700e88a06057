// The snippet of Docs/http-types.md, verbatim between the markers: it is compiled (and run
// by DocSnippetTests) so the documentation cannot drift from the API.
// snippet:begin
import HTTPTypes
import OCISigning

/// Signs CreateVolumeBackup with a body in memory.
func signCreateVolumeBackup(signer: OCIRequestSigner, json: [UInt8]) throws -> HTTPRequest {
    let request = HTTPRequest(
        method: .post, scheme: "https", authority: "iaas.us-ashburn-1.oraclecloud.com",
        path: "/20160918/volumeBackups", headerFields: [.contentType: "application/json"])
    let signed = try signer.sign(request, body: .bytes(json))
    print(signed.signingString)   // exactly what was signed, for logs
    return signed.request         // + date, content-length, x-content-sha256, authorization
}

/// Signs an upload whose body is a file: hashed in 64 KiB chunks, never loaded whole.
func signFileUpload(signer: OCIRequestSigner, request: HTTPRequest, path: String) throws -> HTTPRequest {
    try signer.sign(request, body: .file(path: path)).request
}

/// Signs a body that arrives as an AsyncSequence of chunks, hashed as it streams.
/// The sequence is read once here; send the same bytes afterwards.
func signStreamedBody<Chunks: AsyncSequence>(
    signer: OCIRequestSigner, request: HTTPRequest, chunks: Chunks
) async throws -> HTTPRequest where Chunks.Element == [UInt8] {
    try await signer.sign(request, bodyChunks: chunks).request
}
// snippet:end
