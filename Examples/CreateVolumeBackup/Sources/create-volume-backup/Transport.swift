import AsyncHTTPClient
import CoreServicesClient
import Foundation
import HTTPTypes
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import OCISigning
import OCISigningAsyncHTTPClient
import OCISigningFoundation
import OCISigningOpenAPI
import OpenAPIRuntime

/// Signs and sends one CreateVolumeBackup with the chosen stack. Each one re-signs every
/// attempt and, after a `401`, refreshes the identity once and retries once (OCISendPolicy).
enum Transport: String, CaseIterable {
    /// An `HTTPRequest` (swift-http-types) signed with `provider.sign(_:body:)`, sent once.
    case httptypes
    /// `URLSession.send(_:body:signedWith:)`.
    case urlsession
    /// `HTTPClient.execute(_:body:signedWith:timeout:)`.
    case ahc
    /// The client generated from `openapi/openapi.yaml`, signed by `OCISigningMiddleware`.
    case openapi

    func post(base: String, details: CreateVolumeBackupDetails, provider: any OCIIdentityProvider, retryToken: String) async throws -> HTTPOutcome {
        switch self {
        case .httptypes: try await Self.postWithHTTPTypes(base: base, json: try Self.json(details), provider: provider, retryToken: retryToken)
        case .urlsession: try await Self.postWithURLSession(base: base, json: try Self.json(details), provider: provider, retryToken: retryToken)
        case .ahc: try await Self.postWithAsyncHTTPClient(base: base, json: try Self.json(details), provider: provider, retryToken: retryToken)
        case .openapi: try await Self.postWithOpenAPI(base: base, details: details, provider: provider, retryToken: retryToken)
        }
    }

    static func json(_ details: CreateVolumeBackupDetails) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(details))
    }

    /// The lowest level: the library signs a swift-http-types request (no retry, no refresh).
    static func postWithHTTPTypes(base: String, json: [UInt8], provider: any OCIIdentityProvider, retryToken: String) async throws -> HTTPOutcome {
        guard let url = URL(string: base), let scheme = url.scheme, let host = url.host else { throw UsageError("'\(base)' is not a URL") }
        let authority = url.port.map { "\(host):\($0)" } ?? host
        var request = HTTPRequest(method: .post, scheme: scheme, authority: authority, path: url.path + "/20160918/volumeBackups")
        request.headerFields[.contentType] = "application/json"
        request.headerFields[HTTPField.Name("opc-retry-token")!] = retryToken
        let signed = try await provider.sign(request, body: .bytes(json))
        let origin = URL(string: "\(scheme)://\(authority)")!
        let (response, body) = try await BufferedURLSessionTransport().send(signed.request, body: HTTPBody(json), baseURL: origin, operationID: "createVolumeBackup")
        var bytes: [UInt8] = []
        if let body { bytes = try await [UInt8](collecting: body, upTo: 1 << 20) }
        return HTTPOutcome(status: response.status.code, opcRequestID: response.headerFields[HTTPField.Name("opc-request-id")!], body: bytes)
    }

    static func postWithURLSession(base: String, json: [UInt8], provider: any OCIIdentityProvider, retryToken: String) async throws -> HTTPOutcome {
        guard let endpoint = URL(string: base + "/20160918/volumeBackups") else { throw UsageError("'\(base)' is not a URL") }
        var request = URLRequest(url: endpoint, timeoutInterval: 30)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(retryToken, forHTTPHeaderField: "opc-retry-token")
        let (data, response) = try await URLSession.shared.send(request, body: .bytes(json), signedWith: provider)
        return HTTPOutcome(status: response.statusCode, opcRequestID: response.value(forHTTPHeaderField: "opc-request-id"), body: Array(data))
    }

    static func postWithAsyncHTTPClient(base: String, json: [UInt8], provider: any OCIIdentityProvider, retryToken: String) async throws -> HTTPOutcome {
        var request = HTTPClientRequest(url: base + "/20160918/volumeBackups")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "opc-retry-token", value: retryToken)
        let response = try await HTTPClient.shared.execute(request, body: .bytes(json), signedWith: provider, timeout: .seconds(30))
        var body = try await response.body.collect(upTo: 1 << 20)
        return HTTPOutcome(status: Int(response.status.code), opcRequestID: response.headers.first(name: "opc-request-id"),
                           body: body.readBytes(length: body.readableBytes) ?? [])
    }

    /// The generated client's base URL is `{endpoint}/20160918`: the middleware signs that path
    /// prefix plus the operation's `/volumeBackups`, the target the transport sends.
    static func postWithOpenAPI(base: String, details: CreateVolumeBackupDetails, provider: any OCIIdentityProvider, retryToken: String) async throws -> HTTPOutcome {
        guard let serverURL = URL(string: base + "/20160918") else { throw UsageError("'\(base)' is not a URL") }
        let client = Client(serverURL: serverURL, transport: BufferedURLSessionTransport(),
                            middlewares: [OCISigningMiddleware(identityProvider: provider)])
        let body = Components.Schemas.CreateVolumeBackupDetails(
            volumeId: details.volumeId, displayName: details.displayName,
            _type: details.type.flatMap(Components.Schemas.CreateVolumeBackupDetails._TypePayload.init(rawValue:)),
            freeformTags: details.freeformTags.map { .init(additionalProperties: $0) })
        let output = try await client.createVolumeBackup(headers: .init(opcRetryToken: retryToken), body: .json(body))
        // Back to the bytes the other stacks print, so the program's output is the same.
        let encoder = JSONEncoder()
        switch output {
        case .ok(let ok):
            return HTTPOutcome(status: 200, opcRequestID: ok.headers.opcRequestId, body: Array(try encoder.encode(try ok.body.json)))
        case .default(let status, let failure):
            return HTTPOutcome(status: status, opcRequestID: failure.headers.opcRequestId, body: Array(try encoder.encode(try failure.body.json)))
        }
    }
}
