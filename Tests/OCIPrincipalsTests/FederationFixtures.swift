import Foundation
import HTTPTypes
import OCISigning
@testable import OCIPrincipals

/// Files of `Vectors/federation/`: known answers recorded from Oracle's Python SDK.
enum FederationVectors {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Vectors/federation")

    static func bytes(_ path: String) -> [UInt8] {
        Array((try? Data(contentsOf: root.appendingPathComponent(path))) ?? Data())
    }

    static func text(_ path: String) -> String { String(decoding: bytes(path), as: UTF8.self) }

    static func json(_ path: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(bytes(path)))) as? [String: Any] ?? [:]
    }

    static let ip = "instance-principals"
    static var date: HTTPDate { try! HTTPDate(imfFixdate: json("\(ip)/case.json")["date"] as! String) }
    static var derived: [String: String] { json("\(ip)/case.json")["derived"] as! [String: String] }
    static var sessionKey: OCIPrivateKey { try! OCIPrivateKey(pem: bytes("\(ip)/session-key.pem")) }
    static var token: String { text("\(ip)/token.txt") }
    static var tokenExp: Int64 { ((json("\(ip)/case.json")["token"] as! [String: Any])["exp"] as! NSNumber).int64Value }

    static var imds: [String: String] {
        var files: [String: String] = [:]
        for name in ["identity/cert.pem", "identity/key.pem", "identity/intermediate.pem", "instance/region"] {
            files[name] = text("\(ip)/imds/\(name)")
        }
        return files
    }

    /// The header fields and body of a recorded raw HTTP/1.1 request.
    static func rawRequest(_ path: String) -> (requestLine: String, headers: [(String, String)], body: [UInt8]) {
        let raw = bytes(path)
        let separator: [UInt8] = [13, 10, 13, 10]
        var split = 0
        for index in 0...(raw.count - 4) where Array(raw[index..<index + 4]) == separator { split = index; break }
        let head = String(decoding: raw[..<split], as: UTF8.self).components(separatedBy: "\r\n")
        let headers = head.dropFirst().map { line -> (String, String) in
            let colon = line.firstIndex(of: ":")!
            return (String(line[..<colon]).lowercased(), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        }
        return (head[0], headers, Array(raw[(split + 4)...]))
    }
}

/// A fake JWT with the given claims (unsigned: the signature segment is filler).
func fakeJWT(_ claims: [String: Any]) -> String {
    func segment(_ object: [String: Any]) -> String {
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
    return segment(["alg": "RS256", "typ": "JWT"]) + "." + segment(claims) + ".c2lnbmF0dXJl"
}

/// A mutable clock shared by a provider and its test.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds: Int64
    init(_ seconds: Int64) { self.seconds = seconds }
    var now: HTTPDate { lock.withLock { HTTPDate(secondsSince1970: seconds) } }
    func set(_ value: Int64) { lock.withLock { seconds = value } }
}

/// An in-process IMDS + auth service. IMDS answers from `files`; `POST /v1/x509` answers with
/// `federationResponses` in turn (the last one repeats), or mints a fake token valid for
/// `tokenLifetime` seconds from `clock`.
final class FakeOCITransport: OCIHTTPTransport, @unchecked Sendable {
    struct Sent: Sendable { let request: HTTPRequest; let body: [UInt8] }

    private let lock = NSLock()
    var files: [String: String]
    var imdsFailure: OCISigningError?
    var imdsStatus: [String: Int] = [:]
    var federationResponses: [OCIHTTPResponse] = []
    var federationDelay: Duration = .zero
    var tokenLifetime: Int64 = 1200
    let clock: TestClock?
    private(set) var sent: [Sent] = []

    init(files: [String: String] = FederationVectors.imds, clock: TestClock? = nil) {
        self.files = files
        self.clock = clock
    }

    func update(_ body: (FakeOCITransport) -> Void) { lock.withLock { body(self) } }

    var federations: [Sent] { lock.withLock { sent.filter { $0.request.method == .post } } }
    var imdsRequests: [Sent] { lock.withLock { sent.filter { $0.request.method == .get } } }

    func send(_ request: HTTPRequest, body: [UInt8], timeout: Duration) async throws(OCISigningError) -> OCIHTTPResponse {
        let path = request.path ?? ""
        let (failure, delay): (OCISigningError?, Duration) = lock.withLock {
            sent.append(Sent(request: request, body: body))
            return (request.method == .get ? imdsFailure : nil, request.method == .post ? federationDelay : .zero)
        }
        if let failure { throw failure }
        if delay > .zero { try? await Task.sleep(for: delay) }
        return lock.withLock { () -> OCIHTTPResponse in
            if request.method == .get {
                guard request.headerFields[.authorization] == "Bearer Oracle" else { return OCIHTTPResponse(status: 401) }
                let name = path.replacingOccurrences(of: "/opc/v2/", with: "")
                if let status = imdsStatus[name] { return OCIHTTPResponse(status: status) }
                guard let text = files[name] else { return OCIHTTPResponse(status: 404) }
                return OCIHTTPResponse(status: 200, body: Array(text.utf8))
            }
            if !federationResponses.isEmpty {
                return federationResponses.count > 1 ? federationResponses.removeFirst() : federationResponses[0]
            }
            let now = clock?.now.secondsSince1970 ?? 1388957500
            let token = fakeJWT(["iat": now, "exp": now + tokenLifetime, "jti": UUID().uuidString, "opc-tenant": "t"])
            return OCIHTTPResponse(status: 200, body: Array("{\"token\": \"\(token)\"}".utf8))
        }
    }
}

/// No waiting between retries in tests.
let noSleep: @Sendable (Duration) async -> Void = { _ in }

func testConfiguration(_ change: (inout OCIInstancePrincipalConfiguration) -> Void = { _ in }) -> OCIInstancePrincipalConfiguration {
    var configuration = OCIInstancePrincipalConfiguration(
        metadataBaseURL: "http://127.0.0.1:47110/opc/v2", federationEndpoint: "http://127.0.0.1:47111/v1/x509", environment: [:])
    configuration.metadataRetry.sleep = noSleep
    configuration.federationRetry.sleep = noSleep
    change(&configuration)
    return configuration
}
