import HTTPTypes
import OCISigning
import Testing

/// One shared signer used from many tasks at once (issue 8): run under
/// `swift test --sanitize=thread` by scripts/sanitizers.sh to prove it is race-free.
@Suite struct ConcurrentSigningTests {
    static let taskCount = 64
    static let signaturesPerTask = 50

    static func request(task: Int, index: Int) -> HTTPRequest {
        var fields = HTTPFields()
        fields[.date] = "Thu, 05 Jan 2014 21:31:40 GMT"
        return HTTPRequest(method: .post, scheme: "https", authority: "iaas.us-phoenix-1.oraclecloud.com",
                           path: "/20160918/volumes?task=\(task)&i=\(index)", headerFields: fields)
    }
    static func body(task: Int, index: Int) -> [UInt8] { Array("{\"task\":\(task),\"i\":\(index)}".utf8) }

    @Test func sharedSignerFromManyTasks() async throws {
        let docs = DocVectors.shared
        let signer = try OCIRequestSigner(keyID: docs.keyID, privateKey: try OCIPrivateKey(pem: docs.privateKeyPEM), allowWeakKey: true)
        // The verifying key comes from Oracle's published public PEM, not from the signer's key.
        let publicKey = try OCIPublicKey(pem: Array(docs.publicKeyPEM.utf8))

        // Single-threaded reference.
        var expected: [[String]] = []
        for task in 0..<Self.taskCount {
            expected.append(try (0..<Self.signaturesPerTask).map {
                try signer.sign(Self.request(task: task, index: $0), body: .bytes(Self.body(task: task, index: $0))).signatureBase64
            })
        }

        let results = try await withThrowingTaskGroup(of: (Int, [SignedRequest]).self) { group in
            for task in 0..<Self.taskCount {
                group.addTask {
                    var signed: [SignedRequest] = []
                    for index in 0..<Self.signaturesPerTask {
                        signed.append(try signer.sign(Self.request(task: task, index: index), body: .bytes(Self.body(task: task, index: index))))
                    }
                    return (task, signed)
                }
            }
            var all = [[SignedRequest]](repeating: [], count: Self.taskCount)
            for try await (task, signed) in group { all[task] = signed }
            return all
        }

        var checked = 0
        for task in 0..<Self.taskCount {
            #expect(results[task].count == Self.signaturesPerTask)
            for (index, signed) in results[task].enumerated() {
                #expect(signed.signatureBase64 == expected[task][index], "task \(task) signature \(index) differs from the single-threaded one")
                #expect(signed.signingString.contains("?task=\(task)&i=\(index)\n"))
                #expect(publicKey.isValidSignature(signed.signature, for: Array(signed.signingString.utf8)))
                checked += 1
            }
        }
        #expect(checked == Self.taskCount * Self.signaturesPerTask)
        // Distinct requests give distinct signatures: a signer returning a stale or shared
        // buffer would repeat one.
        #expect(Set(results.flatMap { $0.map(\.signatureBase64) }).count == checked)
    }
}
