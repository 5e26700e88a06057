#if IntegrationTests
import Foundation
import HTTPTypes
import OCILoopbackServer
import OCISigning

/// A settable clock shared by a provider and the fakes (tokens expire by it).
final class SharedClock: @unchecked Sendable {   // guarded by lock
    private let lock = NSLock()
    private var seconds: Int64
    init(_ seconds: Int64 = Int64(Date().timeIntervalSince1970)) { self.seconds = seconds }
    var now: HTTPDate { lock.withLock { HTTPDate(secondsSince1970: seconds) } }
    var secondsNow: Int64 { lock.withLock { seconds } }
    func set(_ value: Int64) { lock.withLock { seconds = value } }
}

/// The instance metadata service and the X.509 federation endpoint of OCI on one loopback
/// server (`/opc/v2/…` and `POST /v1/x509`), served from `Vectors/federation`, plus the trust a
/// service needs: which tokens it minted, for which session key, until when.
///
/// The federation POST is checked the way OCI's auth service checks it: the signature over
/// `date (request-target) content-length content-type x-content-sha256` must verify with the
/// served certificate's key, the body must match its digest, and the keyId must be
/// `{expected tenancy}/fed-x509/{certificate SHA-1}` with the tenancy recorded by Oracle's SDK.
final class FakeInstanceServices: @unchecked Sendable {   // state guarded by lock
    struct Federation { let body: [UInt8]; let problem: String?; let status: Int }

    private let lock = NSLock()
    private var files: [String: String]
    private var expectedTenancy: String
    private var failuresLeft = 0
    private var minted: [String: (key: OCIPublicKey, exp: Int64)] = [:]
    private var revoked: Set<String> = []
    private(set) var federations: [Federation] = []
    private(set) var metadataPaths: [String] = []
    let clock: SharedClock
    let tokenLifetime: Int64

    static let fixture = "Vectors/federation/instance-principals"

    init(clock: SharedClock, tokenLifetime: Int64 = 1200) throws {
        self.clock = clock
        self.tokenLifetime = tokenLifetime
        var files: [String: String] = [:]
        for name in ["identity/cert.pem", "identity/key.pem", "identity/intermediate.pem", "instance/region"] {
            files[name] = try Repo.text("\(Self.fixture)/imds/\(name)")
        }
        self.files = files
        expectedTenancy = try Self.recordedTenancy()
    }

    /// The tenancy Oracle's SDK derived from the fixture certificate (case.json).
    static func recordedTenancy() throws -> String {
        let meta = try JSONSerialization.jsonObject(with: Data(try Repo.text("\(fixture)/case.json").utf8)) as! [String: Any]
        return (meta["derived"] as! [String: Any])["tenancy_id"] as! String
    }

    func serve(certificate pem: String, tenancy: String) { lock.withLock { files["identity/cert.pem"] = pem; expectedTenancy = tenancy } }
    func failNextFederations(_ count: Int) { lock.withLock { failuresLeft = count } }
    func revoke(_ token: String) { lock.withLock { _ = revoked.insert(token) } }
    var federationLog: [Federation] { lock.withLock { federations } }

    /// The session key of a token this fake minted, while it is valid and not revoked.
    func sessionKey(forKeyID keyID: String) -> OCIPublicKey? {
        guard keyID.hasPrefix("ST$") else { return nil }
        let token = String(keyID.dropFirst(3))
        let now = clock.secondsNow
        return lock.withLock {
            guard let entry = minted[token], !revoked.contains(token), entry.exp > now else { return nil }
            return entry.key
        }
    }

    /// The server; the handler answers IMDS and federation requests.
    func server() -> OCILoopbackHTTPServer {
        OCILoopbackHTTPServer { [self] request, body in answer(request, body) }
    }

    private func answer(_ request: HTTPRequest, _ body: [UInt8]) -> OCILoopbackHTTPServer.Answer {
        let path = request.path ?? ""
        if path.hasPrefix("/opc/v2/") {
            let name = String(path.dropFirst("/opc/v2/".count))
            return lock.withLock {
                metadataPaths.append(name)
                guard request.headerFields[.authorization] == "Bearer Oracle" else { return .init(status: .unauthorized) }
                guard let text = files[name] else { return .init(status: .notFound) }
                return .init(status: .ok, body: Array(text.utf8))
            }
        }
        guard request.method == .post, path == "/v1/x509" else { return .init(status: .notFound) }
        return federate(request, body)
    }

    private func federate(_ request: HTTPRequest, _ body: [UInt8]) -> OCILoopbackHTTPServer.Answer {
        let problem = verifyFederation(request, body)
        return lock.withLock {
            if failuresLeft > 0 {
                failuresLeft -= 1
                federations.append(Federation(body: body, problem: problem, status: 500))
                return .init(status: .internalServerError, body: Array(#"{"code":"InternalServerError","message":"try again"}"#.utf8))
            }
            guard problem == nil, let key = Self.sessionKey(in: body) else {
                federations.append(Federation(body: body, problem: problem ?? "no publicKey", status: 401))
                return .init(status: .unauthorized, body: Array(#"{"code":"NotAuthenticated","message":"bad federation request"}"#.utf8))
            }
            let now = clock.secondsNow
            let token = Self.jwt(["iat": now, "exp": now + tokenLifetime, "jti": Int64(federations.count + 1)])
            minted[token] = (key, now + tokenLifetime)
            federations.append(Federation(body: body, problem: nil, status: 200))
            return .init(status: .ok, body: Array(#"{"token": "\#(token)"}"#.utf8))
        }
    }

    /// nil when the federation request is what OCI's auth service accepts, else why not.
    private func verifyFederation(_ request: HTTPRequest, _ body: [UInt8]) -> String? {
        let (certificatePEM, tenancy) = lock.withLock { (files["identity/cert.pem"] ?? "", expectedTenancy) }
        guard let certificate = try? OCIX509Certificate(pem: Array(certificatePEM.utf8)),
              let authorization = try? OCIRequestVerifier.authorization(of: request) else { return "no parsable Authorization" }
        guard authorization.signedHeaders == ["date", "(request-target)", "content-length", "content-type", "x-content-sha256"] else {
            return "signed headers \(authorization.signedHeaders)"
        }
        guard authorization.keyID == "\(tenancy)/fed-x509/\(certificate.sha1Fingerprint)" else { return "keyId \(authorization.keyID)" }
        guard request.headerFields[.xContentSHA256] == ContentDigest(bytes: body).base64 else { return "body digest" }
        guard let base = try? OCIRequestVerifier.signatureBase(of: request, signedHeaders: authorization.signedHeaders),
              let publicKey = try? certificate.publicKey,
              publicKey.isValidSignature(authorization.signature, for: Array(base.signingString.utf8)) else { return "signature" }
        return nil
    }

    private static func sessionKey(in body: [UInt8]) -> OCIPublicKey? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
              let text = object["publicKey"] as? String, let der = Base64.decode(text) else { return nil }
        return try? OCIPublicKey(der: der)
    }

    /// An unsigned JWT with these claims (the client reads, never verifies, it).
    static func jwt(_ claims: [String: Int64]) -> String {
        func segment(_ object: [String: Any]) -> String {
            let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        return segment(["alg": "RS256", "typ": "JWT"]) + "." + segment(claims) + ".c2lnbmF0dXJl"
    }
}
#endif
