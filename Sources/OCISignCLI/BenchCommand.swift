import ArgumentParser
import Foundation
import OCISigning
import _OCISigningBenchmarkSupport

/// Output formats of `oci-sign bench`.
public enum BenchFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// A table for people.
    case text
    /// `{"cases":[{"name":…,"opsPerSecond":…,"rawOpsPerSecond":…,"ratio":…}, …]}`.
    case json
}

/// `oci-sign bench`: our signing rates beside raw libcrypto's, measured in one process and run.
public struct BenchCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure signing speed against raw libcrypto on this machine, like 'openssl speed'.",
        discussion: """
            Each case runs our code and its raw libcrypto baseline in alternating ~25 ms slices \
            for --seconds, so machine noise hits both alike, and prints both rates and their \
            ratio. Baselines: raw RSA = EVP_PKEY_sign of a 32-byte digest with a context set up \
            once (what 'openssl speed rsa2048' times); raw SHA-256 = EVP_DigestUpdate of 16 KiB \
            blocks. The key is generated in memory at --key-bits and never written.

            Cases: small-get, create-volume-backup (ratio to raw RSA, target 0.97); \
            verify-small-get (the verifier on the signed small GET vs raw EVP_DigestVerify of its \
            signing string, target 0.85); post-1mib \
            (ratio to raw RSA + raw SHA-256 of 1 MiB, target 0.95); streamed-file (hashing a \
            --file-mib file body vs raw SHA-256 throughput, target 0.95, with peak RSS growth); \
            two-tasks (two threads sharing one signer vs one thread, target 1.8x); \
            raw-rsa-two-tasks (the same scaling for raw RSA: what the machine allows right now).
            Allocation counts per signature come from the Benchmarks/ package (see Docs/performance.md).
            """)

    /// Seconds of measurement per case.
    @Option(name: .long, help: "Seconds of measurement per case.")
    public var seconds: Double = 2

    /// RSA key size of the generated key.
    @Option(name: .customLong("key-bits"), help: "RSA key size: 2048, 3072 or 4096.")
    public var keyBits: Int = 2048

    /// Text table or JSON.
    @Option(name: .long, help: "Output format: text or json.")
    public var format: BenchFormat = .text

    /// Size of the streamed-file body in MiB.
    @Option(name: .customLong("file-mib"), help: "Size of the streamed-file body in MiB (1024 for the 1 GiB case).")
    public var fileMiB: Int = 64

    /// Cases to run; all when empty.
    @Option(name: .customLong("case"), help: ArgumentHelp("Run only this case (repeatable).", valueName: "NAME"))
    public var cases: [String] = []

    /// Directory for the temporary file body.
    @Option(name: .customLong("temp-dir"), help: "Where the streamed-file body is written (and removed).")
    public var tempDirectory: String = NSTemporaryDirectory()

    /// Creates the command with its defaults (ArgumentParser fills the options).
    public init() {}

    /// Checks the options before anything runs.
    public func validate() throws {
        guard [2048, 3072, 4096].contains(keyBits) else { throw ValidationError("--key-bits must be 2048, 3072 or 4096") }
        guard seconds > 0, seconds <= 3600 else { throw ValidationError("--seconds must be in (0, 3600]") }
        guard fileMiB >= 1 else { throw ValidationError("--file-mib must be at least 1") }
        for name in cases where !BenchCases.allNames.contains(name) {
            throw ValidationError("unknown case '\(name)'; cases: \(BenchCases.allNames.joined(separator: ", "))")
        }
    }

    /// Runs against the process's standard output.
    public func run() throws {
        let status = execute(terminal: .process)
        if status != .success { throw ExitCode(status.rawValue) }
    }

    /// Runs the benchmark and writes the report to `terminal`.
    public func execute(terminal: Terminal) -> ExitStatus {
        let bench: BenchCases
        do {
            let rawKey = try RawRSAKey.generate(bits: keyBits)
            let key = try rawKey.privateKey()
            let signer = try OCIRequestSigner(keyID: "ocid1.tenancy.oc1..bench/ocid1.user.oc1..bench/\(try key.fingerprint)", privateKey: key)
            bench = BenchCases(signer: signer, rawKey: rawKey, rawRSA: try RawRSASigner(key: rawKey), seconds: seconds,
                               fileMiB: fileMiB, workDirectory: tempDirectory)
        } catch {
            terminal.error("oci-sign: \(error)")
            return .credentials
        }
        var results: [BenchResult] = []
        do {
            for name in cases.isEmpty ? BenchCases.allNames : cases {
                results.append(try bench.run(name))
            }
        } catch {
            terminal.error("oci-sign: \(error)")
            return .failure
        }
        switch format {
        case .json: terminal.print(json(results).rendered)
        case .text: terminal.write(Array(table(results).utf8))
        }
        return .success
    }

    func json(_ results: [BenchResult]) -> JSONValue {
        let cases: [JSONValue] = results.map { r in
            var members: [(String, JSONValue)] = [
                ("name", .string(r.name)), ("opsPerSecond", .double(Self.rounded(r.opsPerSecond))),
                ("rawOpsPerSecond", .double(Self.rounded(r.rawOpsPerSecond))), ("ratio", .double(Self.rounded(r.ratio, 4))),
                ("target", .double(r.target)), ("meetsTarget", .bool(r.meetsTarget)), ("unit", .string(r.unit)),
                ("description", .string(r.description)),
            ]
            if let growth = r.peakResidentGrowthBytes { members.append(("peakResidentGrowthBytes", .number(growth))) }
            if let cpu = r.cpuScaling { members.append(("cpuScaling", .double(Self.rounded(cpu, 3)))) }
            if let cost = r.cpuCostRatio { members.append(("cpuCostRatio", .double(Self.rounded(cost, 3)))) }
            if let caller = r.callerThreadRatio { members.append(("callerThreadRatio", .double(Self.rounded(caller, 3)))) }
            return .object(members)
        }
        return .object([
            ("keyBits", .number(keyBits)), ("secondsPerCase", .double(seconds)),
            ("libcrypto", .string(RawLibCrypto.version)), ("cases", .array(cases)),
        ])
    }

    func table(_ results: [BenchResult]) -> String {
        var out = "oci-sign bench: RSA-\(keyBits), \(seconds) s per case, \(RawLibCrypto.version)\n"
        out += Self.pad("case", 22) + Self.pad("ours", 14, right: true) + Self.pad("raw", 14, right: true)
            + Self.pad("ratio", 9, right: true) + Self.pad("target", 9, right: true) + "  unit\n"
        for r in results {
            out += Self.pad(r.name, 22) + Self.pad(Self.format(r.opsPerSecond, 1), 14, right: true)
                + Self.pad(Self.format(r.rawOpsPerSecond, 1), 14, right: true) + Self.pad(Self.format(r.ratio, 3), 9, right: true)
                + Self.pad((r.meetsTarget ? "≥" : "<") + Self.format(r.target, 2), 9, right: true) + "  \(r.unit)"
            if let growth = r.peakResidentGrowthBytes { out += ", peak RSS +\(Self.format(Double(growth) / 1_048_576, 1)) MiB" }
            if let cpu = r.cpuScaling { out += ", wall clock; CPU-time scaling \(Self.format(cpu, 2))x" }
            if let cost = r.cpuCostRatio { out += ", wall clock; CPU per byte \(Self.format(cost, 2))x raw (all threads)" }
            if let caller = r.callerThreadRatio { out += ", caller-thread ratio \(Self.format(caller, 3))" }
            out += "\n"
        }
        out += "raw = libcrypto alone in the same run, interleaved in ~25 ms slices, thread CPU time; ratio = median\n"
            + "over slice pairs of ours / raw. streamed-file: wall clock (a read-ahead thread copies while the\n"
            + "caller hashes). Two-thread cases: wall clock, ratio = 2 threads / 1 thread.\n"
        return out
    }

    static func rounded(_ value: Double, _ digits: Int = 1) -> Double {
        let scale = pow(10, Double(digits))
        return (value * scale).rounded() / scale
    }

    static func format(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return right ? fill + text : text + fill
    }
}
