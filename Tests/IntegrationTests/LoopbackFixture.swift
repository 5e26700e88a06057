#if IntegrationTests
import Foundation
import OCILoopbackServer
import OCISigning

/// Files of this repository, found from this source file's path.
enum Repo {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
    static func text(_ relative: String) throws -> String { String(decoding: try Data(contentsOf: root.appendingPathComponent(relative)), as: UTF8.self) }
}

/// The test key pair (Vectors/keys/rsa2048, TEST ONLY), the reference case's keyId, and a
/// server that trusts only that key.
enum Loopback {
    static let caseFolder = "Vectors/cases/create-volume-backup"

    static let keyID: String = {
        let json = try! JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Repo.path("\(caseFolder)/case.json")))) as! [String: Any]
        return json["keyId"] as! String
    }()

    static func signer(key: String = "rsa2048") throws -> OCIRequestSigner {
        try OCIRequestSigner(keyID: keyID, privateKey: OCIPrivateKey(pemFile: Repo.path("Vectors/keys/\(key).pem")))
    }

    static func server() throws -> OCILoopbackServer {
        OCILoopbackServer(verifier: OCIRequestVerifier(publicKey: try OCIPublicKey(pemFile: Repo.path("Vectors/keys/rsa2048.pub.pem"))))
    }

    /// The reference request's body (Vectors/cases/create-volume-backup/request.http): 128 bytes.
    static let referenceBody: [UInt8] = {
        let raw = try! Repo.text("\(caseFolder)/request.http")
        return Array(raw.components(separatedBy: "\n\n").dropFirst().joined(separator: "\n\n").utf8)
    }()

    /// Request-targets whose bytes HTTP stacks like to rewrite; each must arrive exactly as
    /// written in the URL and be signed that way.
    static let trickyTargets = [
        "/20160918/instances?compartmentId=ocid1.compartment.oc1..aaaa%3abbb&displayName=a+b&limit=5",
        "/n/ns/b/bucket/o/dir%2Fobject%3Aname+plus?prefix=%2F&x=%3A&y=%3a&t=~&u=%7E",
        "/a%3Ab%20c+d%3a/e?q=%3A&r=%20&s=a+b",
        "//double//slash/?",
    ]

    /// The server's 401 body.
    struct ErrorBody: Decodable { let code: String; let message: String }

    /// The VolumeBackup fields the tests read.
    struct VolumeBackup: Decodable {
        let id: String
        let lifecycleState: String
        let volumeId: String
        let displayName: String
        let type: String
    }
}
#endif
