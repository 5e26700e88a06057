import AsyncHTTPClient
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import OCISigning
import OCISigningAsyncHTTPClient
import OCISigningFoundation

/// Signs and sends one JSON POST with the chosen client.
enum Transport: String, CaseIterable {
    case urlsession
    case ahc

    func post(url: String, json: [UInt8], signer: OCIRequestSigner, retryToken: String) async throws -> HTTPOutcome {
        switch self {
        case .urlsession: try await Self.postWithURLSession(url: url, json: json, signer: signer, retryToken: retryToken)
        case .ahc: try await Self.postWithAsyncHTTPClient(url: url, json: json, signer: signer, retryToken: retryToken)
        }
    }

    static func postWithURLSession(url: String, json: [UInt8], signer: OCIRequestSigner, retryToken: String) async throws -> HTTPOutcome {
        guard let endpoint = URL(string: url) else { throw UsageError("'\(url)' is not a URL") }
        var request = URLRequest(url: endpoint, timeoutInterval: 30)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(retryToken, forHTTPHeaderField: "opc-retry-token")
        request.httpBody = Data(json)
        let signed = try signer.sign(request)
        let (data, response) = try await URLSession.shared.data(for: signed.urlRequest)
        let http = response as! HTTPURLResponse
        return HTTPOutcome(status: http.statusCode, opcRequestID: http.value(forHTTPHeaderField: "opc-request-id"), body: Array(data))
    }

    static func postWithAsyncHTTPClient(url: String, json: [UInt8], signer: OCIRequestSigner, retryToken: String) async throws -> HTTPOutcome {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "opc-retry-token", value: retryToken)
        let response = try await HTTPClient.shared.execute(request, body: .bytes(json), signedBy: signer, timeout: .seconds(30))
        var body = try await response.body.collect(upTo: 1 << 20)
        return HTTPOutcome(status: Int(response.status.code), opcRequestID: response.headers.first(name: "opc-request-id"),
                           body: body.readBytes(length: body.readableBytes) ?? [])
    }
}
