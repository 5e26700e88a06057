import Foundation
import HTTPTypes
import OCIPrincipals
import OCISigning

extension FederationVectorRunner {
    /// `federation/resource-principals/`: every service call Oracle's Python SDK signed with
    /// `ST$<rpst>` (v2.2, v1.1) or `ST$<parent rpst>` with the leaf key (v3.0), the v3.0
    /// parent-token GET and session-token POST, and the v1.1 token GET and session-token POST
    /// signed as the instance principal, byte for byte.
    public static let resourcePrincipals = FederationVectorRunner(folder: "resource-principals") { folder in
        [folder.outcome("v3.0/parent-rpt") { try ExchangeRequestVectors.parentToken(folder) },
         folder.outcome("v3.0/rpst-exchange") { try ExchangeRequestVectors.sessionToken(folder) },
         folder.outcome("v1.1/rpt-request") { try ExchangeRequestVectors.v11Token(folder) },
         folder.outcome("v1.1/rpst-exchange") { try ExchangeRequestVectors.v11SessionToken(folder) }]
            + TokenServiceCallVectors.serviceCalls(in: folder, kind: .resourcePrincipal)
    }

    /// `federation/oke-workload-identity/`: the proxymux POST and its answer, and the service
    /// call signed with `ST$<rpst>` and the session key whose public half was posted as `podKey`.
    public static let okeWorkloadIdentity = FederationVectorRunner(folder: "oke-workload-identity") { folder in
        [folder.outcome("proxymux") { try ExchangeRequestVectors.proxymuxRequest(folder) },
         folder.outcome("proxymux-answer") { try ExchangeRequestVectors.proxymuxAnswer(folder) }]
            + TokenServiceCallVectors.serviceCalls(in: folder, kind: .okeWorkloadIdentity)
    }

    /// `federation/session-token/`: the refresh call (`POST /v1/authentication/refresh`) built
    /// from the token, the profile's key and the pinned date, and a service call signed with
    /// `ST$<token>`.
    public static let sessionToken = FederationVectorRunner(folder: "session-token") { folder in
        [folder.outcome("refresh") { try TokenServiceCallVectors.sessionRefresh(folder) }]
            + TokenServiceCallVectors.serviceCalls(in: folder, kind: .securityToken)
    }
}

/// The checks shared by the token-based folders (format: `Vectors/README.md`): each folder
/// holding `key-id.txt` is a recorded service call, re-signed with that key id and its key.
enum TokenServiceCallVectors {
    /// One outcome per service-call folder found up to two levels below `folder`.
    static func serviceCalls(in folder: FederationVectorFolder, kind: OCISigningIdentity.Kind) -> [VectorSuite.Outcome] {
        let calls = serviceCallFolders(in: folder.url)
        if calls.isEmpty {
            return [VectorSuite.Outcome(id: "federation/\(folder.name)/service-calls", failure: "no service-call folder (with key-id.txt)")]
        }
        return calls.map { call in folder.outcome(call) { try serviceCall(folder, call, kind: kind) } }
    }

    /// Relative paths of the folders holding `key-id.txt`, sorted.
    static func serviceCallFolders(in url: URL) -> [String] {
        let files = FileManager.default
        func children(_ relative: String) -> [String] {
            let path = relative.isEmpty ? url.path : url.appendingPathComponent(relative).path
            return ((try? files.contentsOfDirectory(atPath: path)) ?? []).sorted().map { relative.isEmpty ? $0 : "\(relative)/\($0)" }
        }
        let candidates = children("") + children("").flatMap { children($0) }
        return candidates.filter { files.fileExists(atPath: url.appendingPathComponent("\($0)/key-id.txt").path) }.sorted()
    }

    /// The call's key: `sessionKey` in its case.json, relative to the call's folder or else to
    /// the top folder; without it, the top folder's `session-key.pem`.
    static func keyPath(_ folder: FederationVectorFolder, _ call: String, _ meta: [String: Any]) -> String {
        guard let named = meta["sessionKey"] as? String else { return "session-key.pem" }
        let beside = URL(fileURLWithPath: folder.url.appendingPathComponent(call).path).appendingPathComponent(named).standardized
        let prefix = folder.url.standardized.path + "/"
        if FileManager.default.fileExists(atPath: beside.path), beside.path.hasPrefix(prefix) {
            return String(beside.path.dropFirst(prefix.count))
        }
        return named
    }

    /// One service call re-signed from its recorded request, key id and key.
    static func serviceCall(_ folder: FederationVectorFolder, _ call: String, kind: OCISigningIdentity.Kind) throws -> String? {
        let meta = try folder.json("\(call)/case.json")
        let recorded = try folder.recordedRequest("\(call)/request.raw")
        let keyID = try folder.text("\(call)/key-id.txt")
        guard keyID.hasPrefix("ST$"), !keyID.hasPrefix("ST$ST$") else { return "\(call)/key-id.txt: not ST$<token>" }
        let key = try OCIPrivateKey(pem: try folder.text(keyPath(folder, call, meta)))
        let identity = OCISigningIdentity(keyID: keyID, privateKey: key, kind: kind, source: "Vectors",
                                          delegationToken: meta["delegationToken"] as? String)
        guard let method = HTTPRequest.Method(try folder.field(meta, "method", in: "\(call)/case.json")) else {
            throw OCISigningError(.invalidVectorSuite, "not an HTTP method", path: folder.url.appendingPathComponent("\(call)/case.json").path)
        }
        var request = HTTPRequest(method: method, scheme: "http", authority: try folder.field(meta, "host", in: "\(call)/case.json"),
                                  path: try folder.field(meta, "target", in: "\(call)/case.json"))
        for name in ["date", "content-type", "content-length", "x-content-sha256"] {
            if let value = recorded.headers[name], let field = HTTPField.Name(name) { request.headerFields[field] = value }
        }
        let signed = try OCIPrincipalSigning.sign(request, body: .bytes(recorded.body), as: identity)
        if let difference = try folder.compare("\(call)/signing-string.txt", Array(signed.signingString.utf8))
            ?? folder.compare("\(call)/signature.txt", Array(Base64.encode(signed.signature).utf8)) {
            return difference
        }
        return FederationVectorFolder.expectEqual("\(call) signed headers", expected: (meta["signedHeaders"] as? [String])?.joined(separator: " "),
                                                  produced: signed.signatureBase.components.map(\.name).joined(separator: " "))
    }

    /// The UPST refresh request, byte for byte: body, signing string and `Authorization`.
    static func sessionRefresh(_ folder: FederationVectorFolder) throws -> String? {
        let meta = try folder.json("case.json")
        let request = try OCISessionTokenRefreshRequest(
            endpoint: try folder.field(meta, "refreshEndpoint", in: "case.json"),
            currentToken: try folder.text("token.txt").trimmingCharacters(in: .whitespacesAndNewlines),
            privateKey: try OCIPrivateKey(pem: try folder.text("session-key.pem")),
            date: try HTTPDate(imfFixdate: try folder.field(meta, "date", in: "case.json")))
        return try folder.compare("refresh/body.json", request.body)
            ?? folder.compare("refresh/signing-string.txt", Array(request.signingString.utf8))
            ?? folder.compare("refresh/authorization.txt", Array(request.authorization.utf8))
    }
}
