import Foundation
import OCISigning

/// The `oci-sign bench` output: a table for people or one JSON object, each row saying
/// whether its target was met.
struct BenchReport {
    let results: [BenchResult]
    let keyBits: Int
    let seconds: Double

    /// Whether this binary was built without optimisation: its ratios say little about the
    /// library, so the report says so.
    static var isDebugBuild: Bool {
        #if DEBUG
        true
        #else
        false
        #endif
    }

    var json: JSONValue {
        .object([
            ("keyBits", .number(keyBits)), ("secondsPerCase", .double(seconds)),
            ("libcrypto", .string(RawLibCrypto.version)), ("build", .string(Self.isDebugBuild ? "debug" : "release")),
            ("cases", .array(results.map(Self.json))),
        ])
    }

    static func json(_ r: BenchResult) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", .string(r.name)), ("opsPerSecond", .double(rounded(r.opsPerSecond))),
            ("rawOpsPerSecond", .double(rounded(r.rawOpsPerSecond))), ("ratio", .double(rounded(r.ratio, 4))),
            ("target", .double(r.target)), ("meetsTarget", .bool(r.meetsTarget)), ("unit", .string(r.unit)),
            ("description", .string(r.description)),
        ]
        if let growth = r.peakResidentGrowthBytes { members.append(("peakResidentGrowthBytes", .number(growth))) }
        if let cpu = r.cpuScaling { members.append(("cpuScaling", .double(rounded(cpu, 3)))) }
        if let cost = r.cpuCostRatio { members.append(("cpuCostRatio", .double(rounded(cost, 3)))) }
        if let caller = r.callerThreadRatio { members.append(("callerThreadRatio", .double(rounded(caller, 3)))) }
        return .object(members)
    }

    var table: String {
        var out = "oci-sign bench: RSA-\(keyBits), \(seconds) s per case, \(RawLibCrypto.version)\n"
        if Self.isDebugBuild {
            out += "NOTE: this is a debug build; ratios are not representative (build with: swift build -c release)\n"
        }
        out += Self.pad("case", 22) + Self.pad("ours", 14, right: true) + Self.pad("raw", 14, right: true)
            + Self.pad("ratio", 9, right: true) + Self.pad("target", 9, right: true) + Self.pad("result", 8, right: true) + "  unit\n"
        for r in results { out += Self.row(r) + "\n" }
        let missed = results.filter { !$0.meetsTarget }.map(\.name)
        out += missed.isEmpty ? "all \(results.count) targets met\n" : "targets missed: \(missed.joined(separator: ", "))\n"
        out += "raw = libcrypto alone in the same run, interleaved in ~25 ms slices, thread CPU time; ratio = median\n"
            + "over slice pairs of ours / raw. streamed-file: wall clock (a read-ahead thread copies while the\n"
            + "caller hashes). Two-thread cases: wall clock, ratio = 2 threads / 1 thread.\n"
        return out
    }

    static func row(_ r: BenchResult) -> String {
        var out = pad(r.name, 22) + pad(format(r.opsPerSecond, 1), 14, right: true)
            + pad(format(r.rawOpsPerSecond, 1), 14, right: true) + pad(format(r.ratio, 3), 9, right: true)
            + pad("≥" + format(r.target, 2), 9, right: true) + pad(r.meetsTarget ? "met" : "MISSED", 8, right: true) + "  \(r.unit)"
        if let growth = r.peakResidentGrowthBytes { out += ", peak RSS +\(format(Double(growth) / 1_048_576, 1)) MiB" }
        if let cpu = r.cpuScaling { out += ", wall clock; CPU-time scaling \(format(cpu, 2))x" }
        if let cost = r.cpuCostRatio { out += ", wall clock; CPU per byte \(format(cost, 2))x raw (all threads)" }
        if let caller = r.callerThreadRatio { out += ", caller-thread ratio \(format(caller, 3))" }
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
