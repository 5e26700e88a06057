import Foundation
import OCISigning
import Testing

/// Every file input is read through one bounded reader: non-regular files are refused without
/// blocking, oversize files before a byte is read (Docs/hardening.md, "File limits").
@Suite struct BoundedFileTests {
    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bounded-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Runs `body` on another thread and fails the test if it has not finished within 5 s (a
    /// FIFO open or `/dev/zero` read that blocks).
    static func withinDeadline(_ body: @escaping @Sendable () -> OCISigningError?) -> OCISigningError? {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: OCISigningError?
        Thread.detachNewThread { result = body(); done.signal() }
        guard done.wait(timeout: .now() + 5) == .success else {
            Issue.record("the read blocked for more than 5 s")
            return nil
        }
        return result
    }

    static func error(_ read: @escaping @Sendable () throws -> Void) -> OCISigningError? {
        withinDeadline {
            do { try read(); return nil } catch { return error as? OCISigningError }
        }
    }

    static func hostilePaths() throws -> [(String, String, OCISigningError.Code)] {
        let dir = try scratch()
        let fifo = dir.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let sparse = dir.appendingPathComponent("sparse").path
        #expect(FileManager.default.createFile(atPath: sparse, contents: nil))
        #expect(truncate(sparse, off_t(2) << 30) == 0)  // 2 GiB, no blocks
        let loop = dir.appendingPathComponent("loop").path
        try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: loop)
        return [(fifo, "FIFO", .fileUnreadable), ("/dev/zero", "character device", .fileUnreadable),
                (dir.path, "directory", .fileUnreadable), (sparse, "bytes", .fileTooLarge),
                (loop, "symbolic link loop", .fileUnreadable)]
    }

    @Test func privateKeyFiles() throws {
        for (path, reason, code) in try Self.hostilePaths() {
            let error = Self.error { _ = try OCIPrivateKey(pemFile: path) }
            #expect(error?.code == code, "\(path)")
            #expect(error?.reason.contains(reason) == true, "\(path): \(error?.reason ?? "-")")
        }
    }

    @Test func publicKeyFiles() throws {
        for (path, reason, code) in try Self.hostilePaths() {
            let error = Self.error { _ = try OCIPublicKey(pemFile: path) }
            #expect(error?.code == code, "\(path)")
            #expect(error?.reason.contains(reason) == true, "\(path): \(error?.reason ?? "-")")
        }
    }
}
