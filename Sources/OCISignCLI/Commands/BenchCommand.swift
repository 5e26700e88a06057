import ArgumentParser
import Foundation
import OCISigning

/// `oci-sign bench`: our signing rates beside raw libcrypto's, measured in one process and run.
public struct BenchCommand: TerminalCommand {
    /// The command's name and help text.
    public static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure signing speed against raw libcrypto on this machine, like 'openssl speed'.",
        discussion: """
            Each case runs our code and its raw libcrypto baseline in alternating ~25 ms slices \
            for --seconds, so machine noise hits both alike, and prints both rates and their \
            ratio. Baselines: raw RSA = EVP_PKEY_sign of a 32-byte digest with a context set up \
            once (what 'openssl speed rsa2048' times); raw SHA-256 = EVP_DigestUpdate of 16 KiB \
            blocks. The key is generated in memory at --key-bits and never written.

            Cases: small-get, create-volume-backup (ratio to raw RSA, target 0.97); post-1mib \
            (ratio to raw RSA + raw SHA-256 of 1 MiB, target 0.95); streamed-file (hashing a \
            --file-mib file body vs raw SHA-256 throughput, target 0.95, with peak RSS growth); \
            two-tasks (two threads sharing one signer vs one thread, target 1.8x); \
            raw-rsa-two-tasks (the same scaling for raw RSA: what the machine allows right now).
            Allocation counts per signature come from the Benchmarks/ package (see Docs/performance.md).

            Each row says whether its target was met. A debug build (swift build without -c \
            release) says so in the header: its ratios are not the library's.
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

    /// Runs the benchmark and writes the report to `terminal`.
    public func execute(terminal: Terminal, context: CredentialContext) -> ExitStatus {
        let bench: BenchCases
        do {
            let key = try RawLibCrypto.generateRSAKey(bits: keyBits)
            let signer = try OCIRequestSigner(keyID: "ocid1.tenancy.oc1..bench/ocid1.user.oc1..bench/\(try key.fingerprint)", privateKey: key)
            bench = BenchCases(signer: signer, rawRSA: try RawRSASigner(key: key), seconds: seconds,
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
        let report = BenchReport(results: results, keyBits: keyBits, seconds: seconds)
        switch format {
        case .json: terminal.print(report.json.rendered)
        case .text: terminal.write(Array(report.table.utf8))
        }
        return .success
    }
}
