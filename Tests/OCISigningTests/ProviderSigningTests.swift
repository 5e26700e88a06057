import HTTPTypes
import OCISigning
import TestSupport
import Testing

/// `sign(_:)` through a provider: the identity's key id and key, and its delegation token sent
/// and signed as `opc-obo-token`. Expected signatures come from the `openssl` command line.
@Suite struct ProviderSigningTests {
    static let date = "Thu, 05 Jan 2014 21:31:40 GMT"
    let directory: TemporaryDirectory
    let keyFile: String
    let key: OCIPrivateKey

    init() throws {
        directory = try TemporaryDirectory()
        keyFile = directory.file("key.pem")
        try OpenSSLTool.run(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", keyFile])
        key = try OCIPrivateKey(pemFile: keyFile)
    }

    var request: HTTPRequest {
        var fields = HTTPFields()
        fields[.date] = Self.date
        return HTTPRequest(method: .get, scheme: "https", authority: "iaas.us-ashburn-1.oraclecloud.com", path: "/20160918/instances", headerFields: fields)
    }

    @Test("a delegation token is sent and signed as opc-obo-token, after host")
    func delegationToken() async throws {
        let identity = OCISigningIdentity(keyID: "ST$session", privateKey: key, kind: .instancePrincipal, source: "a test",
                                          delegationToken: "obo.token.value")
        let signed = try await OCIStaticIdentityProvider(identity).sign(request)
        let expected = "date: \(Self.date)\n(request-target): get /20160918/instances\nhost: iaas.us-ashburn-1.oraclecloud.com\nopc-obo-token: obo.token.value"
        #expect(signed.signingString == expected)
        #expect(signed.request.headerFields[.opcOboToken] == "obo.token.value")
        #expect(signed.signature == (try OpenSSLTool.signature(keyFile: keyFile, message: Array(expected.utf8))))
        #expect(signed.authorization.contains("keyId=\"ST$session\""))
    }

    @Test("without a delegation token nothing is added; the caching provider signs the same bytes")
    func plainIdentity() async throws {
        let base = OCIStaticIdentityProvider(keyID: "ocid1.tenancy.oc1..t/ocid1.user.oc1..u/\(try key.fingerprint)", privateKey: key)
        let signed = try await OCICachingIdentityProvider(base).sign(request)
        let expected = "date: \(Self.date)\n(request-target): get /20160918/instances\nhost: iaas.us-ashburn-1.oraclecloud.com"
        #expect(signed.signingString == expected)
        #expect(signed.request.headerFields[.opcOboToken] == nil)
        #expect(signed.signature == (try OpenSSLTool.signature(keyFile: keyFile, message: Array(expected.utf8))))
    }

    @Test("an expired identity is refused before signing")
    func expired() async throws {
        let identity = OCISigningIdentity(keyID: "ST$session", privateKey: key, kind: .securityToken, source: "a test",
                                          expiresAt: HTTPDate(secondsSince1970: 1_000), obtainedAt: HTTPDate(secondsSince1970: 0))
        let error = await #expect(throws: OCISigningError.self) { try await OCIStaticIdentityProvider(identity).sign(request) }
        #expect(error?.code == .identityExpired)
    }

    @Test("the Python SDK's delegation-token vector (doc-key-obo-get), signed through a provider")
    func oboVector() async throws {
        let docs = DocVectors.shared
        let identity = OCISigningIdentity(keyID: docs.keyID, privateKey: try OCIPrivateKey(pem: docs.privateKeyPEM), kind: .apiKey,
                                          source: "a test", delegationToken: "exampleOboToken")
        var fields = HTTPFields()
        fields[.date] = Self.date
        let path = "/20160918/instances?availabilityDomain=Pjwf%3A%20PHX-AD-1&compartmentId=ocid1.compartment.oc1..aaaaaaaam3we6vgnherjq5q2idnccdflvjsnog7mlr6rtdb25gilchfeyjxa&displayName=TeamXInstances&volumeId=ocid1.volume.oc1.phx.abyhqljrgvttnlx73nmrwfaux7kcvzfs3s66izvxf2h4lgvyndsdsnoiwr5q"
        let request = HTTPRequest(method: .get, scheme: "https", authority: "iaas.us-phoenix-1.oraclecloud.com", path: path, headerFields: fields)
        let signed = try await OCIStaticIdentityProvider(identity).sign(request, allowWeakKey: true)
        let expected = String(decoding: try Repo.bytes("Vectors/cases/doc-key-obo-get/authorization.txt"), as: UTF8.self)
        #expect(signed.authorization == expected)
    }
}
