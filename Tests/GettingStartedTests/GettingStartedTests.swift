import Foundation
import HTTPTypes
import OCISigning
import Testing

/// Runs every snippet of Docs/getting-started.md against the bundled test key and checks the
/// page quotes each one verbatim.
@Suite struct GettingStartedTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
    static func text(_ relative: String) throws -> String { try String(contentsOfFile: path(relative), encoding: .utf8) }

    let tenancy = "ocid1.tenancy.oc1..aaaaaaaaba3pv6wkcr4jqae5f15p2b2m2yt2j6rx32uzr4h25vqstifsfdsq"
    let user = "ocid1.user.oc1..aaaaaaaat5nvwcna5j6aqzjcaty5eqbb6qt2jvpkanghtgdaqedqw3rynjq"
    let compartment = "ocid1.compartment.oc1..example"
    /// The fingerprint Oracle's Python SDK computed for the bundled key (Vectors/keys).
    var fingerprint: String { get throws { try Self.text("Vectors/keys/rsa2048.fingerprint").trimmingCharacters(in: .whitespacesAndNewlines) } }
    var publicKey: OCIPublicKey { get throws { try OCIPublicKey(pemFile: Self.path("Vectors/keys/rsa2048.pub.pem")) } }

    @Test func signedHTTPRequestVerifies() throws {
        let request = try signedListInstances(keyFile: Self.path("Vectors/keys/rsa2048.pem"), tenancy: tenancy, user: user, compartment: compartment)
        let result = OCIRequestVerifier(publicKey: try publicKey).verify(request)
        #expect(result.isValid, "\(result)")
        guard case .valid(let verified) = result else { return }
        #expect(verified.keyID == "\(tenancy)/\(user)/\(try fingerprint)")
    }

    @Test func signedURLRequestVerifies() throws {
        let signer = try OCIRequestSigner(keyID: "\(tenancy)/\(user)/\(try fingerprint)", privateKey: OCIPrivateKey(pemFile: Self.path("Vectors/keys/rsa2048.pem")))
        let urlRequest = try signedInstancesURLRequest(signer: signer, compartment: compartment)
        let url = try #require(urlRequest.url)
        var fields = HTTPFields()
        for (name, value) in urlRequest.allHTTPHeaderFields ?? [:] { fields[try #require(HTTPField.Name(name))] = value }
        #expect(url.host == "iaas.us-ashburn-1.oraclecloud.com")
        let request = HTTPRequest(method: .get, scheme: "https", authority: "iaas.us-ashburn-1.oraclecloud.com",
                                  path: url.path + "?" + (try #require(url.query)), headerFields: fields)
        #expect(request.path == "/20160918/instances?compartmentId=\(compartment)")
        #expect(OCIRequestVerifier(publicKey: try publicKey).verify(request).isValid)
    }

    @Test func profileSignerUsesTheProfilesKeyAndKeyID() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("getting-started-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = folder.appendingPathComponent("key.pem")
        try FileManager.default.copyItem(atPath: Self.path("Vectors/keys/rsa2048.pem"), toPath: key.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key.path)
        let config = folder.appendingPathComponent("config")
        try """
            [DEFAULT]
            user=\(user)
            fingerprint=\(try fingerprint)
            tenancy=\(tenancy)
            region=us-ashburn-1
            key_file=\(key.path)

            """.write(to: config, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: config.path)
        let signer = try profileSigner(configFile: config.path)
        #expect(signer.keyID == "\(tenancy)/\(user)/\(try fingerprint)")
        let signed = try signer.sign(HTTPRequest(method: .get, scheme: "https", authority: "iaas.us-ashburn-1.oraclecloud.com", path: "/20160918/instances"))
        #expect(OCIRequestVerifier(publicKey: try publicKey).verify(signed.request).isValid)
    }

    @Test("the page quotes each compiled snippet verbatim", arguments: [
        "SignedHTTPRequestSnippet.swift", "URLSessionRequestSnippet.swift", "ProfileSignerSnippet.swift",
    ])
    func pageQuotesTheSnippet(file: String) throws {
        let source = try Self.text("Tests/GettingStartedTests/DocSnippets/" + file)
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let begin = try #require(lines.firstIndex(of: "// snippet:begin"))
        let end = try #require(lines.firstIndex(of: "// snippet:end"))
        let quoted = lines[(begin + 1)..<end].joined(separator: "\n")
        #expect(try Self.text("Docs/getting-started.md").contains("```swift\n" + quoted + "\n```"))
    }
}
