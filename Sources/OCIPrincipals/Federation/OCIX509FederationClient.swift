import Foundation
import HTTPTypes
import Logging
import OCISigning

/// Sends a federation request and returns the token, with the federation retry rules
/// (3 attempts, 5xx and connection failures only).
struct OCIX509FederationClient: Sendable {
    let transport: any OCIHTTPTransport
    let timeout: Duration
    let retry: OCIRetryPolicy
    let logger: Logger?

    /// The token from `{"token": "…"}`.
    func token(for federation: OCIX509FederationRequest, endpoint: String) async throws(OCISigningError) -> String {
        let step = "federating the instance certificate"
        logger?.debug("federation POST", metadata: ["url": .string(endpoint), "keyId": .string(federation.keyID)])
        let response: OCIHTTPResponse
        do {
            response = try await retry.run { () async throws(OCISigningError) -> OCIHTTPResponse in
                try await transport.send(federation.request, body: federation.body, timeout: timeout)
            }
        } catch {
            throw OCISigningError(.federationFailed, "\(step): POST \(endpoint) failed: \(error.reason)")
        }
        logger?.debug("federation response", metadata: ["url": .string(endpoint), "status": .stringConvertible(response.status)])
        guard response.isSuccess else {
            throw OCISigningError(.federationFailed, "\(step): POST \(endpoint) answered HTTP \(response.status)\(Self.serviceError(response.body))")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] else {
            throw OCISigningError(.federationFailed, "\(step): the answer of POST \(endpoint) is not JSON")
        }
        guard let token = object["token"] as? String, !token.isEmpty else {
            throw OCISigningError(.federationFailed, "\(step): the answer of POST \(endpoint) has no 'token'")
        }
        return token
    }

    /// ` (NotAuthenticated: message)` from an OCI error body, clipped; empty otherwise.
    static func serviceError(_ body: [UInt8]) -> String {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body.prefix(64 * 1024)))) as? [String: Any] else { return "" }
        let code = object["code"] as? String ?? ""
        let message = (object["message"] as? String).map { String($0.prefix(200)) } ?? ""
        if code.isEmpty && message.isEmpty { return "" }
        return " (\([code, message].filter { !$0.isEmpty }.joined(separator: ": ")))"
    }
}
