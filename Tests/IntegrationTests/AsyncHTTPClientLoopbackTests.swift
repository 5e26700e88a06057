#if IntegrationTests
import AsyncHTTPClient
import Foundation
import HTTPTypes
import NIOCore
import OCILoopbackServer
import OCISigning
import OCISigningAsyncHTTPClient
import Testing

/// AsyncHTTPClient → loopback OCI server: what was signed is what the server received, and a
/// request changed after signing is refused with OCI's 401.
@Suite(.timeLimit(.minutes(1))) struct AsyncHTTPClientLoopbackTests {
    let client = HTTPClient.shared
    let timeout = TimeAmount.seconds(10)

    func bodyBytes(_ response: HTTPClientResponse) async throws -> [UInt8] {
        var buffer = try await response.body.collect(upTo: 1 << 20)
        return buffer.readBytes(length: buffer.readableBytes) ?? []
    }

    @Test func createVolumeBackupSucceedsAndTheServerSawWhatWasSigned() async throws {
        let server = try Loopback.server()
        try await server.withRunningServer { port in
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/20160918/volumeBackups")
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "opc-retry-token", value: "aliqua enim i")
            let signed = try Loopback.signer().sign(request, body: .bytes(Loopback.referenceBody))
            let response = try await client.execute(signed.request, timeout: timeout)
            let body = try await bodyBytes(response)

            #expect(response.status == .ok, "\(String(decoding: body, as: UTF8.self))")
            let backup = try JSONDecoder().decode(Loopback.VolumeBackup.self, from: Data(body))
            #expect(backup.lifecycleState == "CREATING")
            #expect(backup.volumeId == "dolore")
            #expect(backup.displayName == "fugiat tempor quis")
            #expect(backup.id.hasPrefix("ocid1.volumebackup."))

            let seen = try #require(await server.log.last)
            #expect(response.headers.first(name: "opc-request-id") == seen.opcRequestID)
            #expect(seen.target == "/20160918/volumeBackups")
            #expect(seen.authority == "127.0.0.1:\(port)")
            #expect(seen.body == Loopback.referenceBody)
            #expect(seen.bodyDigest.base64 == "acK4yFt4XMkgWmEtWvwNUUW6WNYHPIFlgrwI5tb/FSE=")   // Python SDK, Vectors case
            #expect(seen.bodyDigest == signed.signed.bodyDigest)
            guard case .valid(let verified) = seen.verification else {
                Issue.record("server refused: \(seen.verification.failure!)")
                return
            }
            #expect(verified.signingString == signed.signed.signingString)
            #expect(verified.components.first { $0.name == "host" }?.value == "127.0.0.1:\(port)")
        }
    }

    @Test("tricky request-targets arrive and are signed byte for byte", arguments: Loopback.trickyTargets + ["/20160918/a/../b/./c"])
    func trickyTargets(target: String) async throws {
        let server = try Loopback.server()
        try await server.withRunningServer { port in
            let signed = try Loopback.signer().sign(HTTPClientRequest(url: "http://127.0.0.1:\(port)\(target)"))
            #expect(signed.wire.target == target)
            let response = try await client.execute(signed.request, timeout: timeout)
            let body = try await bodyBytes(response)
            let seen = try #require(await server.log.last)
            #expect(seen.target == target)                       // AsyncHTTPClient sends dot segments as is
            #expect(seen.verification.isValid, "\(seen.verification.failure.map(String.init(describing:)) ?? "")")
            #expect(response.status == .notFound, "\(String(decoding: body, as: UTF8.self))")   // authenticated, then routed
        }
    }

    @Test func aReplayableStreamedBodyIsHashedThenSent() async throws {
        let server = try Loopback.server()
        try await server.withRunningServer { port in
            let chunks = [Array(Loopback.referenceBody.prefix(50)), Array(Loopback.referenceBody.dropFirst(50))].map { ByteBuffer(bytes: $0) }
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/20160918/volumeBackups")
            request.method = .POST
            let body = try await SignableHTTPClientBody.replayableStream(ReplayableChunks(chunks: chunks), length: Loopback.referenceBody.count)
            let response = try await client.execute(request, body: body, signedBy: try Loopback.signer(), timeout: timeout)
            #expect(response.status == .ok)
            let seen = try #require(await server.log.last)
            #expect(seen.body == Loopback.referenceBody)
            #expect(seen.headerFields[.contentType] == "application/json")   // the signer's default
        }
    }

    @Test func aStreamWithAPrecomputedDigestIsSent() async throws {
        let server = try Loopback.server()
        try await server.withRunningServer { port in
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/20160918/volumeBackups")
            request.method = .POST
            let stream = AsyncStream<ByteBuffer> { continuation in
                continuation.yield(ByteBuffer(bytes: Loopback.referenceBody))
                continuation.finish()
            }
            let body = try SignableHTTPClientBody.stream(stream, length: 128, digest: ContentDigest(bytes: Loopback.referenceBody))
            let response = try await client.execute(request, body: body, signedBy: try Loopback.signer(), timeout: timeout)
            #expect(response.status == .ok)
        }
    }

    // MARK: - Tampering: each answers 401 NotAuthenticated with the verifier's reason.

    func expectNotAuthenticated(_ response: HTTPClientResponse, server: OCILoopbackServer, code: VerificationFailure.Code, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let body = try await bodyBytes(response)
        #expect(response.status == .unauthorized, sourceLocation: sourceLocation)
        #expect(response.headers.first(name: "content-type") == "application/json", sourceLocation: sourceLocation)
        let error = try JSONDecoder().decode(Loopback.ErrorBody.self, from: Data(body))
        #expect(error.code == "NotAuthenticated", sourceLocation: sourceLocation)
        let seen = try #require(await server.log.last, sourceLocation: sourceLocation)
        let failure = try #require(seen.verification.failure, sourceLocation: sourceLocation)
        #expect(failure.code == code, sourceLocation: sourceLocation)
        #expect(error.message == failure.description, sourceLocation: sourceLocation)
        #expect(response.headers.first(name: "opc-request-id") == seen.opcRequestID, sourceLocation: sourceLocation)
    }

    func signedCreate(port: Int, signer: OCIRequestSigner? = nil) throws -> SignedHTTPClientRequest {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/20160918/volumeBackups")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        return try (signer ?? Loopback.signer()).sign(request, body: .bytes(Loopback.referenceBody))
    }

    @Test func aBodyChangedAfterSigningIsRefused() async throws {
        let server = try Loopback.server()
        try await server.withRunningServer { port in
            var request = try signedCreate(port: port).request
            var tampered = Loopback.referenceBody
            tampered[tampered.count - 3] = UInt8(ascii: "X")   // "INCREMENTAL" → "INCREMENTXL", same length
            request.body = .bytes(tampered)
            try await expectNotAuthenticated(try await client.execute(request, timeout: timeout), server: server, code: "bodyHashMismatch")
        }
    }

    @Test func aBodyAndHashChangedTogetherAfterSigningIsRefused() async throws {
        let server = try Loopback.server()
        try await server.withRunningServer { port in
            var request = try signedCreate(port: port).request
            let tampered = Array(#"{"volumeId":"ocid1.volume.oc1..attacker","displayName":"x","type":"FULL"}"#.utf8)
            request.body = .bytes(tampered)
            request.headers.replaceOrAdd(name: "x-content-sha256", value: ContentDigest(bytes: tampered).base64)
            request.headers.replaceOrAdd(name: "content-length", value: String(tampered.count))
            try await expectNotAuthenticated(try await client.execute(request, timeout: timeout), server: server, code: "badSignature")
        }
    }

    @Test func aSignedHeaderChangedAfterSigningIsRefused() async throws {
        let server = try Loopback.server()
        try await server.withRunningServer { port in
            var request = try signedCreate(port: port).request
            request.headers.replaceOrAdd(name: "content-type", value: "application/json; charset=utf-8")
            try await expectNotAuthenticated(try await client.execute(request, timeout: timeout), server: server, code: "badSignature")
        }
    }

    @Test func aHostWithoutItsPortIsRefused() async throws {
        let server = try Loopback.server()
        try await server.withRunningServer { port in
            var request = try signedCreate(port: port).request
            request.headers.replaceOrAdd(name: "host", value: "127.0.0.1")   // signed: 127.0.0.1:<port>
            try await expectNotAuthenticated(try await client.execute(request, timeout: timeout), server: server, code: "badSignature")
            #expect(await server.log.last?.authority == "127.0.0.1")
        }
    }

    @Test func aByteBufferBodyIsSignedAndSent() async throws {
        let server = try Loopback.server()
        try await server.withRunningServer { port in
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/20160918/volumeBackups")
            request.method = .POST
            let signed = try Loopback.signer().sign(request, body: .bytes(ByteBuffer(bytes: Loopback.referenceBody)))
            let response = try await client.execute(signed.request, timeout: timeout)
            #expect(response.status == .ok)
            #expect(await server.log.last?.bodyDigest.base64 == "acK4yFt4XMkgWmEtWvwNUUW6WNYHPIFlgrwI5tb/FSE=")
        }
    }

    @Test func aRequestThatAlreadyHasABodyIsRefused() throws {
        var request = HTTPClientRequest(url: "http://127.0.0.1:1/20160918/volumeBackups")
        request.method = .POST
        request.body = .bytes(Loopback.referenceBody)
        let error = try #require(throws: OCISigningError.self) { try Loopback.signer().sign(request) }
        #expect(error.code == .unhashableBody)
    }

    @Test func aTargetChangedAfterSigningIsRefused() async throws {
        let server = try Loopback.server()
        try await server.withRunningServer { port in
            var request = try Loopback.signer().sign(HTTPClientRequest(url: "http://127.0.0.1:\(port)/20160918/instances?limit=%3a")).request
            request.url = "http://127.0.0.1:\(port)/20160918/instances?limit=%3A"   // only the escape's case differs
            try await expectNotAuthenticated(try await client.execute(request, timeout: timeout), server: server, code: "badSignature")
        }
    }

    @Test func aRequestSignedWithAnotherKeyIsRefused() async throws {
        let server = try Loopback.server()
        try await server.withRunningServer { port in
            let request = try signedCreate(port: port, signer: Loopback.signer(key: "rsa3072")).request
            try await expectNotAuthenticated(try await client.execute(request, timeout: timeout), server: server, code: "badSignature")
        }
    }

    @Test func aStaleDateIsRefused() async throws {
        let server = try Loopback.server()
        try await server.withRunningServer { port in
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/20160918/volumeBackups")
            request.method = .POST
            let tenMinutesAgo = HTTPDate(secondsSince1970: HTTPDate.now().secondsSince1970 - 600)
            let signed = try Loopback.signer().sign(request, body: .bytes(Loopback.referenceBody), options: SigningOptions(date: tenMinutesAgo))
            try await expectNotAuthenticated(try await client.execute(signed.request, timeout: timeout), server: server, code: "dateOutsideWindow")
        }
    }

    @Test func anUnsignedRequestIsRefused() async throws {
        let server = try Loopback.server()
        try await server.withRunningServer { port in
            let request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/20160918/volumeBackups")
            try await expectNotAuthenticated(try await client.execute(request, timeout: timeout), server: server, code: "missingAuthorization")
        }
    }
}

/// An async sequence of fixed chunks that can be iterated any number of times.
struct ReplayableChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let chunks: [ByteBuffer]

    struct AsyncIterator: AsyncIteratorProtocol {
        var remaining: IndexingIterator<[ByteBuffer]>
        mutating func next() async -> ByteBuffer? { remaining.next() }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(remaining: chunks.makeIterator()) }
}
#endif
