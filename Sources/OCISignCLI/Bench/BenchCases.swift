import ArgumentParser
import Foundation
import HTTPTypes
import OCISigning

/// The requests `oci-sign bench` signs, the same ones `Benchmarks/` and
/// `Benchmarks/python/compare.py` use.
enum BenchRequests {
    static let host = "iaas.us-phoenix-1.oraclecloud.com"
    /// Oracle's documented GET example (ListInstances with a query).
    static let smallGetPath = "/20160918/instances?availabilityDomain=Pjwf%3A%20PHX-AD-1&compartmentId=ocid1.compartment.oc1..aaaaaaaam3we6vgnherjq5q2idnccdflvjsnog7mlr6rtdb25gilchfeyjxa&displayName=TeamXInstances&volumeId=ocid1.volume.oc1.phx.abyhqljrgvttnlx73nmrwfaux7kcvzfs3s66izvxf2h4lgvyndsdsnoiwr5q"
    static let volumeBackupsPath = "/20160918/volumeBackups"
    /// The 128-byte CreateVolumeBackup body.
    static let createVolumeBackupBody = Array("{\n \"volumeId\": \"dolore\",\n \"definedTags\": {},\n \"displayName\": \"fugiat tempor quis\",\n \"freeformTags\": {},\n \"type\": \"INCREMENTAL\"\n}".utf8)

    static var smallGet: HTTPRequest { HTTPRequest(method: .get, scheme: "https", authority: host, path: smallGetPath) }
    static var post: HTTPRequest { HTTPRequest(method: .post, scheme: "https", authority: host, path: volumeBackupsPath) }

    /// `count` bytes of a repeating pattern (not all zeros).
    static func body(count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) } }
}

/// One row of the bench output.
struct BenchResult {
    var name: String
    var description: String
    /// Unit of the two rates ("ops/s" or "MiB/s").
    var unit: String
    var opsPerSecond: Double
    var rawOpsPerSecond: Double
    /// The number the target applies to (a rate ratio, or a scaling factor for two tasks).
    var ratio: Double
    var target: Double
    var peakResidentGrowthBytes: Int? = nil
    /// Two-thread cases: the scaling two idle cores would give (see `BenchTiming.Scaling`).
    var cpuScaling: Double? = nil
    /// Streamed file: process CPU time per byte of ours / raw (all threads; the read-ahead
    /// thread's copy counts here, not in the wall-clock ratio).
    var cpuCostRatio: Double? = nil
    /// Streamed file: raw / ours in the calling thread's CPU time alone — the ratio the wall
    /// clock shows when the read-ahead thread has a core of its own (an idle second core).
    var callerThreadRatio: Double? = nil

    var meetsTarget: Bool { ratio >= target }
}

/// The measurements, each against its raw libcrypto baseline in the same run.
struct BenchCases {
    let signer: OCIRequestSigner
    let rawRSA: RawRSASigner
    let seconds: Double
    let fileMiB: Int
    let workDirectory: String

    static let allNames = ["key-sign", "small-get", "create-volume-backup", "post-1mib", "streamed-file", "two-tasks", "raw-rsa-two-tasks"]

    func run(_ name: String) throws -> BenchResult {
        switch name {
        case "key-sign":
            let key = signer.privateKey
            let message = Array(repeating: UInt8(ascii: "a"), count: 400)
            return signingRate(name, "OCIPrivateKey.sign of a 400-byte signing string (EVP_DigestSign)", { count in
                for _ in 0..<count { _ = try! key.sign(message) }
                return count
            })
        case "small-get": return signingRate(name, "GET with a query (Oracle's example)", Self.smallGet(signer))
        case "create-volume-backup":
            return signingRate(name, "POST /20160918/volumeBackups, 128-byte JSON", Self.post(signer, BenchRequests.createVolumeBackupBody))
        case "post-1mib": return post1MiB()
        case "streamed-file": return try streamedFile()
        case "two-tasks": return twoTasks()
        case "raw-rsa-two-tasks": return rawTwoTasks()
        default: throw ValidationError("unknown case '\(name)'; cases: \(Self.allNames.joined(separator: ", "))")
        }
    }

    // MARK: Workloads

    static func smallGet(_ signer: OCIRequestSigner) -> BenchTiming.Workload {
        let request = BenchRequests.smallGet
        return { count in
            for _ in 0..<count { _ = try! signer.sign(request) }
            return count
        }
    }

    static func post(_ signer: OCIRequestSigner, _ body: [UInt8]) -> BenchTiming.Workload {
        let request = BenchRequests.post
        let requestBody = RequestBody.bytes(body)
        return { count in
            for _ in 0..<count { _ = try! signer.sign(request, body: requestBody) }
            return count
        }
    }

    func rawRSAWorkload() -> BenchTiming.Workload {
        let raw = rawRSA
        return { count in raw.sign(count: count); return count }
    }

    // MARK: Cases

    /// A full signature against one raw RSA private-key operation.
    func signingRate(_ name: String, _ description: String, _ work: BenchTiming.Workload) -> BenchResult {
        let pair = BenchTiming.interleaved(seconds: seconds, work: work, baseline: rawRSAWorkload())
        return BenchResult(name: name, description: description, unit: "ops/s", opsPerSecond: pair.rate,
                           rawOpsPerSecond: pair.baselineRate, ratio: pair.ratio, target: 0.97)
    }

    /// 1 MiB POST against raw RSA + raw SHA-256 of 1 MiB (16 KiB blocks), timed as one operation.
    func post1MiB() -> BenchResult {
        let block = BenchRequests.body(count: 16 * 1024)
        let raw = rawRSA
        let baseline: BenchTiming.Workload = { count in
            block.withUnsafeBytes { block in
                for _ in 0..<count {
                    RawLibCrypto.sha256Streaming(block, blockCount: 64)
                    raw.sign(count: 1)
                }
            }
            return count
        }
        let pair = BenchTiming.interleaved(seconds: seconds, work: Self.post(signer, BenchRequests.body(count: 1 << 20)), baseline: baseline)
        return BenchResult(name: "post-1mib", description: "POST with a 1 MiB body in memory", unit: "ops/s",
                           opsPerSecond: pair.rate, rawOpsPerSecond: pair.baselineRate, ratio: pair.ratio, target: 0.95)
    }

    /// Hashing a file body from disk (page cache) against raw SHA-256 of the same byte count
    /// from memory; rates in MiB/s. Also the peak resident memory growth while hashing.
    ///
    /// Timed by the wall clock: bodies of 4 MiB and more are read ahead on a second thread, so
    /// the caller's thread CPU time would leave the kernel's copy out. The process CPU time per
    /// byte (both threads) is reported beside it as `cpuCostRatio`.
    func streamedFile() throws -> BenchResult {
        let path = try BenchFile.create(in: workDirectory, mebibytes: fileMiB)
        defer { unlink(path) }
        let block = BenchRequests.body(count: 16 * 1024)
        let blocks = fileMiB * 64
        let baseline: BenchTiming.Workload = { count in
            block.withUnsafeBytes { block in
                for _ in 0..<count { RawLibCrypto.sha256Streaming(block, blockCount: blocks) }
            }
            return count
        }
        let work: BenchTiming.Workload = { count in
            for _ in 0..<count { _ = try! ContentDigest(contentsOfFile: path) }
            return count
        }
        let before = ResidentMemory.currentBytes()
        let canReset = ResidentMemory.resetPeak()
        let pair = BenchTiming.interleaved(seconds: seconds, clock: .wall, work: work, baseline: baseline)
        let after = ResidentMemory.peakBytes()
        var growth: Int?
        if canReset, let before, let after { growth = max(0, after - before) }
        let mib = Double(fileMiB)
        return BenchResult(name: "streamed-file", description: "SHA-256 of a \(fileMiB) MiB file body, streamed", unit: "MiB/s",
                           opsPerSecond: pair.rate * mib, rawOpsPerSecond: pair.baselineRate * mib, ratio: pair.ratio,
                           target: 0.95, peakResidentGrowthBytes: growth,
                           cpuCostRatio: pair.cpuPerOperation / pair.baselineCPUPerOperation,
                           callerThreadRatio: pair.baselineCallerCPUPerOperation / pair.callerCPUPerOperation)
    }

    /// Small GETs from two threads sharing one signer, against one thread: the scaling factor.
    func twoTasks() -> BenchResult {
        scalingResult("two-tasks", "small GET, 2 threads sharing one signer vs 1 thread", Self.smallGet(signer))
    }

    /// The same scaling measured on raw RSA alone (one context per thread): what the machine allows right now.
    func rawTwoTasks() -> BenchResult {
        let key = signer.privateKey
        let raw: BenchTiming.Workload = { count in
            // A context per call, so the two threads never share one (as in the raw baseline).
            let context = try! RawRSASigner(key: key)
            context.sign(count: count)
            return count
        }
        return scalingResult("raw-rsa-two-tasks", "raw RSA, 2 threads vs 1 (what the machine allows now)", raw)
    }

    func scalingResult(_ name: String, _ description: String, _ work: @escaping BenchTiming.Workload) -> BenchResult {
        let scaling = BenchTiming.scaling(seconds: seconds, work: work)
        return BenchResult(name: name, description: description, unit: "ops/s", opsPerSecond: scaling.twoThreadRate,
                           rawOpsPerSecond: scaling.oneThreadRate, ratio: scaling.twoThreadRate / scaling.oneThreadRate,
                           target: 1.8, cpuScaling: scaling.cpuScaling)
    }
}

/// The temporary file the streamed-file case hashes.
enum BenchFile {
    /// Writes `mebibytes` MiB of pattern bytes to a new file under `directory`, 1 MiB at a time
    /// (so creating it does not grow memory either), and returns its path.
    static func create(in directory: String, mebibytes: Int) throws -> String {
        let path = directory + "/oci-sign-bench-\(getpid())-\(mebibytes)MiB.bin"
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path)
        else { throw ValidationError("cannot create the benchmark file \(path)") }
        defer { try? handle.close() }
        let chunk = Data(BenchRequests.body(count: 1 << 20))
        for _ in 0..<mebibytes { try handle.write(contentsOf: chunk) }
        return path
    }
}
