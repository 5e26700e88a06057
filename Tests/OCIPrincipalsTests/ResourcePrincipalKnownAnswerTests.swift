import Foundation
import HTTPTypes
import OCISigning
import Testing
@testable import OCIPrincipals

/// Resource principals v2.2 and v3.0 against what Oracle's Python SDK sent
/// (Vectors/federation/resource-principals, recorded by the shared federation harness).
@Suite struct ResourcePrincipalKnownAnswerTests {
    func provider(_ environment: [String: String], transport: any OCIHTTPTransport = ScriptedTransport { _, _ in OCIHTTPResponse(status: 599) },
                  delegationToken: String? = nil) throws -> OCIResourcePrincipalProvider {
        var configuration = OCIResourcePrincipalConfiguration(environment: environment, delegationToken: delegationToken)
        configuration.exchangeRetry = .none
        let date = RPVectors.date
        return try OCIResourcePrincipalProvider(configuration: configuration, transport: transport, clock: { date })
    }

    @Test(arguments: ["api-get", "api-post"])
    func v22ServiceCallsMatchThePythonSDK(folder: String) async throws {
        let identity = try await provider(RPVectors.inlineEnvironment).identity()
        let recorded = recordedRequest("\(RPVectors.v22)/\(folder)")
        #expect(identity.keyID == FederationVectors.text("\(RPVectors.v22)/\(folder)/key-id.txt"))
        #expect(identity.keyID == "ST$" + RPVectors.rpst)
        let signed = try OCIPrincipalSigning.sign(recorded.request, body: .bytes(recorded.body), as: identity)
        #expect(signed.signingString == FederationVectors.text("\(RPVectors.v22)/\(folder)/signing-string.txt"))
        #expect(signed.signatureBase64 == FederationVectors.text("\(RPVectors.v22)/\(folder)/signature.txt"))
        #expect(signed.signedHeaders == recorded.meta["signedHeaders"] as! [String])
    }

    @Test func v22ClaimsAndRegionAreThoseThePythonSDKReports() async throws {
        let meta = FederationVectors.json("\(RPVectors.v22)/case.json")
        let identity = try await provider(RPVectors.inlineEnvironment).identity()
        #expect(identity.kind == .resourcePrincipal)
        #expect(identity.region == meta["signerRegion"] as? String)
        #expect(identity.tenancy == meta["tenancyIdClaim"] as? String)
        #expect(identity.expiresAt?.secondsSince1970 == RPVectors.rpstExp)
        #expect(!identity.description.contains(RPVectors.rpst) && !identity.source.contains(RPVectors.rpst))
    }

    @Test func v22DelegationSignsTheOboTokenRightAfterHost() async throws {
        let folder = "\(RPVectors.v22)/delegation-get"
        let recorded = recordedRequest(folder)
        let identity = try await provider(RPVectors.inlineEnvironment, delegationToken: recorded.meta["delegationToken"] as? String).identity()
        let signed = try OCIPrincipalSigning.sign(recorded.request, as: identity)
        #expect(signed.signingString == FederationVectors.text("\(folder)/signing-string.txt"))
        #expect(signed.signatureBase64 == FederationVectors.text("\(folder)/signature.txt"))
        #expect(signed.signedHeaders == ["date", "(request-target)", "host", "opc-obo-token"])
    }

    @Test func v3ExchangeRequestsAreByteIdenticalToThePythonSDK() throws {
        let environment = RPVectors.nestedEnvironment
        let leafKey = try OCIPrivateKey(pem: RPVectors.privatePEM)
        let leaf = OCISigningIdentity(keyID: "ST$" + RPVectors.rpst, privateKey: leafKey, kind: .resourcePrincipal, source: "test")
        let get = try OCIResourcePrincipalTokenExchange.parentTokenRequest(
            url: environment["OCI_RESOURCE_PRINCIPAL_RPT_URL_FOR_PARENT_RESOURCE"]!, leaf: leaf, date: RPVectors.date)
        #expect(get.signingString == FederationVectors.text("\(RPVectors.v30)/parent-rpt/signing-string.txt"))
        #expect(get.authorization == FederationVectors.text("\(RPVectors.v30)/parent-rpt/authorization.txt"))
        try expectRecorded(get.request, body: [], in: "\(RPVectors.v30)/parent-rpt/request.raw")

        let tokens = OCIResourcePrincipalTokenExchange.ParentTokens(resourcePrincipalToken: "kat-parent-rpt-ba70b63739eeb7e0",
                                                                    servicePrincipalSessionToken: "kat-spst-0001")
        let post = try OCIResourcePrincipalTokenExchange.sessionTokenRequest(
            endpoint: environment["OCI_RESOURCE_PRINCIPAL_RPST_ENDPOINT_FOR_PARENT_RESOURCE"]!, tokens: tokens,
            sessionPublicKey: leafKey.publicKey, leaf: leaf, date: RPVectors.date)
        #expect(post.body == FederationVectors.bytes("\(RPVectors.v30)/rpst-exchange/body.json"))
        #expect(post.signingString == FederationVectors.text("\(RPVectors.v30)/rpst-exchange/signing-string.txt"))
        #expect(post.authorization == FederationVectors.text("\(RPVectors.v30)/rpst-exchange/authorization.txt"))
        try expectRecorded(post.request, body: post.body, in: "\(RPVectors.v30)/rpst-exchange/request.raw")
    }

    /// Request line, body and every signed header equal the recorded bytes.
    func expectRecorded(_ request: HTTPRequest, body: [UInt8], in path: String) throws {
        let raw = FederationVectors.rawRequest(path)
        #expect(raw.requestLine == "\(request.method.rawValue) \(request.path!) HTTP/1.1")
        #expect(raw.body == body)
        let recorded = Dictionary(raw.headers, uniquingKeysWith: { first, _ in first })
        #expect(recorded["host"] == request.authority)
        for name in ["date", "content-type", "content-length", "x-content-sha256", "authorization"] where recorded[name] != nil || name == "authorization" {
            if request.method == .get && name == "content-type" { continue }  // Python sends it unsigned on the GET; it is not needed
            #expect(request.headerFields[HTTPField.Name(name)!] == recorded[name], "header \(name) of \(path)")
        }
    }

    @Test func v3ProviderExchangesLikeThePythonSDKAndSignsAsTheParentWithTheLeafKey() async throws {
        let transport = ScriptedTransport.nestedKnownAnswers()
        let provider = try provider(RPVectors.nestedEnvironment, transport: transport)
        let identity = try await provider.identity()
        #expect(identity.keyID == "ST$" + RPVectors.parentRPST)
        #expect(identity.keyID == FederationVectors.text("\(RPVectors.v30)/api-get/key-id.txt"))
        #expect(identity.region == "us-phoenix-1")
        let sent = transport.sent
        try #require(sent.count == 2)
        #expect(sent[0].request.method == .get && sent[0].request.path == "/kat/rpv3/parentRpt" && sent[0].request.authority == "127.0.0.1:47112")
        #expect(sent[0].request.headerFields[.authorization] == FederationVectors.text("\(RPVectors.v30)/parent-rpt/authorization.txt"))
        #expect(sent[1].body == FederationVectors.bytes("\(RPVectors.v30)/rpst-exchange/body.json"))
        #expect(sent[1].request.headerFields[.authorization] == FederationVectors.text("\(RPVectors.v30)/rpst-exchange/authorization.txt"))
        #expect(sent[1].request.authority == "127.0.0.1:47111")

        let recorded = recordedRequest("\(RPVectors.v30)/api-get")
        let signed = try OCIPrincipalSigning.sign(recorded.request, as: identity)
        #expect(signed.signingString == FederationVectors.text("\(RPVectors.v30)/api-get/signing-string.txt"))
        #expect(signed.signatureBase64 == FederationVectors.text("\(RPVectors.v30)/api-get/signature.txt"))
    }
}
