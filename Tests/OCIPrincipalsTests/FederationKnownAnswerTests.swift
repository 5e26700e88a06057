import Foundation
import HTTPTypes
import OCISigning
import Testing
@testable import OCIPrincipals

/// The federation request and the token-signed service calls, byte for byte as Oracle's Python
/// SDK sent them (Vectors/federation, recorded by the shared federation harness).
@Suite struct FederationKnownAnswerTests {
    let ip = FederationVectors.ip

    func federationRequest() throws -> OCIX509FederationRequest {
        let imds = FederationVectors.imds
        return try OCIX509FederationRequest(
            endpoint: FederationVectors.json("\(ip)/case.json")["federationEndpoint"] as! String,
            leafCertificatePEM: imds["identity/cert.pem"]!,
            leafPrivateKey: OCIPrivateKey(pem: imds["identity/key.pem"]!),
            intermediateCertificatesPEM: [imds["identity/intermediate.pem"]!],
            sessionPublicKey: FederationVectors.sessionKey.publicKey,
            tenancy: FederationVectors.derived["tenancy_id"]!, date: FederationVectors.date)
    }

    @Test func federationRequestIsByteIdenticalToThePythonSDK() throws {
        let federation = try federationRequest()
        #expect(federation.body == FederationVectors.bytes("\(ip)/federation/body.json"))
        #expect(federation.signingString == FederationVectors.text("\(ip)/federation/signing-string.txt"))
        #expect(federation.authorization == FederationVectors.text("\(ip)/federation/authorization.txt"))
        #expect(federation.keyID == FederationVectors.derived["federation_key_id"])

        let raw = FederationVectors.rawRequest("\(ip)/federation/request.raw")
        #expect(raw.requestLine == "\(federation.request.method.rawValue) \(federation.request.path!) HTTP/1.1")
        #expect(raw.body == federation.body)
        let recorded = Dictionary(raw.headers, uniquingKeysWith: { first, _ in first })
        #expect(recorded["host"] == federation.request.authority)
        for name in ["content-length", "content-type", "date", "x-content-sha256", "authorization"] {
            #expect(federation.request.headerFields[HTTPField.Name(name)!] == recorded[name], "header \(name)")
        }
        // The signature verifies with the leaf certificate, not with the session key.
        let leaf = try OCIX509Certificate(pem: FederationVectors.bytes("\(ip)/imds/identity/cert.pem"))
        let signature = try #require(federation.authorization.split(separator: "\"").drop { $0 != ",signature=" }.dropFirst().first)
        #expect(try leaf.publicKey.isValidSignature(Base64.decode(String(signature))!, for: Array(federation.signingString.utf8)))
    }

    @Test func providerFederatesExactlyLikeThePythonSDK() async throws {
        let transport = FakeOCITransport()
        transport.update { $0.federationResponses = [OCIHTTPResponse(status: 200, body: FederationVectors.bytes("\(ip)/federation/response.json"))] }
        let clock = TestClock(FederationVectors.date.secondsSince1970)
        let sessionKey = FederationVectors.sessionKey
        let provider = try OCIInstancePrincipalProvider(configuration: testConfiguration(), transport: transport,
                                                        clock: { clock.now }, sessionKeys: { sessionKey })
        let identity = try await provider.identity()
        #expect(identity.keyID == "ST$" + FederationVectors.token)
        #expect(identity.tenancy == FederationVectors.derived["tenancy_id"])
        #expect(identity.region == FederationVectors.derived["region"])
        #expect(identity.expiresAt?.secondsSince1970 == FederationVectors.tokenExp)
        #expect(identity.kind == .instancePrincipal)
        #expect(!identity.description.contains(FederationVectors.token))
        let posted = try #require(transport.federations.first)
        #expect(posted.body == FederationVectors.bytes("\(ip)/federation/body.json"))
        #expect(posted.request.headerFields[.authorization] == FederationVectors.text("\(ip)/federation/authorization.txt"))
        #expect(transport.imdsRequests.map { $0.request.path! } == ["/opc/v2/instance/region", "/opc/v2/identity/cert.pem",
                                                                  "/opc/v2/identity/key.pem", "/opc/v2/identity/intermediate.pem"])
        #expect(transport.imdsRequests.allSatisfy { $0.request.headerFields[.authorization] == "Bearer Oracle" })
    }

    @Test(arguments: ["api-get", "api-post", "delegation-get", "delegation-post"])
    func serviceCallsSignedWithTheTokenMatchThePythonSDK(folder: String) throws {
        let meta = FederationVectors.json("\(ip)/\(folder)/case.json")
        let raw = FederationVectors.rawRequest("\(ip)/\(folder)/request.raw")
        let keyID = FederationVectors.text("\(ip)/\(folder)/key-id.txt")
        let identity = OCISigningIdentity(keyID: keyID, privateKey: FederationVectors.sessionKey, kind: .instancePrincipal,
                                          source: "test", delegationToken: meta["delegationToken"] as? String)
        var request = HTTPRequest(method: HTTPRequest.Method(meta["method"] as! String)!, scheme: "http",
                                  authority: meta["host"] as? String, path: meta["target"] as? String)
        let recorded = Dictionary(raw.headers, uniquingKeysWith: { first, _ in first })
        for name in ["date", "content-type", "content-length", "x-content-sha256"] {
            if let value = recorded[name] { request.headerFields[HTTPField.Name(name)!] = value }
        }
        let signed = try OCIPrincipalSigning.sign(request, body: .bytes(raw.body), as: identity)
        #expect(signed.signingString == FederationVectors.text("\(ip)/\(folder)/signing-string.txt"))
        #expect(Base64.encode(signed.signature) == FederationVectors.text("\(ip)/\(folder)/signature.txt"))
        #expect(signed.components.map(\.name) == meta["signedHeaders"] as! [String])
    }
}
