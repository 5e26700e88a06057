import Foundation
import OCICredentials
import OCISigning
import Testing

/// Token and config files go through the bounded reader: FIFOs, devices, directories and
/// oversize files are typed errors, within a deadline.
@Suite struct BoundedCredentialFileTests {
    static func hostilePaths() throws -> [(String, String, OCISigningError.Code)] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bounded-cred-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let fifo = dir.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let sparse = dir.appendingPathComponent("sparse").path
        #expect(FileManager.default.createFile(atPath: sparse, contents: nil))
        #expect(truncate(sparse, off_t(1) << 30) == 0)
        return [(fifo, "FIFO", .fileUnreadable), ("/dev/zero", "character device", .fileUnreadable),
                (dir.path, "directory", .fileUnreadable), (sparse, "bytes", .fileTooLarge)]
    }

    static func error(_ read: @escaping @Sendable () throws -> Void) -> OCISigningError? {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: OCISigningError?
        Thread.detachNewThread {
            do { try read() } catch { result = error as? OCISigningError }
            done.signal()
        }
        guard done.wait(timeout: .now() + 5) == .success else {
            Issue.record("the read blocked for more than 5 s")
            return nil
        }
        return result
    }

    @Test func tokenFiles() throws {
        for (path, reason, code) in try Self.hostilePaths() {
            let error = Self.error { _ = try SessionToken(contentsOf: path) }
            #expect(error?.code == code, "\(path)")
            #expect(error?.reason.contains(reason) == true, "\(path): \(error?.reason ?? "-")")
        }
    }

    @Test func configFiles() throws {
        for (path, reason, code) in try Self.hostilePaths() {
            let error = Self.error { _ = try OCIConfigFile(contentsOf: path) }
            #expect(error?.code == code, "\(path)")
            #expect(error?.reason.contains(reason) == true, "\(path): \(error?.reason ?? "-")")
        }
    }
}

/// Config parsing is linear: sizes that hung with a scan per line parse well under a second.
@Suite struct ConfigParsingScaleTests {
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    @Test func hundredThousandSections() throws {
        let text = (0..<100_000).map { "[p\($0)]\nregion=r\n" }.joined()
        var file: OCIConfigFile?
        let elapsed = try Self.seconds { file = try OCIConfigFile(parsing: text, path: "big") }
        #expect(file?.sections.count == 100_000)
        #expect(elapsed < 20, "took \(elapsed) s")  // debug build on a shared machine; the quadratic parser took minutes
    }

    @Test func fiftyThousandKeysInOneProfile() throws {
        let text = "[DEFAULT]\n" + (0..<50_000).map { "k\($0)=v\n" }.joined()
        var ignored = 0
        let elapsed = try Self.seconds {
            let profile = try OCIConfigFile(parsing: text, path: "big").profile("DEFAULT")
            ignored = profile.ignoredKeys.count
        }
        #expect(ignored == 50_000)
        #expect(elapsed < 20, "took \(elapsed) s")  // debug build on a shared machine; the quadratic parser took minutes
    }
}

/// Config values that could be key material are never quoted; paths with NUL are refused.
@Suite struct ConfigValueEchoTests {
    static let keyLine = "MIIEowIBAAKCAQEAs8r1Jq2Kx9Yb3XfGZl0pQ+7vT4mN8uR2wE5hD6cF1aB9kLzS"

    static func config(_ key: String, _ value: String) -> String {
        var values = ["user": "ocid1.user.oc1..u", "tenancy": "ocid1.tenancy.oc1..t", "fingerprint": "20:3b:97:13:55:1c:5b:0d:d3:37:d8:50:4e:c5:3a:34",
                      "key_file": "/nonexistent/key.pem", "region": "us-phoenix-1"]
        values[key] = value
        return "[DEFAULT]\n" + values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)\n" }.joined()
    }

    @Test(arguments: ["tenancy", "user", "fingerprint"])
    func aKeyLinePastedAsAValueIsNotEchoed(key: String) throws {
        let file = try OCIConfigFile(parsing: Self.config(key, Self.keyLine), path: "cfg")
        let error = try #require(throws: OCISigningError.self) { try OCICredentials.load(profile: file.profile("DEFAULT")) }
        #expect(!error.description.contains("MIIEowIBAAKC"), "\(error)")
        #expect(!error.description.contains(String(Self.keyLine.suffix(20))), "\(error)")
    }

    @Test func aNulInKeyFileIsRefused() throws {
        let file = try OCIConfigFile(parsing: Self.config("key_file", "/etc/hostname\u{0}.pem"), path: "cfg")
        let error = try #require(throws: OCISigningError.self) { try OCICredentials.load(profile: file.profile("DEFAULT")) }
        #expect(error.description.contains("NUL"), "\(error)")
        #expect(!error.description.utf8.contains(0))
    }
}
