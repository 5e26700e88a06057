import Foundation
import OCISigning

/// Where a command writes. Tests capture it; the executable uses the process streams.
public final class Terminal: @unchecked Sendable {
    private let lock = NSLock()
    private var capturedOut: [UInt8] = []
    private var capturedErr: [UInt8] = []
    private let capture: Bool
    /// Bytes served for `-` (standard input) when capturing.
    public var stdinBytes: [UInt8]

    /// The real process streams.
    public static let process = Terminal(capture: false)

    /// A terminal that records what is written, for tests.
    public static func capturing(stdin: [UInt8] = []) -> Terminal { Terminal(capture: true, stdin: stdin) }

    init(capture: Bool, stdin: [UInt8] = []) {
        self.capture = capture
        self.stdinBytes = stdin
    }

    /// Writes raw bytes to standard output.
    public func write(_ bytes: [UInt8]) {
        if capture { lock.withLock { capturedOut += bytes }; return }
        FileHandle.standardOutput.write(Data(bytes))
    }

    /// Writes a line to standard output.
    public func print(_ line: String) { write(Array((line + "\n").utf8)) }

    /// Writes a line to standard error.
    public func error(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        if capture { lock.withLock { capturedErr += bytes }; return }
        FileHandle.standardError.write(Data(bytes))
    }

    /// Reads all of standard input.
    public func readStandardInput() -> [UInt8] {
        if capture { return stdinBytes }
        return Array(FileHandle.standardInput.readDataToEndOfFile())
    }

    /// Reads standard input to its end, refusing more than `limit` bytes (at most limit + 1 are
    /// read, so an endless stream is refused, not buffered).
    ///
    /// - Throws: `fileTooLarge` naming `<stdin>`.
    public func readStandardInput(limit: Int) throws(OCISigningError) -> [UInt8] {
        let tooLarge = OCISigningError(.fileTooLarge, "standard input has more than \(limit) bytes; at most \(limit) are read (give a larger request as a file: its body is streamed)", path: "<stdin>")
        if capture {
            guard stdinBytes.count <= limit else { throw tooLarge }
            return stdinBytes
        }
        var out: [UInt8] = []
        while out.count <= limit {
            let chunk = FileHandle.standardInput.readData(ofLength: min(1 << 20, limit + 1 - out.count))
            if chunk.isEmpty { return out }
            out += chunk
        }
        throw tooLarge
    }

    /// What was written to standard output (capturing terminals only).
    public var output: String { lock.withLock { String(decoding: capturedOut, as: UTF8.self) } }
    /// Raw bytes written to standard output.
    public var outputBytes: [UInt8] { lock.withLock { capturedOut } }
    /// What was written to standard error.
    public var errorOutput: String { lock.withLock { String(decoding: capturedErr, as: UTF8.self) } }
}
