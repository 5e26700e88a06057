import Foundation
import HTTPTypes
import OCIPrincipals
import OCISigning

extension FederationVectorRunner {
    /// `federation/instance-principals/`: the X.509 federation request Oracle's Python SDK sent,
    /// the certificate-derived values, the token, the region, and every service call signed
    /// with `ST$<token>` (folders holding `key-id.txt`), each byte for byte.
    public static let instancePrincipals = FederationVectorRunner(folder: "instance-principals") { folder in
        var outcomes = [
            folder.outcome("certificate") { try InstancePrincipalVectors.certificate(folder) },
            folder.outcome("federation") { try InstancePrincipalVectors.federation(folder) },
            folder.outcome("token") { try InstancePrincipalVectors.token(folder) },
            folder.outcome("region") { try InstancePrincipalVectors.region(folder) },
        ]
        let calls = ((try? FileManager.default.contentsOfDirectory(atPath: folder.url.path)) ?? []).sorted()
            .filter { FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("\($0)/key-id.txt").path) }
        if calls.isEmpty { outcomes.append(VectorSuite.Outcome(id: "federation/instance-principals/service-calls", failure: "no service-call folder (with key-id.txt)")) }
        for call in calls { outcomes.append(folder.outcome(call) { try InstancePrincipalVectors.serviceCall(folder, call) }) }
        return outcomes
    }
}

/// The checks of `federation/instance-principals/` (format: `Vectors/README.md`).
enum InstancePrincipalVectors {
    static func derived(_ folder: FederationVectorFolder) throws(OCISigningError) -> [String: Any] {
        guard let derived = try folder.json("case.json")["derived"] as? [String: Any] else {
            throw OCISigningError(.invalidVectorSuite, "lacks 'derived'", path: folder.url.appendingPathComponent("case.json").path)
        }
        return derived
    }

    /// Tenancy from the parsed subject, SHA-1 fingerprint of the leaf's DER.
    static func certificate(_ folder: FederationVectorFolder) throws -> String? {
        let derived = try derived(folder)
        let leaf = try OCIX509Certificate(pem: try folder.bytes("imds/identity/cert.pem"))
        return FederationVectorFolder.expectEqual("tenancy", expected: derived["tenancy_id"] as? String, produced: leaf.subject.ociTenancy)
            ?? FederationVectorFolder.expectEqual("leaf SHA-1", expected: derived["leaf_fingerprint_sha1"] as? String, produced: leaf.sha1Fingerprint)
    }

    /// The POST /v1/x509 built from imds/, the session key, the pinned date and the endpoint.
    static func federation(_ folder: FederationVectorFolder) throws -> String? {
        let meta = try folder.json("case.json")
        let derived = try derived(folder)
        let tenancy = try folder.field(derived, "tenancy_id", in: "case.json")
        let request = try OCIX509FederationRequest(
            endpoint: try folder.field(meta, "federationEndpoint", in: "case.json"),
            leafCertificatePEM: try folder.text("imds/identity/cert.pem"),
            leafPrivateKey: try OCIPrivateKey(pem: try folder.text("imds/identity/key.pem")),
            intermediateCertificatesPEM: [try folder.text("imds/identity/intermediate.pem")],
            sessionPublicKey: try OCIPrivateKey(pem: try folder.text("session-key.pem")).publicKey,
            tenancy: tenancy, date: try HTTPDate(imfFixdate: try folder.field(meta, "date", in: "case.json")))
        if let difference = try folder.compare("federation/body.json", request.body)
            ?? folder.compare("federation/signing-string.txt", Array(request.signingString.utf8))
            ?? folder.compare("federation/authorization.txt", Array(request.authorization.utf8)) {
            return difference
        }
        if let difference = FederationVectorFolder.expectEqual("keyId", expected: derived["federation_key_id"] as? String, produced: request.keyID) {
            return difference
        }
        let recorded = try folder.recordedRequest("federation/request.raw")
        let line = "\(request.request.method.rawValue) \(request.request.path ?? "") HTTP/1.1"
        if let difference = FederationVectorFolder.expectEqual("federation/request.raw request line", expected: recorded.requestLine, produced: line) {
            return difference
        }
        if recorded.body != request.body { return "federation/request.raw: the body differs from the one built" }
        for name in ["content-length", "content-type", "date", "x-content-sha256", "authorization"] {
            let produced = HTTPField.Name(name).flatMap { request.request.headerFields[$0] }
            if let difference = FederationVectorFolder.expectEqual("federation/request.raw \(name)", expected: recorded.headers[name], produced: produced) {
                return difference
            }
        }
        return nil
    }

    /// The token in the response, and its `exp`/`iat` read without verifying it.
    static func token(_ folder: FederationVectorFolder) throws -> String? {
        let token = try folder.text("token.txt").trimmingCharacters(in: .whitespacesAndNewlines)
        let response = try folder.json("federation/response.json")
        if let difference = FederationVectorFolder.expectEqual("token.txt vs federation/response.json", expected: response["token"] as? String, produced: token) {
            return difference
        }
        let claims = try OCISecurityTokenClaims(token: token, source: "token.txt")
        let recorded = try folder.json("case.json")["token"] as? [String: Any]
        let exp = (recorded?["exp"] as? NSNumber)?.int64Value, iat = (recorded?["iat"] as? NSNumber)?.int64Value
        return FederationVectorFolder.expectEqual("exp", expected: exp.map(String.init), produced: String(claims.expiresAt.secondsSince1970))
            ?? FederationVectorFolder.expectEqual("iat", expected: iat.map(String.init), produced: claims.issuedAt.map { String($0.secondsSince1970) })
    }

    /// IMDS `instance/region` through the region table, and the federation endpoint it gives.
    static func region(_ folder: FederationVectorFolder) throws -> String? {
        let derived = try derived(folder)
        let short = try folder.text("imds/instance/region").trimmingCharacters(in: .whitespacesAndNewlines)
        let resolved = OCIRegionResolver(environment: [:]).resolveOffline(short)
        return FederationVectorFolder.expectEqual("region of '\(short)'", expected: derived["region"] as? String, produced: resolved.id)
            ?? FederationVectorFolder.expectEqual("default federation endpoint", expected: derived["default_federation_endpoint"] as? String,
                                                  produced: resolved.federationEndpoint)
    }

    /// One service call: its key id must be `ST$<token.txt>`; then the recorded request is
    /// re-signed with it and the session key, as for every token-based folder.
    static func serviceCall(_ folder: FederationVectorFolder, _ call: String) throws -> String? {
        let keyID = try folder.text("\(call)/key-id.txt")
        let token = try folder.text("token.txt").trimmingCharacters(in: .whitespacesAndNewlines)
        if let difference = FederationVectorFolder.expectEqual("\(call)/key-id.txt", expected: "ST$" + token, produced: keyID) { return difference }
        return try TokenServiceCallVectors.serviceCall(folder, call, kind: .instancePrincipal)
    }
}
