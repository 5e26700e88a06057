import Foundation
import HTTPTypes
import OCIPrincipals
import OCISigning

/// The token-exchange requests of `federation/` rebuilt with this build's code and compared
/// with what Oracle's Python SDK sent (format: `Vectors/README.md`): the RP v3.0 parent-token
/// GET and session-token POST, the RP v1.1 token GET and session-token POST, and the OKE
/// proxymux POST and its answer.
enum ExchangeRequestVectors {
    /// `resource-principals/v3.0/parent-rpt`: the GET signed as the leaf at the pinned date.
    static func parentToken(_ folder: FederationVectorFolder) throws -> String? {
        let (meta, leaf, date) = try v30Inputs(folder)
        let env = meta["env"] as? [String: Any] ?? [:]
        let built = try OCIExchangeKnownAnswers.resourcePrincipalParentToken(
            url: try folder.field(env, "OCI_RESOURCE_PRINCIPAL_RPT_URL_FOR_PARENT_RESOURCE", in: "v3.0/case.json"), leaf: leaf, date: date)
        return try compare(folder, "v3.0/parent-rpt", built)
    }

    /// `resource-principals/v3.0/rpst-exchange`: the POST of the parent's tokens (from
    /// `parent-rpt/response.json`) and the leaf key's SPKI, signed as the leaf.
    static func sessionToken(_ folder: FederationVectorFolder) throws -> String? {
        let (meta, leaf, date) = try v30Inputs(folder)
        let env = meta["env"] as? [String: Any] ?? [:]
        let parent = try folder.json("v3.0/parent-rpt/response.json")
        let built = try OCIExchangeKnownAnswers.resourcePrincipalSessionToken(
            endpoint: try folder.field(env, "OCI_RESOURCE_PRINCIPAL_RPST_ENDPOINT_FOR_PARENT_RESOURCE", in: "v3.0/case.json"),
            resourcePrincipalToken: try folder.field(parent, "resourcePrincipalToken", in: "v3.0/parent-rpt/response.json"),
            servicePrincipalSessionToken: try folder.field(parent, "servicePrincipalSessionToken", in: "v3.0/parent-rpt/response.json"),
            sessionPublicKey: leaf.privateKey.publicKey, leaf: leaf, date: date)
        return try compare(folder, "v3.0/rpst-exchange", built)
    }

    /// `resource-principals/v1.1/rpt-request`: the GET of the resource's token at
    /// `RPT_ENDPOINT` + `RPT_PATH`, signed as the instance principal (`instance-token.txt`,
    /// `instance-session-key.pem`) at the pinned date; the same builder as the v3.0 GET.
    static func v11Token(_ folder: FederationVectorFolder) throws -> String? {
        let (meta, instance, date) = try v11Inputs(folder)
        let env = meta["env"] as? [String: Any] ?? [:]
        let url = try folder.field(env, "OCI_RESOURCE_PRINCIPAL_RPT_ENDPOINT", in: "v1.1/case.json")
            + (try folder.field(env, "OCI_RESOURCE_PRINCIPAL_RPT_PATH", in: "v1.1/case.json"))
        let built = try OCIExchangeKnownAnswers.resourcePrincipalParentToken(url: url, leaf: instance, date: date)
        return try compare(folder, "v1.1/rpt-request", built)
    }

    /// `resource-principals/v1.1/rpst-exchange`: the POST of the tokens in
    /// `rpt-request/response.json` and the public half of `session-key.pem` (the new key),
    /// signed as the instance principal, to the endpoint the SDK derived (the recorded host).
    static func v11SessionToken(_ folder: FederationVectorFolder) throws -> String? {
        let (_, instance, date) = try v11Inputs(folder)
        let answer = try folder.json("v1.1/rpt-request/response.json")
        guard let host = try folder.recordedRequest("v1.1/rpst-exchange/request.raw").headers["host"] else {
            return "v1.1/rpst-exchange/request.raw: no Host header"
        }
        let built = try OCIExchangeKnownAnswers.resourcePrincipalSessionToken(
            endpoint: "http://\(host)",
            resourcePrincipalToken: try folder.field(answer, "resourcePrincipalToken", in: "v1.1/rpt-request/response.json"),
            servicePrincipalSessionToken: try folder.field(answer, "servicePrincipalSessionToken", in: "v1.1/rpt-request/response.json"),
            sessionPublicKey: try OCIPrivateKey(pem: try folder.text("v1.1/session-key.pem")).publicKey, leaf: instance, date: date)
        return try compare(folder, "v1.1/rpst-exchange", built)
    }

    /// The v1.1 case, the instance identity that signs its two calls, and the pinned date.
    static func v11Inputs(_ folder: FederationVectorFolder) throws -> (meta: [String: Any], instance: OCISigningIdentity, date: HTTPDate) {
        let meta = try folder.json("v1.1/case.json")
        let token = try folder.text("v1.1/instance-token.txt").trimmingCharacters(in: .whitespacesAndNewlines)
        let key = try OCIPrivateKey(pem: try folder.text("v1.1/instance-session-key.pem"))
        let instance = OCISigningIdentity(keyID: "ST$" + token, privateKey: key, kind: .instancePrincipal, source: "Vectors")
        return (meta, instance, try HTTPDate(imfFixdate: try folder.field(meta, "date", in: "v1.1/case.json")))
    }

    /// The v3.0 case, the leaf identity (`ST$<leaf rpst>`, leaf key) and the pinned date.
    static func v30Inputs(_ folder: FederationVectorFolder) throws -> (meta: [String: Any], leaf: OCISigningIdentity, date: HTTPDate) {
        let meta = try folder.json("v3.0/case.json")
        let files = meta["leaf"] as? [String: Any] ?? [:]
        let rpst = try folder.text("v3.0/" + (try folder.field(files, "rpst", in: "v3.0/case.json"))).trimmingCharacters(in: .whitespacesAndNewlines)
        let key = try OCIPrivateKey(pem: try folder.text("v3.0/" + (try folder.field(files, "privatePem", in: "v3.0/case.json"))))
        let leaf = OCISigningIdentity(keyID: "ST$" + rpst, privateKey: key, kind: .resourcePrincipal, source: "Vectors")
        return (meta, leaf, try HTTPDate(imfFixdate: try folder.field(meta, "date", in: "v3.0/case.json")))
    }

    /// `oke-workload-identity/proxymux`: the POST built from the service-account token, the
    /// injected session key and the recorded `opc-request-id` (it is not HTTP-signed).
    static func proxymuxRequest(_ folder: FederationVectorFolder) throws -> String? {
        let meta = try folder.json("case.json")
        guard let port = (meta["port"] as? NSNumber)?.intValue else {
            throw OCISigningError(.invalidVectorSuite, "lacks the number field 'port'", path: folder.url.appendingPathComponent("case.json").path)
        }
        let built = try OCIExchangeKnownAnswers.okeProxymux(
            endpoint: "https://\(try folder.field(meta, "host", in: "case.json")):\(port)/resourcePrincipalSessionTokens",
            serviceAccountToken: try folder.text("service-account-token").trimmingCharacters(in: .whitespacesAndNewlines),
            sessionPublicKey: try OCIPrivateKey(pem: try folder.text("session-key.pem")).publicKey,
            requestID: try folder.field(meta, "opcRequestId", in: "case.json"))
        return try compare(folder, "proxymux", built, headers: ["host", "authorization", "content-type", "opc-request-id"])
    }

    /// `oke-workload-identity/proxymux/response.body` read as the provider reads it: `rpst.txt`.
    static func proxymuxAnswer(_ folder: FederationVectorFolder) throws -> String? {
        let rpst = try OCIExchangeKnownAnswers.okeRPST(fromAnswer: try folder.bytes("proxymux/response.body"), endpoint: "the recorded proxymux")
        return FederationVectorFolder.expectEqual("proxymux/response.body token", expected: try folder.text("rpst.txt").trimmingCharacters(in: .whitespacesAndNewlines),
                                                  produced: rpst)
    }

    /// `nil` when `built` matches `dir`: the request line, the body (and `body.json`), the
    /// signing string and `Authorization` files, and each header in `headers` (default: the
    /// ones `Authorization` says are signed) against `request.raw`.
    static func compare(_ folder: FederationVectorFolder, _ dir: String, _ built: OCIExchangeKnownAnswers.Built,
                        headers: [String]? = nil) throws -> String? {
        let recorded = try folder.recordedRequest("\(dir)/request.raw")
        let line = "\(built.request.method.rawValue) \(built.request.path ?? "") HTTP/1.1"
        if let difference = FederationVectorFolder.expectEqual("\(dir)/request.raw request line", expected: recorded.requestLine, produced: line) {
            return difference
        }
        if recorded.body != built.body { return "\(dir)/request.raw: the body differs from the one built" }
        if FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("\(dir)/body.json").path),
           let difference = try folder.compare("\(dir)/body.json", built.body) {
            return difference
        }
        if let signingString = built.signingString {
            if let difference = try folder.compare("\(dir)/signing-string.txt", Array(signingString.utf8))
                ?? folder.compare("\(dir)/authorization.txt", Array((built.authorization ?? "").utf8)) {
                return difference
            }
        }
        for name in headers ?? ["authorization"] + signedHeaderNames(built.authorization) {
            let produced = name == "host" ? built.request.authority : HTTPField.Name(name).flatMap { built.request.headerFields[$0] }
            if let difference = FederationVectorFolder.expectEqual("\(dir)/request.raw \(name)", expected: recorded.headers[name], produced: produced) {
                return difference
            }
        }
        return nil
    }

    /// The `headers="…"` names of an `Authorization: Signature …` value, `(request-target)` left out.
    static func signedHeaderNames(_ authorization: String?) -> [String] {
        guard let authorization, let start = authorization.range(of: "headers=\"") else { return [] }
        let rest = authorization[start.upperBound...]
        return rest.prefix { $0 != "\"" }.split(separator: " ").map(String.init).filter { $0 != "(request-target)" }
    }
}
