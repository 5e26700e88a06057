import Foundation
import OCISignCLI
import OCISigning
import OCIRawRequest

/// Oracle's published test key and requests (Vectors/oracle-docs), written to a temporary
/// directory so the commands can read them as files.
enum DebugFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    nonisolated(unsafe) static let json: [String: Any] = {
        let data = try! Data(contentsOf: root.appendingPathComponent("Vectors/oracle-docs/oci-doc-test-vectors.json"))
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }()

    static var key: [String: Any] { json["key"] as! [String: Any] }
    static var privateKeyPEM: String { key["private_key_pem_pkcs1"] as! String }
    static var publicKeyPEM: String { key["public_key_pem_spki"] as! String }
    static var keyID: String { (json["credentials"] as! [String: Any])["key_id"] as! String }
    static func official(_ id: String) -> [String: Any] {
        (json["official_vectors"] as! [[String: Any]]).first { $0["id"] as? String == id }!
    }

    /// "Thu, 05 Jan 2014 21:31:40 GMT", the vectors' date.
    static let vectorDate = "Thu, 05 Jan 2014 21:31:40 GMT"

    static let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("oci-sign-debug-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try! privateKeyPEM.write(to: url.appendingPathComponent("doc.pem"), atomically: true, encoding: .utf8)
        try! publicKeyPEM.write(to: url.appendingPathComponent("doc.pub"), atomically: true, encoding: .utf8)
        return url
    }()

    static var privateKeyFile: String { directory.appendingPathComponent("doc.pem").path }
    static var publicKeyFile: String { directory.appendingPathComponent("doc.pub").path }

    /// Writes bytes to a fresh file and returns its path.
    static func file(_ bytes: [UInt8], name: String = UUID().uuidString + ".http") -> String {
        let url = directory.appendingPathComponent(name)
        try! Data(bytes).write(to: url)
        return url.path
    }

    static func signer(keyID: String = DebugFixtures.keyID) throws -> OCIRequestSigner {
        try OCIRequestSigner(keyID: keyID, privateKey: OCIPrivateKey(pem: privateKeyPEM), allowWeakKey: true)
    }

    /// The docs GET request, unsigned, in the raw format.
    static var getRequest: String {
        let url = official("doc-get")["url"] as! String
        let target = String(url.dropFirst("https://iaas.us-phoenix-1.oraclecloud.com".count))
        return "GET \(target) HTTP/1.1\nHost: iaas.us-phoenix-1.oraclecloud.com\nDate: \(vectorDate)\n\n"
    }

    /// The docs POST request, unsigned.
    static var postRequest: String {
        "POST /20160918/volumeAttachments HTTP/1.1\nHost: iaas.us-phoenix-1.oraclecloud.com\nDate: \(vectorDate)\nContent-Type: application/json\n\n"
            + (official("doc-post")["body_utf8"] as! String)
    }

    /// Signs a raw request with our signer and returns the signed raw bytes.
    static func signed(_ text: String, keyID: String = DebugFixtures.keyID, excludeBody: Bool = false) throws -> String {
        try signed(Array(text.utf8), keyID: keyID, excludeBody: excludeBody)
    }

    static func signed(_ bytes: [UInt8], keyID: String = DebugFixtures.keyID, excludeBody: Bool = false) throws -> String {
        let raw = try RawHTTPRequest(parsing: bytes)
        let result = try RawRequestSigning.sign(raw, with: signer(keyID: keyID), options: SigningOptions(excludeBody: excludeBody))
        return String(decoding: result.httpBytes, as: UTF8.self)
    }
}
