import Foundation
import HTTPTypes
import OCISigning
import Testing
@testable import OCIPrincipals

/// `Vectors/federation/resource-principals/v1.1`: recorded from Oracle's Python SDK by
/// `Vectors/tools/capture_rp_v11.py` against the shared fakes.
enum RPV11Vectors {
    static let folder = "resource-principals/v1.1"
    static var meta: [String: Any] { FederationVectors.json("\(folder)/case.json") }
    static var date: HTTPDate { try! HTTPDate(imfFixdate: meta["date"] as! String) }
    static var rpst: String { FederationVectors.text("\(folder)/rpst.txt") }
    static var instanceToken: String { FederationVectors.text("\(folder)/instance-token.txt") }
    static var recordedEnvironment: [String: String] { meta["env"] as! [String: String] }
    static func host(_ exchange: String) -> String {
        FederationVectors.rawRequest("\(folder)/\(exchange)/request.raw").headers.first { $0.0 == "host" }!.1
    }

    /// The recorded variables, and the RPST endpoint the SDK derived (the fake auth service).
    static var environment: [String: String] {
        var environment = recordedEnvironment
        environment["OCI_RESOURCE_PRINCIPAL_RPST_ENDPOINT"] = "http://" + host("rpst-exchange")
        return environment
    }

    /// The session keys in the order the provider asks for them: the instance principal's,
    /// then the resource principal's (the recorded ones), then others for later exchanges.
    static func keys() -> KeySequence {
        KeySequence(["\(folder)/instance-session-key.pem", "\(folder)/session-key.pem",
                     "instance-principals/session-key.pem", "resource-principals/v2.2/private.pem"])
    }
}

/// Hands out fixture keys in order, cycling; records how many were taken.
final class KeySequence: @unchecked Sendable {
    private let lock = NSLock()
    private let keys: [OCIPrivateKey]
    private(set) var taken = 0
    init(_ paths: [String]) { keys = paths.map { try! OCIPrivateKey(pem: FederationVectors.bytes($0)) } }
    var next: @Sendable () throws(OCISigningError) -> OCIPrivateKey {
        { [self] () throws(OCISigningError) in lock.withLock { defer { taken += 1 }; return keys[taken % keys.count] } }
    }
}

extension ScriptedTransport {
    /// IMDS, `/v1/x509`, the RPT GET and the RPST POST answered with what the fakes answered
    /// the Python SDK; `instanceID` is IMDS `instance/id`.
    static func v11KnownAnswers(instanceID: String = "ocid1.instance.oc1.phx.kat", rpt: OCIHTTPResponse? = nil,
                                rpst: OCIHTTPResponse? = nil) -> ScriptedTransport {
        ScriptedTransport(v11Answers(instanceID: instanceID, rpt: rpt, rpst: rpst))
    }

    static func v11Answers(instanceID: String = "ocid1.instance.oc1.phx.kat", rpt: OCIHTTPResponse? = nil,
                           rpst: OCIHTTPResponse? = nil) -> @Sendable (HTTPRequest, [UInt8]) -> OCIHTTPResponse {
        let folder = RPV11Vectors.folder
        let imds = FederationVectors.imds.merging(["instance/id": instanceID]) { $1 }
        return { request, _ in
            let path = request.path ?? ""
            if path.hasPrefix("/opc/v2/") {
                guard let text = imds[String(path.dropFirst("/opc/v2/".count))] else { return OCIHTTPResponse(status: 404) }
                return OCIHTTPResponse(status: 200, body: Array(text.utf8))
            }
            if path == "/v1/x509" { return OCIHTTPResponse(status: 200, body: FederationVectors.bytes("\(folder)/federation/response.json")) }
            if path == "/v1/resourcePrincipalSessionToken" {
                return rpst ?? OCIHTTPResponse(status: 200, body: FederationVectors.bytes("\(folder)/rpst-exchange/response.json"))
            }
            return rpt ?? OCIHTTPResponse(status: 200, body: FederationVectors.bytes("\(folder)/rpt-request/response.json"))
        }
    }

    func sent(path: String) -> [Sent] { sent.filter { $0.request.path == path } }
}

/// Resource principal v1.1: the instance principal fetches and exchanges the resource's token.
@Suite struct ResourcePrincipalV11Tests {
    func provider(_ environment: [String: String], transport: ScriptedTransport, keys: KeySequence = RPV11Vectors.keys(),
                  clock: TestClock = TestClock(RPV11Vectors.date.secondsSince1970),
                  delegationToken: String? = nil) throws(OCISigningError) -> OCIResourcePrincipalProvider {
        var configuration = OCIResourcePrincipalConfiguration(environment: environment, delegationToken: delegationToken)
        configuration.exchangeRetry = .none
        configuration.instancePrincipal = testConfiguration {
            $0.metadataBaseURL = "http://127.0.0.1:47310/opc/v2"
            $0.federationEndpoint = "http://\(RPV11Vectors.host("federation"))/v1/x509"
            $0.environment = environment
        }
        return try OCIResourcePrincipalProvider(configuration: configuration, transport: transport, clock: { clock.now }, sessionKeys: keys.next)
    }

    @Test func exchangesAreByteIdenticalToThePythonSDK() async throws {
        let folder = RPV11Vectors.folder
        let transport = ScriptedTransport.v11KnownAnswers()
        let identity = try await provider(RPV11Vectors.environment, transport: transport).identity()
        let federation = try #require(transport.sent(path: "/v1/x509").first)
        #expect(federation.body == FederationVectors.bytes("\(folder)/federation/body.json"))
        #expect(federation.request.headerFields[.authorization] == FederationVectors.text("\(folder)/federation/authorization.txt"))
        let rpt = try #require(transport.sent(path: "/kat/rpv3/parentRpt").first)
        #expect(rpt.request.method == .get && rpt.request.authority == RPV11Vectors.host("rpt-request"))
        #expect(rpt.request.headerFields[.authorization] == FederationVectors.text("\(folder)/rpt-request/authorization.txt"))
        let rpst = try #require(transport.sent(path: "/v1/resourcePrincipalSessionToken").first)
        #expect(rpst.body == FederationVectors.bytes("\(folder)/rpst-exchange/body.json"))
        #expect(rpst.request.headerFields[.authorization] == FederationVectors.text("\(folder)/rpst-exchange/authorization.txt"))
        #expect(transport.sent(path: "/opc/v2/instance/id").isEmpty)  // the path has no {id}
        #expect(identity.keyID == "ST$" + RPV11Vectors.rpst)
        #expect(identity.region == "us-phoenix-1")
        #expect(identity.tenancy == (RPV11Vectors.meta["rpstClaims"] as! [String: Any])["res_tenant"] as? String)
    }

    @Test(arguments: ["api-get", "api-post"])
    func serviceCallsMatchThePythonSDK(folder: String) async throws {
        let path = "\(RPV11Vectors.folder)/\(folder)"
        let identity = try await provider(RPV11Vectors.environment, transport: .v11KnownAnswers()).identity()
        let recorded = recordedRequest(path)
        let signed = try OCIPrincipalSigning.sign(recorded.request, body: .bytes(recorded.body), as: identity)
        #expect(signed.signingString == FederationVectors.text("\(path)/signing-string.txt"))
        #expect(signed.signatureBase64 == FederationVectors.text("\(path)/signature.txt"))
        #expect(identity.keyID == FederationVectors.text("\(path)/key-id.txt"))
    }

    @Test func defaultPathTakesTheLowerCasedInstanceIDAndDefaultEndpointTheRegionsAuthService() async throws {
        var environment = RPV11Vectors.recordedEnvironment
        environment["OCI_RESOURCE_PRINCIPAL_RPT_PATH"] = nil
        let transport = ScriptedTransport.v11KnownAnswers(instanceID: "ocid1.instance.oc1.phx.AbC\n")
        _ = try await provider(environment, transport: transport).identity()
        #expect(transport.sent(path: "/opc/v2/instance/id").count == 1)
        #expect(transport.sent(path: "/20180711/resourcePrincipalToken/ocid1.instance.oc1.phx.abc").count == 1)
        let rpst = try #require(transport.sent(path: "/v1/resourcePrincipalSessionToken").first)
        #expect(rpst.request.scheme == "https" && rpst.request.authority == "auth.us-phoenix-1.oraclecloud.com")
    }

    @Test func rptIDReplacesTheInstanceIDWithoutAskingInstanceMetadata() async throws {
        var environment = RPV11Vectors.environment
        environment["OCI_RESOURCE_PRINCIPAL_RPT_PATH"] = "/20180711/resourcePrincipalToken/{id}?kind=fn"
        environment["OCI_RESOURCE_PRINCIPAL_RPT_ID"] = "ocid1.fnfunc.oc1.phx.kat"
        let transport = ScriptedTransport.v11KnownAnswers()
        _ = try await provider(environment, transport: transport).identity()
        #expect(transport.sent(path: "/opc/v2/instance/id").isEmpty)
        #expect(transport.sent(path: "/20180711/resourcePrincipalToken/ocid1.fnfunc.oc1.phx.kat?kind=fn").count == 1)
    }

    @Test func aRejectionFederatesTheInstanceAgainAndExchangesWithANewKey() async throws {
        let transport = ScriptedTransport.v11KnownAnswers()
        let keys = RPV11Vectors.keys()
        let provider = try provider(RPV11Vectors.environment, transport: transport, keys: keys)
        let first = try await provider.identity()
        #expect(try await provider.identity().keyID == first.keyID && transport.sent(path: "/v1/x509").count == 1)  // cached
        let second = try await provider.refresh(afterRejectionOf: first)
        #expect(transport.sent(path: "/v1/x509").count == 2)
        #expect(transport.sent(path: "/v1/resourcePrincipalSessionToken").count == 2)
        #expect(keys.taken == 4)
        #expect(try second.privateKey.publicKey.derRepresentation != first.privateKey.publicKey.derRepresentation)
        #expect(await provider.loadCount == 2)
    }

    @Test func theTokenIsExchangedAgainAheadOfExpiry() async throws {
        let transport = ScriptedTransport.v11KnownAnswers()
        let clock = TestClock(RPV11Vectors.date.secondsSince1970)
        let provider = try provider(RPV11Vectors.environment, transport: transport, clock: clock)
        let exp = try #require(try await provider.identity().expiresAt).secondsSince1970
        clock.set(exp - 301)
        _ = try await provider.identity()
        #expect(transport.sent(path: "/v1/resourcePrincipalSessionToken").count == 1)
        clock.set(exp - 299)  // the recorded tokens live 1200 s: due 300 s before exp
        _ = try await provider.identity()
        #expect(transport.sent(path: "/v1/resourcePrincipalSessionToken").count == 2)
    }

    @Test func delegationTokenGoesOnTheResourcesRequestsOnly() async throws {
        let transport = ScriptedTransport.v11KnownAnswers()
        let identity = try await provider(RPV11Vectors.environment, transport: transport, delegationToken: "kat-rp-obo-token").identity()
        #expect(identity.delegationToken == "kat-rp-obo-token")
        #expect(transport.sent.allSatisfy { $0.request.headerFields[.opcOboToken] == nil })
    }

    @Test func badVariablesAreNamed() async throws {
        func reason(_ change: (inout [String: String]) -> Void) -> (OCISigningError.Code, String)? {
            var environment = RPV11Vectors.environment
            change(&environment)
            do throws(OCISigningError) {
                _ = try provider(environment, transport: .v11KnownAnswers())
                return nil
            } catch { return (error.code, error.reason) }
        }
        let missing = reason { $0["OCI_RESOURCE_PRINCIPAL_RPT_ENDPOINT"] = nil }
        #expect(missing?.0 == .missingConfigValue && missing?.1.contains("OCI_RESOURCE_PRINCIPAL_RPT_ENDPOINT is not set") == true)
        let endpoint = reason { $0["OCI_RESOURCE_PRINCIPAL_RPT_ENDPOINT"] = "ftp://x" }
        #expect(endpoint?.0 == .invalidEndpoint && endpoint?.1.contains("OCI_RESOURCE_PRINCIPAL_RPT_ENDPOINT") == true)
        let rpst = reason { $0["OCI_RESOURCE_PRINCIPAL_RPST_ENDPOINT"] = "not a url" }
        #expect(rpst?.0 == .invalidEndpoint && rpst?.1.contains("OCI_RESOURCE_PRINCIPAL_RPST_ENDPOINT") == true)
        for path in ["relative/{id}", "/a/{name}", "/a b", "/x}"] {
            let bad = reason { $0["OCI_RESOURCE_PRINCIPAL_RPT_PATH"] = path }
            #expect(bad?.0 == .invalidConfigValue && bad?.1.contains("OCI_RESOURCE_PRINCIPAL_RPT_PATH") == true, "\(path)")
        }
        for id in ["a/b", "../x", "a?b", "a%2Fb"] {
            let bad = reason { $0["OCI_RESOURCE_PRINCIPAL_RPT_ID"] = id }
            #expect(bad?.0 == .invalidConfigValue && bad?.1.contains("OCI_RESOURCE_PRINCIPAL_RPT_ID") == true, "\(id)")
        }
    }

    @Test func badAnswersNameTheEndpointAndNeverTheTokens() async throws {
        let cases: [(ScriptedTransport, String)] = [
            (.v11KnownAnswers(rpt: OCIHTTPResponse(status: 200, body: Array("{\"ok\": true}".utf8))), "lacks resourcePrincipalToken"),
            (.v11KnownAnswers(rpt: OCIHTTPResponse(status: 404, body: Array("{\"code\":\"NotAuthorizedOrNotFound\"}".utf8))), "HTTP 404"),
            (.v11KnownAnswers(rpst: OCIHTTPResponse(status: 401)), "/v1/resourcePrincipalSessionToken answered HTTP 401"),
            (.v11KnownAnswers(rpst: OCIHTTPResponse(status: 200, body: Array("{\"token\": \"not-a-jwt\"}".utf8))), "/v1/resourcePrincipalSessionToken"),
            (.v11KnownAnswers(instanceID: "a/b"), "instance id"),
        ]
        for (index, (transport, expected)) in cases.enumerated() {
            var environment = RPV11Vectors.environment
            if index == 4 { environment["OCI_RESOURCE_PRINCIPAL_RPT_PATH"] = nil }
            let error = await #expect(throws: OCISigningError.self) { try await provider(environment, transport: transport).identity() }
            #expect(error?.reason.contains(expected) == true, "\(error?.reason ?? "")")
            #expect(error?.reason.contains(RPV11Vectors.instanceToken) == false && error?.reason.contains("kat-spst-0001") == false)
        }
    }

    @Test func aV30LeafOfVersion11ExchangesForItselfThenForItsParent() async throws {
        var environment: [String: String] = ["OCI_RESOURCE_PRINCIPAL_VERSION": "3.0", "OCI_RESOURCE_PRINCIPAL_VERSION_FOR_LEAF_RESOURCE": "1.1"]
        for (name, value) in RPV11Vectors.environment where name.hasPrefix("OCI_RESOURCE_PRINCIPAL_R") {
            environment[name + "_FOR_LEAF_RESOURCE"] = value
        }
        environment["OCI_RESOURCE_PRINCIPAL_RPT_URL_FOR_PARENT_RESOURCE"] = "http://127.0.0.1:47112/parent/rpt"
        environment["OCI_RESOURCE_PRINCIPAL_RPST_ENDPOINT_FOR_PARENT_RESOURCE"] = "http://127.0.0.1:47111"
        let parentRPST = fakeJWT(["exp": RPV11Vectors.date.secondsSince1970 + 900, "res_tenant": "ocid1.tenancy.oc1..parent"])
        let recordedExchange = ScriptedTransport.v11Answers()
        let transport = ScriptedTransport { request, body in
            guard request.path == "/v1/resourcePrincipalSessionToken", body.contains(Array("kat-parent-rpt-2".utf8)) else {
                return request.path == "/parent/rpt"
                    ? OCIHTTPResponse(status: 200, body: Array("{\"resourcePrincipalToken\": \"kat-parent-rpt-2\", \"servicePrincipalSessionToken\": \"s\"}".utf8))
                    : recordedExchange(request, body)
            }
            return OCIHTTPResponse(status: 200, body: Array("{\"token\": \"\(parentRPST)\"}".utf8))
        }
        let identity = try await provider(environment, transport: transport).identity()
        #expect(identity.keyID == "ST$" + parentRPST && identity.tenancy == "ocid1.tenancy.oc1..parent")
        let parentGet = try #require(transport.sent(path: "/parent/rpt").first)
        #expect(parentGet.request.headerFields[.authorization]?.contains("keyId=\"ST$\(RPV11Vectors.rpst)\"") == true)
        let leafKey = try OCIPrivateKey(pem: FederationVectors.bytes("\(RPV11Vectors.folder)/session-key.pem"))
        #expect(try identity.privateKey.publicKey.derRepresentation == leafKey.publicKey.derRepresentation)
        #expect(transport.sent(path: "/v1/resourcePrincipalSessionToken").count == 2)
    }
}
