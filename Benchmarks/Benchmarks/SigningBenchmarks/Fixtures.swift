import Foundation
import OCISigning
import _OCISigningBenchmarkSupport

/// Shared inputs, created once per benchmark process.
final class Fixtures: Sendable {
    static let shared = Fixtures()

    let signer: OCIRequestSigner
    /// The signer's key as libcrypto holds it directly, for the raw baselines.
    let rawKey: RawRSAKey
    let rawRSA: RawRSASigner
    let block16KiB = Fixtures.pattern(count: 16 * 1024)
    let body1MiB = Fixtures.pattern(count: 1 << 20)

    private init() {
        // A fresh RSA-2048 key from OpenSSL's command line, loaded both ways: by our parser and
        // by libcrypto directly for the raw baseline.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("oci-bench-key-\(getpid())")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pem = directory.appendingPathComponent("rsa2048.pem").path
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = ["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", pem]
        try! openssl.run()
        openssl.waitUntilExit()
        precondition(openssl.terminationStatus == 0, "openssl genpkey failed")
        let key = try! OCIPrivateKey(pemFile: pem)
        signer = try! OCIRequestSigner(keyID: "ocid1.tenancy.oc1..bench/ocid1.user.oc1..bench/\(try! key.fingerprint)", privateKey: key)
        rawKey = try! RawRSAKey(pem: Array(FileManager.default.contents(atPath: pem)!))
        rawRSA = try! RawRSASigner(key: rawKey)
    }

    static func pattern(count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) } }
}

/// A 1 GiB file body in the temporary directory, written 1 MiB at a time; removed in teardown.
final class LargeFile: Sendable {
    static let shared = LargeFile()
    let path: String

    private init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("oci-bench-1GiB-\(getpid()).bin").path
        precondition(FileManager.default.createFile(atPath: path, contents: nil), "cannot create \(path)")
        let handle = FileHandle(forWritingAtPath: path)!
        let chunk = Data(Fixtures.pattern(count: 1 << 20))
        for _ in 0..<1024 { handle.write(chunk) }
        try! handle.close()
    }

    func remove() { unlink(path) }
}
