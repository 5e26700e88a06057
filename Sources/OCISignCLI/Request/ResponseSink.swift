import Foundation

/// Where one response body goes while it arrives: standard output, a file (`-o`), memory
/// (`--format json`, bounded) or nowhere (a response that is retried, or `--fail`). The first
/// ``diagnosisLimit`` bytes are always kept, for the `401` diagnosis and error messages.
final class ResponseSink: @unchecked Sendable {
    enum Destination {
        case standardOutput(Terminal)
        case file(FileHandle)
        case memory
        case discard
    }

    /// Bytes kept for a diagnosis (OCI error bodies are a few hundred bytes).
    static let diagnosisLimit = 64 << 10
    /// The largest body `--format json` holds in memory; larger ones need `-o FILE`.
    static let memoryLimit = 16 << 20

    private let destination: Destination
    private let lock = NSLock()
    private(set) var kept: [UInt8] = []
    private(set) var received = 0
    private(set) var overflowed = false
    private(set) var writeError: String?

    init(_ destination: Destination) { self.destination = destination }

    func write(_ data: Data) {
        lock.withLock {
            received += data.count
            let limit: Int
            if case .memory = destination { limit = Self.memoryLimit } else { limit = Self.diagnosisLimit }
            if kept.count < limit {
                kept += data.prefix(limit - kept.count)
            }
            if received > limit, case .memory = destination { overflowed = true }
            switch destination {
            case .standardOutput(let terminal): terminal.write(Array(data))
            case .file(let handle):
                do { try handle.write(contentsOf: data) } catch { writeError = "\(error)" }
            case .memory, .discard: break
            }
        }
    }

    /// Closes a file destination.
    func close() {
        if case .file(let handle) = destination { try? handle.close() }
    }
}
