import Foundation
@testable import OCISignCLI
import OCISigning
import Testing

/// `oci-sign request` against a loopback server that verifies every signature it receives.
@Suite(.serialized) struct RequestCommandTests {
    let keyID = "ocid1.tenancy.oc1..aaaaaaaaba3pv6wkcr4jqae5f15p2b2m2yt2j6rx32uzr4h25vqstifsfdsq/ocid1.user.oc1..aaaaaaaat5nvwcna5j6aqzjcaty5eqbb6qt2jvpkanghtgdaqedqw3rynjq/73:61:a2:21:67:e0:df:be:7e:4b:93:1e:15:98:a5:b7"
    let publicKey = repoPath("Vectors/keys/doc-sample.pub.pem")

    func run(_ arguments: [String], stdin: [UInt8] = []) throws -> (OCISignCLI.ExitStatus, Terminal) {
        let terminal = Terminal.capturing(stdin: stdin)
        let full = ["request", "--key-file", repoPath("Vectors/keys/doc-sample.pem"), "--key-id", keyID, "--allow-weak-key"] + arguments
        guard let command = try OCISignCommand.parseAsRoot(full) as? RequestCommand else { throw CocoaError(.featureUnsupported) }
        return (command.execute(terminal: terminal), terminal)
    }

    func scratch(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("oci-request-\(UUID().uuidString)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func server(_ handler: @escaping SigningLoopbackServer.Handler = { _, _ in .init(status: 200, body: Array("{\"ok\":true}".utf8)) },
                excludeBody: @escaping @Sendable (String, String) -> Bool = { _, _ in false }) throws -> SigningLoopbackServer {
        try SigningLoopbackServer(publicKeyFile: publicKey, excludeBody: excludeBody, handler: handler)
    }

    @Test func getIsSignedAndTheBodyPrinted() throws {
        let server = try server()
        defer { server.stop() }
        let (status, terminal) = try run([server.url("/20160918/instances?compartmentId=ocid1.compartment.oc1..x&limit=5")])
        #expect(status == .success, "\(terminal.errorOutput)")
        #expect(terminal.output == "{\"ok\":true}")
        let received = try #require(server.received.first)
        #expect(received.verified, "\(received.verificationFailure ?? "")")
        #expect(received.method == "GET")
        #expect(received.target == "/20160918/instances?compartmentId=ocid1.compartment.oc1..x&limit=5")
        #expect(received.header("opc-request-id")?.count == 32)
    }

    @Test func postDataFromAFileIsSentAsSigned() throws {
        let file = try scratch(Array("{\"displayName\": \"a b\",\r\n \"size\": 50}\n".utf8))
        let server = try server()
        defer { server.stop() }
        let (status, terminal) = try run(["-d", "@\(file)", server.url("/20160918/volumes")])
        #expect(status == .success, "\(terminal.errorOutput)")
        let received = try #require(server.received.first)
        #expect(received.verified, "\(received.verificationFailure ?? "")")
        #expect(received.method == "POST")
        // curl's -d @FILE drops CR and LF; the signature covers what was sent.
        #expect(received.body == Array("{\"displayName\": \"a b\", \"size\": 50}".utf8))
        #expect(received.header("content-type") == "application/json")
        #expect(received.header("x-content-sha256") != nil)
    }

    @Test func dataBinaryStreamsTheFileExactly() throws {
        let bytes: [UInt8] = Array("line one\r\nline two\n".utf8) + [0, 255, 10]
        let file = try scratch(bytes)
        let server = try server()
        defer { server.stop() }
        let (status, terminal) = try run(["--data-binary", "@\(file)", "-H", "Content-Type: application/octet-stream", server.url("/20160918/things")])
        #expect(status == .success, "\(terminal.errorOutput)")
        let received = try #require(server.received.first)
        #expect(received.verified, "\(received.verificationFailure ?? "")")
        #expect(received.body == bytes)
        #expect(received.header("content-type") == "application/octet-stream")
    }

    @Test func putObjectWithUploadFileIsSignedWithoutItsBody() throws {
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let file = try scratch(bytes)
        let server = try server(excludeBody: { method, target in method == "PUT" && target.hasPrefix("/n/") })
        defer { server.stop() }
        let (status, terminal) = try run(["-T", file, "-v", server.url("/n/ns1/b/bucket-a/o/dir/obj.bin")])
        #expect(status == .success, "\(terminal.errorOutput)")
        let received = try #require(server.received.first)
        #expect(received.verified, "\(received.verificationFailure ?? "")")
        #expect(received.method == "PUT")
        #expect(received.body == bytes)
        #expect(received.header("content-length") == "300000")
        #expect(received.header("x-content-sha256") == nil)
        #expect(received.header("authorization")?.contains("headers=\"date (request-target) host\"") == true)
        #expect(terminal.errorOutput.contains("*   (request-target): put /n/ns1/b/bucket-a/o/dir/obj.bin\\n"))
        #expect(terminal.errorOutput.contains("not signed (exclude-body)"))
    }

    @Test func signBodyOverridesTheRecognisedOperation() throws {
        let file = try scratch(Array("abc".utf8))
        let server = try server(excludeBody: { _, _ in false })
        defer { server.stop() }
        let (status, terminal) = try run(["-T", file, "--sign-body", server.url("/n/ns1/b/bucket-a/o/obj")])
        #expect(status == .success, "\(terminal.errorOutput)")
        let received = try #require(server.received.first)
        #expect(received.verified, "\(received.verificationFailure ?? "")")
        #expect(received.header("x-content-sha256") != nil)
    }

    @Test func unauthorizedWithASkewedDateIsDiagnosedAsClockSkew() throws {
        let skewed = HTTPDate(secondsSince1970: HTTPDate.now().secondsSince1970 + 900).imfFixdate
        let server = try server { _, _ in
            .init(status: 401, headers: [("Date", skewed), ("opc-request-id", "REQ-1234"), ("Content-Type", "application/json")],
                  body: Array(#"{"code": "NotAuthenticated", "message": "The required information to complete authentication was not provided or was incorrect."}"#.utf8))
        }
        defer { server.stop() }
        let (status, terminal) = try run([server.url("/20160918/instances")])
        #expect(status == .success)
        let diagnosis = terminal.errorOutput
        #expect(diagnosis.contains("401 NotAuthenticated"), "\(diagnosis)")
        #expect(diagnosis.contains("opc-request-id REQ-1234"))
        #expect(diagnosis.contains("Likely cause: clock skew"))
        #expect(diagnosis.contains("the key id's fingerprint is the key's"))
        #expect(server.received.count == 1)
    }

    @Test func unauthorizedWithAGoodClockNamesAFingerprintMismatch() throws {
        let server = try server { _, _ in .init(status: 401, body: Array(#"{"code":"NotAuthenticated","message":"x"}"#.utf8)) }
        defer { server.stop() }
        let wrongKeyID = keyID.replacingOccurrences(of: "73:61:a2", with: "20:3b:97")
        let terminal = Terminal.capturing()
        let command = try #require(try OCISignCommand.parseAsRoot(["request", "--key-file", repoPath("Vectors/keys/doc-sample.pem"), "--key-id", wrongKeyID,
                                                                  "--allow-weak-key", server.url("/x")]) as? RequestCommand)
        #expect(command.execute(terminal: terminal) == .success)
        #expect(terminal.errorOutput.contains("Likely cause: the fingerprint in --key-id (20:3b:97"), "\(terminal.errorOutput)")
        #expect(!terminal.errorOutput.contains("clock skew:"))
    }

    @Test func failExitsWith22AndPrintsNoBody() throws {
        let server = try server { _, _ in .init(status: 404, body: Array(#"{"code":"NotAuthorizedOrNotFound"}"#.utf8)) }
        defer { server.stop() }
        let (status, terminal) = try run(["--fail", server.url("/20160918/instances/nope")])
        #expect(status == .httpError)
        #expect(status.rawValue == 22)
        #expect(terminal.output.isEmpty)
        let (plain, plainTerminal) = try run([server.url("/20160918/instances/nope")])
        #expect(plain == .success)
        #expect(plainTerminal.output.contains("NotAuthorizedOrNotFound"))
    }

    @Test func noConnectionExitsWith7() throws {
        let server = try server()
        let url = server.url("/x")
        server.stop()   // the port is closed now
        let (status, terminal) = try run([url])
        #expect(status == .noConnection)
        #expect(status.rawValue == 7)
        #expect(terminal.errorOutput.contains("no response from 127.0.0.1"))
    }

    @Test func retryHonoursRetryAfterAndSignsEachAttemptAgain() throws {
        let server = try server { _, index in
            index == 0 ? .init(status: 503, headers: [("Retry-After", "2")], body: Array("busy".utf8)) : .init(status: 200, body: Array("done".utf8))
        }
        defer { server.stop() }
        let started = Date()
        let (status, terminal) = try run(["--retry", "2", "-v", server.url("/20160918/instances")])
        let elapsed = Date().timeIntervalSince(started)
        #expect(status == .success, "\(terminal.errorOutput)")
        #expect(terminal.output == "done")
        let received = server.received
        #expect(received.count == 2)
        #expect(received.allSatisfy { $0.verified })
        #expect(received[0].header("opc-request-id") == received[1].header("opc-request-id"))
        #expect(elapsed >= 2)   // the Retry-After, not the 1 s first backoff
        #expect(terminal.errorOutput.contains("retrying in 2 s (status 503, attempt 2 of 3)"))
    }

    @Test func postIsNotRetriedWithoutARetryToken() throws {
        let server = try server { _, _ in .init(status: 503) }
        defer { server.stop() }
        let (status, terminal) = try run(["--retry", "3", "-v", "-d", "{}", server.url("/20160918/volumes")])
        #expect(status == .success)
        #expect(server.received.count == 1)
        #expect(terminal.errorOutput.contains("only with an opc-retry-token"))
        let (again, _) = try run(["--retry", "1", "--retry-max-wait", "0", "-d", "{}", "-H", "opc-retry-token: t-1", server.url("/20160918/volumes")])
        #expect(again == .success)
        #expect(server.received.count == 3)
    }

    @Test func jsonFormatAndIncludeShowTheResponse() throws {
        let server = try server { _, _ in .init(status: 200, headers: [("opc-request-id", "R9"), ("Content-Type", "application/json")], body: Array(#"{"items": [1, 2]}"#.utf8)) }
        defer { server.stop() }
        let (status, terminal) = try run(["--format", "json", server.url("/a")])
        #expect(status == .success)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(terminal.outputBytes)) as? [String: Any])
        #expect(object["status"] as? Int == 200)
        #expect((object["headers"] as? [String: String])?["opc-request-id"] == "R9")
        #expect(((object["data"] as? [String: Any])?["items"] as? [Int]) == [1, 2])
        let (_, included) = try run(["-i", server.url("/a")])
        #expect(included.output.hasPrefix("HTTP/1.1 200 "))
        #expect(included.output.contains("opc-request-id: R9\r\n"))
        #expect(included.output.hasSuffix("\r\n\r\n{\"items\": [1, 2]}"))
    }

    @Test func outputFileReceivesTheBody() throws {
        let server = try server { _, _ in .init(status: 200, body: Array("payload bytes".utf8)) }
        defer { server.stop() }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("oci-request-out-\(UUID().uuidString)").path
        let (status, terminal) = try run(["-o", out, server.url("/a")])
        #expect(status == .success)
        #expect(terminal.output.isEmpty)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "payload bytes")
    }

    @Test func redirectsAreNotFollowed() throws {
        let server = try server { _, _ in .init(status: 302, headers: [("Location", "http://127.0.0.2:9/elsewhere")]) }
        defer { server.stop() }
        let (status, terminal) = try run([server.url("/a")])
        #expect(status == .success)
        #expect(server.received.count == 1)
        #expect(terminal.errorOutput.contains("redirect to http://127.0.0.2:9/elsewhere not followed"))
    }

    @Test func usageAndOptionProblemsHaveTheirStatuses() throws {
        let cases: [([String], OCISignCLI.ExitStatus)] = [
            (["-d", "a", "-T", "/etc/hostname", "http://127.0.0.1:1/"], .usage),
            (["/20160918/instances"], .usage),
            (["--exclude-body", "--sign-body", "http://127.0.0.1:1/"], .usage),
            (["-T", "/nonexistent/file", "http://127.0.0.1:1/"], .credentials),
            (["-H", "Host: other", "http://127.0.0.1:1/"], .credentials),
        ]
        for (arguments, expected) in cases {
            let (status, terminal) = try run(arguments)
            #expect(status == expected, "\(arguments): \(terminal.errorOutput)")
        }
    }

    @Test func pathWithServiceAndRegionResolvesTheEndpoint() throws {
        let url = try RequestEndpoint.url("/20160918/instances?limit=1", service: "iaas", region: "us-ashburn-1", environment: [:]).absoluteString
        #expect(url == "https://iaas.us-ashburn-1.oraclecloud.com/20160918/instances?limit=1")
        let short = try RequestEndpoint.url("/n/", service: "objectstorage", region: "fra", environment: [:]).absoluteString
        #expect(short == "https://objectstorage.eu-frankfurt-1.oraclecloud.com/n/")
    }

    @Test func excludeBodyOperationsAreRecognisedByMethodAndPath() {
        #expect(OCIExcludeBodyOperation.matching(method: .put, path: "/n/ns/b/bkt/o/a/b/c.txt")?.name == "PutObject")
        #expect(OCIExcludeBodyOperation.matching(method: .put, path: "/n/ns/b/bkt/u/obj?uploadId=1&uploadPartNum=2")?.name == "UploadPart")
        #expect(OCIExcludeBodyOperation.matching(method: .post, path: "/20180418/streams/ocid1.stream.oc1..x/messages")?.name == "PutMessages")
        #expect(OCIExcludeBodyOperation.matching(method: .post, path: "/n/ns/b/bkt/o/a") == nil)   // not PUT
        #expect(OCIExcludeBodyOperation.matching(method: .put, path: "/n/ns/b/bkt/o/") == nil)     // no object name
        #expect(OCIExcludeBodyOperation.matching(method: .put, path: "/n/ns/b/bkt") == nil)
    }

    @Test func theServerRefusesABodyOperationSignedWithoutItsBody() throws {
        // The check the other tests rely on can fail: a POST signed as exclude-body does not verify.
        let server = try server()
        defer { server.stop() }
        let (status, terminal) = try run(["--exclude-body", "-d", "{}", server.url("/20160918/volumes")])
        #expect(status == .success, "\(terminal.errorOutput)")
        let received = try #require(server.received.first)
        #expect(!received.verified)
    }

    @Test func verboseTraceRedactsASessionToken() throws {
        let token = "eyJraWQiOiJhc3dfb2MxIiwiYWxnIjoiUlMyNTYifQ.c2Vzc2lvbi10b2tlbi1ib2R5LWZvci10ZXN0cw.c2lnbmF0dXJl"
        let server = try server { _, _ in .init(status: 401, body: Array(#"{"code":"NotAuthenticated","message":"x"}"#.utf8)) }
        defer { server.stop() }
        let terminal = Terminal.capturing()
        let command = try #require(try OCISignCommand.parseAsRoot(["request", "--key-file", repoPath("Vectors/keys/doc-sample.pem"), "--key-id", "ST$" + token,
                                                                  "--allow-weak-key", "-v", server.url("/x")]) as? RequestCommand)
        #expect(command.execute(terminal: terminal) == .success)
        #expect(server.received.first?.header("authorization")?.contains(token) == true)
        #expect(terminal.errorOutput.contains("> authorization: Signature"))
        #expect(!terminal.errorOutput.contains(token))
        #expect(!terminal.errorOutput.contains("c2Vzc2lvbi10b2tlbi1ib2R5"))
    }

    @Test func standardInputIsTheBodyOfDataAtDash() throws {
        let server = try server()
        defer { server.stop() }
        let (status, terminal) = try run(["-d", "@-", server.url("/20160918/volumes")], stdin: Array("{\"a\":\r\n1}\n".utf8))
        #expect(status == .success, "\(terminal.errorOutput)")
        let received = try #require(server.received.first)
        #expect(received.verified, "\(received.verificationFailure ?? "")")
        #expect(received.body == Array("{\"a\":1}".utf8))
    }
}
