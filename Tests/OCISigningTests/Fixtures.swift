import Foundation

/// Locates files of this repository from the test source path (works on Linux and macOS,
/// without bundle resources), after swift-crypto's Wycheproof loader.
enum Repo {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }
    static func bytes(_ relative: String) throws -> [UInt8] { Array(try Data(contentsOf: url(relative))) }
}

/// Oracle's published test values ("Request Signatures" page, Test Values), reconstructed and
/// cross-checked against the Go SDK tests, OpenSSL and the Python SDK: the independent
/// reference for the engine tests. Copied verbatim from the research notes.
struct DocVectors: @unchecked Sendable {  // immutable after load
    let json: [String: Any]

    static let shared: DocVectors = {
        let data = try! Data(contentsOf: Repo.url("Vectors/oracle-docs/oci-doc-test-vectors.json"))
        return DocVectors(json: try! JSONSerialization.jsonObject(with: data) as! [String: Any])
    }()

    var key: [String: Any] { json["key"] as! [String: Any] }
    var encodings: [String: Any] { json["derived_key_encodings"] as! [String: Any] }
    var credentials: [String: Any] { json["credentials"] as! [String: Any] }
    var privateKeyPEM: String { key["private_key_pem_pkcs1"] as! String }
    var publicKeyPEM: String { key["public_key_pem_spki"] as! String }
    var keyID: String { credentials["key_id"] as! String }

    func official(_ id: String) -> [String: Any] {
        (json["official_vectors"] as! [[String: Any]]).first { $0["id"] as? String == id }!
    }
    func derived(_ id: String) -> [String: Any] {
        (json["derived_vectors"] as! [[String: Any]]).first { $0["id"] as? String == id }!
    }
    var negatives: [[String: Any]] { json["negative_vectors"] as! [[String: Any]] }
}
