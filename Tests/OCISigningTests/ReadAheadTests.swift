import Foundation
import Testing
@testable import OCISigning

/// The read-ahead pipeline that hashes bodies of 4 MiB and more (`ReadAheadPipeline`): same
/// digests as `sha256sum`, bytes in order, typed errors, and no thread or file descriptor left
/// behind whatever happens to the file.
@Suite struct ReadAheadTests {
    /// `count` bytes of the pattern (i·31 + 7) mod 256, written to a new temporary file.
    static func patternFile(_ count: Int, _ tag: String) -> String {
        let path = NSTemporaryDirectory() + "oci-readahead-\(tag)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    /// Open descriptors of this process that point at `path` (also once it is deleted).
    static func descriptors(to path: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return entries.filter { entry in
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + entry)) ?? ""
            return target.hasPrefix(path)
        }
    }

    /// Threads of this process whose name is `name`.
    static func threads(named name: String) -> Int {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return tasks.filter { task in
            let comm = (try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8)) ?? ""
            return comm.trimmingCharacters(in: .whitespacesAndNewlines) == name
        }.count
    }

    /// Expected digests from Python's `hashlib.sha256` over the same pattern (outside our code):
    /// just under the threshold (one thread), exactly at it (an exact number of 1 MiB chunks,
    /// pipelined) and above it with a partial last chunk (pipelined).
    @Test(arguments: [
        (4_194_303, "c5b170b22c3df31ae4aeb967da9f811ddea7f2ad488710bd4bc81489abbd347b"),
        (4_194_304, "59f41f46fe52079f24edc303087a25634c91bee7491b53d99695c39c4d934696"),
        (5_255_225, "ffa0fbffc38b794f8027fde367f201bb94e84f473a335a02a4b16ffa97bc3169"),
    ])
    func digestMatchesHashlib(size: Int, hex: String) throws {
        let path = Self.patternFile(size, "kat")
        defer { unlink(path) }
        let digest = try ContentDigest(contentsOfFile: path)
        #expect(digest.hex == hex)
        #expect(digest.length == size)
        #expect(Self.descriptors(to: path).isEmpty, "file descriptor left open")
    }

    /// Tiny chunks force thousands of hand-offs between the two threads: every byte arrives
    /// once, in order, and the reader thread is gone when the call returns.
    @Test func tinyChunksDeliverTheFileInOrder() throws {
        let size = (1 << 20) + 7
        let path = Self.patternFile(size, "order")
        defer { unlink(path) }
        let pipeline = ReadAheadPipeline(reader: try FileReader(path: path), chunkSize: 4096)
        var received: [UInt8] = []
        var chunks = 0
        let started = try pipeline.forEachChunk { chunk in
            received.append(contentsOf: chunk)
            chunks += 1
        }
        #expect(started)
        #expect(chunks == 257)
        #expect(received == Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(Self.threads(named: pipeline.threadName) == 0, "reader thread still running")
    }

    /// A read that fails on the reader thread (a directory: EISDIR) surfaces as `fileUnreadable`
    /// on the caller's thread, after the reader thread has been joined.
    @Test func readErrorIsTypedAndTheThreadIsJoined() throws {
        let pipeline = ReadAheadPipeline(reader: try FileReader(path: NSTemporaryDirectory()))
        #expect { _ = try pipeline.forEachChunk { _ in } } throws: { ($0 as? OCISigningError)?.code == .fileUnreadable }
        #expect(Self.threads(named: pipeline.threadName) == 0, "reader thread still running")
    }

    /// A large body truncated by another thread while it is hashed: never a crash (no mmap);
    /// either `bodyChanged`, or a digest of bytes the file really held (the whole original when
    /// hashing won the race, the first third when truncation came before the open). The
    /// descriptor is closed either way.
    @Test(arguments: [0, 1_000, 5_000, 20_000] as [UInt32])
    func fileTruncatedWhileHashedIsRefusedOrConsistent(delayMicroseconds: UInt32) throws {
        let size = 32 << 20
        let path = NSTemporaryDirectory() + "oci-readahead-truncate-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let block = Data((0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        var content = Data()
        for index in 0..<(size >> 20) { content.append(block); content[index << 20] = UInt8(index) }
        _ = FileManager.default.createFile(atPath: path, contents: content)
        defer { unlink(path) }
        let truncator = Thread {
            usleep(delayMicroseconds)
            _ = truncate(path, off_t(size / 3))
        }
        truncator.start()
        do {
            let digest = try ContentDigest(contentsOfFile: path)
            #expect(digest.length == size || digest.length == size / 3)
            #expect(digest == ContentDigest(bytes: Array(content.prefix(digest.length))), "digest of bytes the file never held")
        } catch {
            #expect(error.code == .bodyChanged, "\(error)")
        }
        while !truncator.isFinished { usleep(1000) }
        #expect(Self.descriptors(to: path).isEmpty, "file descriptor left open")
    }
}
