import HTTPTypes
import OCISigning
import Testing

/// One signer shared by many tasks: every signature must still verify and equal the
/// single-threaded one (PKCS#1 v1.5 is deterministic). Fails if the per-key signing context
/// template were ever used concurrently instead of duplicated per signature.
@Suite struct ConcurrentSigningTests {
    @Test func sharedSignerFromEightTasks() async throws {
        let docs = DocVectors.shared
        let key = try OCIPrivateKey(pem: docs.privateKeyPEM)
        let publicKey = try OCIPublicKey(pem: Array(docs.publicKeyPEM.utf8))
        let signer = try OCIRequestSigner(keyID: docs.keyID, privateKey: key, allowWeakKey: true)
        let date = try HTTPDate(imfFixdate: "Thu, 05 Jan 2014 21:31:40 GMT")
        func request(_ index: Int) -> HTTPRequest {
            HTTPRequest(method: .get, scheme: "https", authority: "iaas.us-phoenix-1.oraclecloud.com", path: "/20160918/instances?i=\(index)")
        }
        let results = try await withThrowingTaskGroup(of: (Int, SignedRequest).self) { group in
            for index in 0..<64 {
                group.addTask { (index, try signer.sign(request(index), options: SigningOptions(date: date))) }
            }
            return try await group.reduce(into: [Int: SignedRequest]()) { $0[$1.0] = $1.1 }
        }
        #expect(results.count == 64)
        for (index, signed) in results {
            #expect(publicKey.isValidSignature(signed.signature, for: Array(signed.signingString.utf8)))
            #expect(signed.signature == (try signer.sign(request(index), options: SigningOptions(date: date))).signature)
        }
    }
}
