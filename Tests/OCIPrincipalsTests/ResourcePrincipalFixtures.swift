import Foundation
import HTTPTypes
import OCISigning
@testable import OCIPrincipals

/// `Vectors/federation/resource-principals/`: Oracle's Python SDK's resource-principal requests.
enum RPVectors {
    static let v22 = "resource-principals/v2.2"
    static let v30 = "resource-principals/v3.0"
    static var date: HTTPDate { try! HTTPDate(imfFixdate: FederationVectors.json("\(v22)/case.json")["date"] as! String) }
    static var rpst: String { FederationVectors.text("\(v22)/rpst.txt") }
    static var rpst2: String { FederationVectors.text("\(v22)/rpst2.txt") }
    static var privatePEM: String { FederationVectors.text("\(v22)/private.pem") }
    static var encryptedPEM: String { FederationVectors.text("\(v22)/private-encrypted.pem") }
    static var passphrase: String { FederationVectors.text("\(v22)/passphrase.txt") }
    static var parentRPST: String { FederationVectors.text("\(v30)/parent-rpst.txt") }
    static var rpstExp: Int64 { (((FederationVectors.json("\(v22)/case.json")["rpstClaims"] as! [String: Any])["exp"]) as! NSNumber).int64Value }

    /// The v2.2 variables with inline values, as in the recorded `inline_values` case.
    static var inlineEnvironment: [String: String] {
        ["OCI_RESOURCE_PRINCIPAL_VERSION": "2.2", "OCI_RESOURCE_PRINCIPAL_RPST": rpst,
         "OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM": privatePEM, "OCI_RESOURCE_PRINCIPAL_REGION": "phx"]
    }

    /// The v3.0 variables of the recorded case, the leaf values filled in from v2.2.
    static var nestedEnvironment: [String: String] {
        var environment = FederationVectors.json("\(v30)/case.json")["env"] as! [String: String]
        environment["OCI_RESOURCE_PRINCIPAL_RPST_FOR_LEAF_RESOURCE"] = rpst
        environment["OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM_FOR_LEAF_RESOURCE"] = privatePEM
        return environment
    }
}

/// An in-process HTTP peer that answers from a closure and records what it was sent.
final class ScriptedTransport: OCIHTTPTransport, @unchecked Sendable {
    struct Sent: Sendable { let request: HTTPRequest; let body: [UInt8] }
    private let lock = NSLock()
    private var answer: @Sendable (HTTPRequest, [UInt8]) -> OCIHTTPResponse
    private(set) var sentRequests: [Sent] = []

    init(_ answer: @escaping @Sendable (HTTPRequest, [UInt8]) -> OCIHTTPResponse) { self.answer = answer }

    var sent: [Sent] { lock.withLock { sentRequests } }
    func setAnswer(_ answer: @escaping @Sendable (HTTPRequest, [UInt8]) -> OCIHTTPResponse) { lock.withLock { self.answer = answer } }

    func send(_ request: HTTPRequest, body: [UInt8], timeout: Duration) async throws(OCISigningError) -> OCIHTTPResponse {
        lock.withLock {
            sentRequests.append(Sent(request: request, body: body))
            return answer(request, body)
        }
    }

    /// The recorded v3.0 answers: the parent RPT for the GET, the parent RPST for the POST.
    static func nestedKnownAnswers() -> ScriptedTransport {
        ScriptedTransport { request, _ in
            request.method == .get
                ? OCIHTTPResponse(status: 200, body: FederationVectors.bytes("\(RPVectors.v30)/parent-rpt/response.json"))
                : OCIHTTPResponse(status: 200, body: FederationVectors.bytes("\(RPVectors.v30)/rpst-exchange/response.json"))
        }
    }
}

/// A request with the signed headers a recorded raw request carried, ready to sign again.
func recordedRequest(_ folder: String) -> (request: HTTPRequest, body: [UInt8], meta: [String: Any]) {
    let meta = FederationVectors.json("\(folder)/case.json")
    let raw = FederationVectors.rawRequest("\(folder)/request.raw")
    var request = HTTPRequest(method: HTTPRequest.Method(meta["method"] as! String)!, scheme: "http",
                              authority: meta["host"] as? String, path: meta["target"] as? String)
    let recorded = Dictionary(raw.headers, uniquingKeysWith: { first, _ in first })
    for name in ["date", "content-type", "content-length", "x-content-sha256"] {
        if let value = recorded[name] { request.headerFields[HTTPField.Name(name)!] = value }
    }
    return (request, raw.body, meta)
}
