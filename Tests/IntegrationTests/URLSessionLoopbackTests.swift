#if IntegrationTests
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HTTPTypes
import OCILoopbackServer
import OCISigning
import OCISigningFoundation
import Testing

/// URLSession → loopback OCI server: the target and host taken from the URL are what
/// URLSession (libcurl on Linux) sends, and what it would rewrite is refused before signing.
@Suite(.timeLimit(.minutes(1))) struct URLSessionLoopbackTests {
    /// Ephemeral session, 10 s timeouts: no request can hang the suite.
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 10
        configuration.timeoutIntervalForResource = 10
        return URLSession(configuration: configuration)
    }()

    func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        let (data, response) = try await Self.session.data(for: request)
        return (data, try #require(response as? HTTPURLResponse))
    }

    @Test func createVolumeBackupSucceedsAndTheServerSawWhatWasSigned() async throws {
        let server = try Loopback.server()
        try await server.withRunningServer { port in
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/20160918/volumeBackups")!)
            request.httpMethod = "POST"
            request.setValue("aliqua enim i", forHTTPHeaderField: "opc-retry-token")
            request.httpBody = Data(Loopback.referenceBody)   // no Content-Type: the signer adds application/json
            let signed = try Loopback.signer().sign(request)
            let (data, response) = try await send(signed.urlRequest)

            #expect(response.statusCode == 200, "\(String(decoding: data, as: UTF8.self))")
            let backup = try JSONDecoder().decode(Loopback.VolumeBackup.self, from: data)
            #expect(backup.lifecycleState == "CREATING")
            #expect(backup.volumeId == "dolore")
            #expect(backup.type == "INCREMENTAL")

            let seen = try #require(await server.log.last)
            #expect(response.value(forHTTPHeaderField: "opc-request-id") == seen.opcRequestID)
            #expect(seen.target == "/20160918/volumeBackups")
            #expect(seen.authority == "127.0.0.1:\(port)")
            #expect(seen.headerFields[values: .contentType] == ["application/json"])   // not URLSession's form default
            #expect(seen.bodyDigest.base64 == "acK4yFt4XMkgWmEtWvwNUUW6WNYHPIFlgrwI5tb/FSE=")   // Python SDK, Vectors case
            guard case .valid(let verified) = seen.verification else {
                Issue.record("server refused: \(seen.verification.failure!)")
                return
            }
            #expect(verified.signingString == signed.signed.signingString)
        }
    }

    @Test("tricky request-targets arrive and are signed byte for byte", arguments: Loopback.trickyTargets)
    func trickyTargets(target: String) async throws {
        let server = try Loopback.server()
        try await server.withRunningServer { port in
            let signed = try Loopback.signer().sign(URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(target)")!))
            #expect(signed.wire.target == target)
            let (data, response) = try await send(signed.urlRequest)
            let seen = try #require(await server.log.last)
            #expect(seen.target == target)
            #expect(seen.authority == "127.0.0.1:\(port)")
            #expect(seen.verification.isValid, "\(seen.verification.failure.map(String.init(describing:)) ?? "")")
            #expect(response.statusCode == 404, "\(String(decoding: data, as: UTF8.self))")   // authenticated, then routed
        }
    }

    /// Foundation percent-encodes a space, `|` or non-ASCII when the URL is created; the encoded
    /// form is what is signed and what arrives.
    @Test func foundationEncodedURLsArriveAsSigned() async throws {
        let server = try Loopback.server()
        try await server.withRunningServer { port in
            let signed = try Loopback.signer().sign(URLRequest(url: URL(string: "http://127.0.0.1:\(port)/a b|c/ü?d e=ä")!))
            #expect(signed.wire.target == "/a%20b%7Cc/%C3%BC?d%20e=%C3%A4")
            _ = try await send(signed.urlRequest)
            let seen = try #require(await server.log.last)
            #expect(seen.target == "/a%20b%7Cc/%C3%BC?d%20e=%C3%A4")
            #expect(seen.verification.isValid)
        }
    }

    /// Why dot segments are refused: libcurl removes them, so a signature over the path as
    /// written (what the engine does for an HTTPRequest) fails on the server.
    @Test("dot segments: refused by the URLRequest signer; signing them verbatim gets 401", arguments: [
        ("/20160918/a/../volumeBackups", "/20160918/volumeBackups"),
        ("/20160918/./volumeBackups", "/20160918/volumeBackups"),
    ])
    func dotSegments(written: String, sent: String) async throws {
        let server = try Loopback.server()
        try await server.withRunningServer { port in
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(written)")!)
            request.httpMethod = "POST"
            request.httpBody = Data(Loopback.referenceBody)
            let refusal = try #require(throws: OCISigningError.self) { try Loopback.signer().sign(request) }
            #expect(refusal.code == .invalidTarget)

            // Sign the path as written through the HTTP-types API, then send it with URLSession.
            let verbatim = HTTPRequest(method: .post, scheme: "http", authority: "127.0.0.1:\(port)", path: written)
            let signed = try Loopback.signer().sign(verbatim, body: .bytes(Loopback.referenceBody))
            for field in signed.addedFields { request.setValue(field.value, forHTTPHeaderField: field.name.rawName) }
            let (_, response) = try await send(request)
            let seen = try #require(await server.log.last)
            #expect(seen.target == sent)
            #expect(response.statusCode == 401)
            #expect(seen.verification.failure?.code == "badSignature")
        }
    }

    /// What libcurl does with percent-encoded dot segments (`%2e`), measured: sent as written.
    /// The signer refuses them anyway (a server or proxy may decode and resolve them).
    @Test func percentEncodedDotSegmentsAreSentAsWrittenButRefused() async throws {
        let server = try Loopback.server()
        try await server.withRunningServer { port in
            let written = "/20160918/a/%2e%2E/b"
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(written)")!)
            #expect(throws: OCISigningError.self) { try Loopback.signer().sign(request) }
            let verbatim = try Loopback.signer().sign(HTTPRequest(method: .get, scheme: "http", authority: "127.0.0.1:\(port)", path: written))
            for field in verbatim.addedFields { request.setValue(field.value, forHTTPHeaderField: field.name.rawName) }
            _ = try await send(request)
            let seen = try #require(await server.log.last)
            #expect(seen.target == written)
        }
    }

    @Test func aBodyChangedAfterSigningIsRefused() async throws {
        let server = try Loopback.server()
        try await server.withRunningServer { port in
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/20160918/volumeBackups")!)
            request.httpMethod = "POST"
            request.httpBody = Data(Loopback.referenceBody)
            var tampered = try Loopback.signer().sign(request).urlRequest
            var body = Loopback.referenceBody
            body[10] ^= 0x01
            tampered.httpBody = Data(body)
            let (data, response) = try await send(tampered)
            #expect(response.statusCode == 401)
            let error = try JSONDecoder().decode(Loopback.ErrorBody.self, from: data)
            #expect(error.code == "NotAuthenticated")
            let failure = try #require(await server.log.last?.verification.failure)
            #expect(failure.code == "bodyHashMismatch")
            #expect(error.message == failure.description)
        }
    }

    @Test func aRequestSignedWithAnotherKeyIsRefused() async throws {
        let server = try Loopback.server()
        try await server.withRunningServer { port in
            let request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/20160918/volumeBackups")!)
            let signed = try Loopback.signer(key: "rsa3072").sign(request)
            let (data, response) = try await send(signed.urlRequest)
            #expect(response.statusCode == 401)
            #expect(try JSONDecoder().decode(Loopback.ErrorBody.self, from: data).code == "NotAuthenticated")
            #expect(await server.log.last?.verification.failure?.code == "badSignature")
        }
    }

    @Test func theDocumentedSnippetWorksAgainstTheServer() async throws {
        let server = try Loopback.server()
        try await server.withRunningServer { port in
            let (data, response) = try await createVolumeBackup(
                signer: try Loopback.signer(), endpoint: URL(string: "http://127.0.0.1:\(port)")!, json: Data(Loopback.referenceBody))
            #expect(response.statusCode == 200, "\(String(decoding: data, as: UTF8.self))")
        }
    }
}
#endif
