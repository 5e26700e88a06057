import Foundation
import HTTPTypes
import OCISigning
import OCIRawRequest
import Testing

/// Signing a body given as an AsyncSequence of chunks, against the Python SDK's output for the
/// CreateVolumeBackup reference case (Vectors/cases/create-volume-backup).
@Suite struct StreamedBodyTests {
    static let caseFolder = "Vectors/cases/create-volume-backup"
    /// The raw request file: request line, headers, empty line, 128-byte JSON body.
    let raw: RawHTTPRequest
    let signer: OCIRequestSigner

    init() throws {
        raw = try RawHTTPRequest(parsing: Repo.bytes("\(Self.caseFolder)/request.http"))
        let keyID = try JSONSerialization.jsonObject(with: Data(Repo.bytes("\(Self.caseFolder)/case.json"))) as! [String: Any]
        signer = try OCIRequestSigner(
            keyID: keyID["keyId"] as! String,
            privateKey: OCIPrivateKey(pem: Repo.bytes("Vectors/keys/rsa2048.pem"), passphrase: nil))
    }

    /// The body cut into chunks of the given sizes (cycled), empty chunks included.
    func chunks(of body: [UInt8], sizes: [Int]) -> AsyncStream<ArraySlice<UInt8>> {
        var pieces: [ArraySlice<UInt8>] = []
        var offset = 0
        var index = 0
        while offset < body.count {
            let size = sizes[index % sizes.count]
            index += 1
            pieces.append(body[offset..<min(body.count, offset + size)])
            offset += size
        }
        pieces.append([])
        return AsyncStream { continuation in
            for piece in pieces { continuation.yield(piece) }
            continuation.finish()
        }
    }

    @Test("digest of a chunked body equals the Python SDK's x-content-sha256", arguments: [[1], [7, 0, 64], [128], [1000], [3, 5, 0]])
    func chunkedDigest(sizes: [Int]) async throws {
        let digest = try await ContentDigest(chunks: chunks(of: raw.body, sizes: sizes))
        #expect(digest.base64 == "acK4yFt4XMkgWmEtWvwNUUW6WNYHPIFlgrwI5tb/FSE=")
        #expect(digest.length == 128)
    }

    @Test func emptyStreamHashesLikeAnEmptyBody() async throws {
        let digest = try await ContentDigest(chunks: AsyncStream<[UInt8]> { $0.finish() })
        // SHA-256 of zero bytes (FIPS 180-4 / `printf '' | openssl dgst -sha256 -binary | base64`).
        #expect(digest.base64 == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
        #expect(digest.length == 0)
    }

    @Test func signsAStreamedBodyLikeThePythonSDK() async throws {
        let request = try raw.httpRequest()
        let signed = try await signer.sign(request, bodyChunks: chunks(of: raw.body, sizes: [10, 3]))
        let expected = String(decoding: try Repo.bytes("\(Self.caseFolder)/authorization.txt"), as: UTF8.self)
        #expect(signed.authorization == expected)
        #expect(signed.signingString == String(decoding: try Repo.bytes("\(Self.caseFolder)/signing-string.txt"), as: UTF8.self))
        #expect(signed.request.headerFields[HTTPField.Name("x-content-sha256")!] == "acK4yFt4XMkgWmEtWvwNUUW6WNYHPIFlgrwI5tb/FSE=")
        #expect(signed.request.headerFields[.contentLength] == "128")
    }

    struct StreamBroke: Error {}

    @Test func aFailingStreamIsNotSigned() async throws {
        let failing = AsyncThrowingStream<[UInt8], any Error> { continuation in
            continuation.yield(Array(raw.body.prefix(10)))
            continuation.finish(throwing: StreamBroke())
        }
        await #expect(throws: StreamBroke.self) {
            _ = try await signer.sign(try raw.httpRequest(), bodyChunks: failing)
        }
    }

    @Test func aStreamThatDisagreesWithTheDeclaredLengthIsRefused() async throws {
        var request = try raw.httpRequest()
        request.headerFields[.contentLength] = "129"
        await #expect(throws: OCISigningError.self) {
            _ = try await signer.sign(request, bodyChunks: chunks(of: raw.body, sizes: [50]))
        }
        do {
            _ = try await signer.sign(request, bodyChunks: chunks(of: raw.body, sizes: [50]))
        } catch let error as OCISigningError {
            #expect(error.code == .contentLengthMismatch)
        }
    }
}
