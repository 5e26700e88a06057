import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HTTPTypes
import OpenAPIRuntime

/// A small `ClientTransport` on URLSession for a generated client: the request body collected
/// (up to a limit), the response body returned whole (CreateVolumeBackup answers are small).
///
/// The URL is built the way swift-openapi's transports build it (base URL path + operation
/// path, operation query), which is what OCISigningMiddleware signs.
struct BufferedURLSessionTransport: ClientTransport {
    /// Largest request body sent.
    static let maxRequestBody = 1 << 20

    func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws -> (HTTPResponse, HTTPBody?) {
        guard var components = URLComponents(string: baseURL.absoluteString), let relative = URLComponents(string: request.path ?? "") else {
            throw URLError(.badURL)
        }
        components.percentEncodedPath += relative.percentEncodedPath
        components.percentEncodedQuery = relative.percentEncodedQuery
        guard let url = components.url else { throw URLError(.badURL) }
        var urlRequest = URLRequest(url: url, timeoutInterval: 30)
        urlRequest.httpMethod = request.method.rawValue
        for field in request.headerFields { urlRequest.addValue(field.value, forHTTPHeaderField: field.name.canonicalName) }
        if let body { urlRequest.httpBody = Data(try await [UInt8](collecting: body, upTo: Self.maxRequestBody)) }
        let (data, response) = try await URLSession.shared.data(for: urlRequest)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        var fields = HTTPFields()
        for (name, value) in http.allHeaderFields {
            if let text = name as? String, let fieldName = HTTPField.Name(text), let value = value as? String {
                fields.append(HTTPField(name: fieldName, value: value))
            }
        }
        return (HTTPResponse(status: .init(code: http.statusCode), headerFields: fields), HTTPBody(Array(data)))
    }
}
