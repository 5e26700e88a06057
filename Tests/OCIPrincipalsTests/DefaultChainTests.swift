import Foundation
import OCICredentials
import OCISigning
import Testing
import TestSupport
@testable import OCIPrincipals

/// The default provider chain: explicit method, config profile (Cloud Shell layout included),
/// instance principals behind a probe; "not configured here" versus "configured but broken".
@Suite struct DefaultChainTests {
    let home: TemporaryDirectory
    init() throws {
        home = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: home.path + "/.oci", withIntermediateDirectories: true)
    }

    func options(_ transport: FakeOCITransport, variables: [String: String] = [:], method: OCIAuthMethod? = nil) -> OCIDefaultIdentityChain.Options {
        let environment = CredentialEnvironment(variables: variables, homeDirectory: home.path)
        return OCIDefaultIdentityChain.Options(method: method, environment: environment, instancePrincipal: testConfiguration(),
                                               transport: transport, clock: { HTTPDate(secondsSince1970: 1388957500) })
    }

    func writeConfig(_ text: String) throws {
        try text.write(toFile: home.path + "/.oci/config", atomically: true, encoding: .utf8)
        _ = chmod(home.path + "/.oci/config", 0o600)
    }

    @Test func nothingConfiguredListsEverySourceTried() async throws {
        let transport = FakeOCITransport()
        transport.update { $0.imdsFailure = OCISigningError(.connectionFailed, "cannot connect to 127.0.0.1:47110") }
        let error = await #expect(throws: OCISigningError.self) { try await OCIDefaultIdentityChain(options(transport)).resolve() }
        #expect(error?.code == .noCredentialsFound)
        #expect(error?.reason.contains("config profile [DEFAULT]: not configured here") == true, "\(error?.reason ?? "")")
        #expect(error?.reason.contains("instance principals (instance metadata at http://127.0.0.1:47110/opc/v2): not configured here") == true)
        #expect(transport.imdsRequests.count == 1)  // one short probe, no retries
    }

    @Test func instanceMetadataThatAnswersIsUsed() async throws {
        let transport = FakeOCITransport()
        transport.update { $0.federationResponses = [OCIHTTPResponse(status: 200, body: FederationVectors.bytes("instance-principals/federation/response.json"))] }
        let resolution = try await OCIDefaultIdentityChain(options(transport)).resolve()
        #expect(resolution.method == .instancePrincipal)
        #expect(try await resolution.provider.identity().keyID == "ST$" + FederationVectors.token)
    }

    @Test func cloudShellProfileBuildsADelegationProvider() async throws {
        let token = FederationVectors.json("instance-principals/delegation-get/case.json")["delegationToken"] as! String
        try (token + "\n").write(toFile: home.path + "/.oci/delegation_token", atomically: true, encoding: .utf8)
        try writeConfig("[DEFAULT]\nregion=us-phoenix-1\ntenancy=\(FederationVectors.derived["tenancy_id"]!)\nauthentication_type=instance_principal\ndelegation_token_file=~/.oci/delegation_token\n")
        let transport = FakeOCITransport()
        transport.update { $0.federationResponses = [OCIHTTPResponse(status: 200, body: FederationVectors.bytes("instance-principals/federation/response.json"))] }
        let resolution = try await OCIDefaultIdentityChain(options(transport)).resolve()
        #expect(resolution.method == .instanceOboUser)
        let identity = try await resolution.provider.identity()
        #expect(identity.delegationToken == token)  // read and stripped
        #expect(identity.region == "us-phoenix-1")
        #expect(!transport.imdsRequests.contains { $0.request.path!.hasSuffix("instance/region") })  // the profile's region is used
    }

    @Test func aBrokenProfileStopsTheChainInsteadOfFallingThrough() async throws {
        try writeConfig("[DEFAULT]\ntenancy=ocid1.tenancy.oc1..aaaa\n")
        let transport = FakeOCITransport()
        let error = await #expect(throws: OCISigningError.self) { try await OCIDefaultIdentityChain(options(transport)).resolve() }
        #expect(error?.code == .missingConfigValue)
        #expect(error?.reason.contains("configured but broken") == true)
        #expect(transport.sent.isEmpty)  // instance metadata was never consulted
    }

    @Test func apiKeyProfileIsUsedFirst() async throws {
        _ = try OpenSSLTool.run(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", home.path + "/.oci/key.pem"])
        _ = chmod(home.path + "/.oci/key.pem", 0o600)
        let fingerprint = try OpenSSLTool.fingerprint(keyFile: home.path + "/.oci/key.pem")
        try writeConfig("[DEFAULT]\nuser=ocid1.user.oc1..aaaa\ntenancy=ocid1.tenancy.oc1..bbbb\nfingerprint=\(fingerprint)\nkey_file=~/.oci/key.pem\nregion=us-ashburn-1\n")
        let transport = FakeOCITransport()
        let resolution = try await OCIDefaultIdentityChain(options(transport)).resolve()
        #expect(resolution.method == .apiKey)
        #expect(try await resolution.provider.identity().keyID == "ocid1.tenancy.oc1..bbbb/ocid1.user.oc1..aaaa/\(fingerprint)")
        #expect(transport.sent.isEmpty)
        let error = await #expect(throws: OCISigningError.self) {
            try await OCIDefaultIdentityChain(options(transport, method: .securityToken)).resolve()
        }
        #expect(error?.code == .invalidConfigValue)
    }

    @Test func explicitMethodFromOCICLIAuth() async throws {
        let transport = FakeOCITransport()
        let bad = await #expect(throws: OCISigningError.self) {
            try await OCIDefaultIdentityChain(options(transport, variables: ["OCI_CLI_AUTH": "no_such_method"])).resolve()
        }
        #expect(bad?.code == .unsupportedAuthMethod)
        let resolution = try await OCIDefaultIdentityChain(options(transport, variables: ["OCI_CLI_AUTH": "instance_principal"])).resolve()
        #expect(resolution.method == .instancePrincipal)
        #expect(transport.sent.isEmpty)  // explicit: no probe, nothing fetched until the first identity
        let obo = await #expect(throws: OCISigningError.self) {
            try await OCIDefaultIdentityChain(options(transport, method: .instanceOboUser)).resolve()
        }
        #expect(obo?.code == .missingConfigValue)
    }
}
