import Foundation
import OCISigning
import Testing
import TestSupport
@testable import OCIPrincipals

/// Region → endpoint, against the Python SDK's `oci.regions.endpoint_for("auth", …)` results
/// recorded in the federation spec (§1.6).
@Suite struct RegionTests {
    @Test(arguments: [
        ("us-phoenix-1", "https://auth.us-phoenix-1.oraclecloud.com"),
        ("phx", "https://auth.us-phoenix-1.oraclecloud.com"),
        ("us-langley-1", "https://auth.us-langley-1.oraclegovcloud.com"),
        ("uk-gov-london-1", "https://auth.uk-gov-london-1.oraclegovcloud.uk"),
        ("ap-chiyoda-1", "https://auth.ap-chiyoda-1.oraclecloud8.com"),
        ("xx-unknown-9", "https://auth.xx-unknown-9.oraclecloud.com"),
        ("foo.example.com", "https://auth.foo.example.com"),
    ])
    func authEndpointsMatchThePythonSDK(region: String, endpoint: String) {
        #expect(OCIRegionResolver(environment: [:]).resolveOffline(region).endpoint(service: "auth") == endpoint)
    }

    @Test func unknownRegionsFollowThePythonLookupOrder() async throws {
        let home = try TemporaryDirectory()
        let metadata = #"{"realmKey": "OC99", "realmDomainComponent": "example99.com", "regionKey": "ZZZ", "regionIdentifier": "xx-zed-1"}"#
        #expect(OCIRegionResolver(environment: ["OCI_REGION_METADATA": metadata]).resolveOffline("ZZZ").endpoint(service: "iaas") == "https://iaas.xx-zed-1.example99.com")
        #expect(OCIRegionResolver(environment: ["OCI_DEFAULT_REALM": "example.org"]).resolveOffline("xx-new-1").endpoint(service: "auth") == "https://auth.xx-new-1.example.org")
        try FileManager.default.createDirectory(atPath: home.path + "/.oci", withIntermediateDirectories: true)
        let file = #"[{"realmKey": "oc77", "realmDomainComponent": "file77.com", "regionKey": "zzz", "regionIdentifier": "xx-zed-1"}]"#
        try file.write(toFile: home.path + "/.oci/regions-config.json", atomically: true, encoding: .utf8)
        let both = OCIRegionResolver(environment: ["HOME": home.path, "OCI_REGION_METADATA": metadata])
        #expect(both.resolveOffline("xx-zed-1").domain == "file77.com")  // the file wins over the variable
        #expect(both.resolveOffline("us-ashburn-1").domain == "oraclecloud.com")  // the table wins over both

        let transport = FakeOCITransport(files: ["instance/regionInfo": #"{"realmKey": "OC55", "realmDomainComponent": "imds55.com", "regionKey": "QQQ", "regionIdentifier": "xx-q-1"}"#])
        let imds = try OCIInstanceMetadataClient(baseURL: "http://127.0.0.1:47110/opc/v2", transport: transport, retry: .none)
        let viaIMDS = await OCIRegionResolver(environment: [:], metadata: imds).resolve("xx-q-1")
        #expect(viaIMDS.endpoint(service: "auth") == "https://auth.xx-q-1.imds55.com")
        #expect(viaIMDS.source == "instance metadata regionInfo")
    }

    @Test func tableHasEveryRealmOfTheIssue() {
        let domains = Dictionary(uniqueKeysWithValues: OCIRealm.known.map { ($0.key, $0.domain) })
        #expect(domains["oc1"] == "oraclecloud.com")
        #expect(domains["oc2"] == "oraclegovcloud.com")
        #expect(domains["oc3"] == "oraclegovcloud.com")
        #expect(domains["oc4"] == "oraclegovcloud.uk")
        #expect(domains["oc8"] == "oraclecloud8.com")
        #expect(OCIRegion.named("IAD")?.id == "us-ashburn-1")
        #expect(Set(OCIRegion.known.map(\.realmKey)).isSubset(of: Set(domains.keys)))
    }

    @Test func federationEndpointOverrides() {
        let region = OCIRegionResolver(environment: [:]).resolveOffline("phx")
        #expect(OCIInstancePrincipalConfiguration(environment: [:]).resolvedFederationEndpoint(region: region).url == "https://auth.us-phoenix-1.oraclecloud.com/v1/x509")
        #expect(OCIInstancePrincipalConfiguration(environment: ["OCI_SDK_AUTH_CLIENT_REGION_URL": "http://127.0.0.1:47111/"]).resolvedFederationEndpoint(region: region).url == "http://127.0.0.1:47111/v1/x509")
        #expect(OCIInstancePrincipalConfiguration(federationEndpoint: "http://h/v1/x509", environment: ["OCI_SDK_AUTH_CLIENT_REGION_URL": "http://x"]).resolvedFederationEndpoint(region: region).url == "http://h/v1/x509")
    }

    @Test func metadataBaseURLOverrides() throws {
        #expect(try OCIInstanceMetadataClient(environment: [:]).baseURL == "http://169.254.169.254/opc/v2")
        #expect(try OCIInstanceMetadataClient(environment: ["OCI_METADATA_BASE_URL": "  "]).baseURL == "http://169.254.169.254/opc/v2")
        #expect(try OCIInstanceMetadataClient(environment: ["OCI_METADATA_BASE_URL": "http://127.0.0.1:1/opc/v2/"]).baseURL == "http://127.0.0.1:1/opc/v2")
        #expect(throws: OCISigningError.self) { try OCIInstanceMetadataClient(environment: ["OCI_METADATA_BASE_URL": "ftp://x"]) }
    }
}
