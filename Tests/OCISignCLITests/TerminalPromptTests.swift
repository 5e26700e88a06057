import Foundation
import Testing

/// The built `oci-sign` binary under a real pseudo-terminal (`script`), and without any stdin:
/// the pass-phrase prompt appears only on a terminal, never echoes, and never blocks CI.
@Suite(.serialized) struct TerminalPromptTests {
    /// `oci-sign` next to the running test bundle (any build path or configuration), else in
    /// `.build/debug` of this checkout.
    static let binary: String = {
        let besideTests = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("oci-sign").path
        if FileManager.default.isExecutableFile(atPath: besideTests) { return besideTests }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/oci-sign").path
    }()

    /// Output collected from a running process.
    final class Collector: @unchecked Sendable {
        private let lock = NSLock()
        private var bytes: [UInt8] = []
        func append(_ data: Data) { lock.withLock { bytes += data } }
        var text: String { lock.withLock { String(decoding: bytes, as: UTF8.self) } }
    }

    func start(_ executable: String, _ args: [String], stdin: Any) throws -> (Process, Collector) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = args
        process.standardInput = stdin
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let collector = Collector()
        output.fileHandleForReading.readabilityHandler = { handle in collector.append(handle.availableData) }
        try process.run()
        return (process, collector)
    }

    /// Waits up to `seconds` for `condition`; true if it became true.
    func wait(_ seconds: Double, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }

    @Test("on a terminal: prompts on the tty, reads without echo, prints the fingerprint")
    func promptsWithoutEcho() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "build oci-sign first (swift build)")
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs util-linux script(1)")
        let key = CLIKeys.shared.encryptedKey
        let input = Pipe()
        // script(1) runs the command on a new pseudo-terminal and relays our pipe to it.
        let (process, output) = try start("/usr/bin/script", ["-qfec", "\(Self.binary) fingerprint \(key)", "/dev/null"], stdin: input)
        defer { if process.isRunning { process.terminate() } }
        #expect(wait(20) { output.text.contains("Pass phrase for \(key): ") }, "no prompt: \(output.text)")
        // Echo is off before the prompt is written, so typing now is safe.
        input.fileHandleForWriting.write(Data((CLIHome.passphrase + "\n").utf8))
        #expect(wait(20) { !process.isRunning }, "still running: \(output.text)")
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output.text)")
        #expect(wait(5) { output.text.contains(CLIKeys.shared.fingerprint) }, "\(output.text)")
        #expect(!output.text.contains(CLIHome.passphrase), "the pass phrase was echoed: \(output.text)")
    }

    @Test("without a terminal: no prompt, exit 2 with missingPassphrase at once")
    func neverBlocksWithoutTerminal() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "build oci-sign first (swift build)")
        let (process, output) = try start(Self.binary, ["fingerprint", CLIKeys.shared.encryptedKey], stdin: FileHandle.nullDevice)
        defer { if process.isRunning { process.terminate() } }
        #expect(wait(20) { !process.isRunning }, "blocked waiting for input")
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        // The pipe's readability handler may still be delivering after the exit: wait for it.
        #expect(wait(5) { output.text.contains("[missingPassphrase]") }, "\(output.text)")
        #expect(!output.text.contains("Pass phrase for"))
    }
}
