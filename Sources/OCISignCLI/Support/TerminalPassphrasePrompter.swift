#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import OCICredentials

/// Reads a pass phrase from the terminal with echo off, like `getpass(3)`.
///
/// Asks only when standard input is a terminal: in CI, with a pipe or no stdin at all, it returns
/// `nil` at once, so nothing ever blocks waiting for input nobody can type.
public struct TerminalPassphrasePrompter: PassphrasePrompter {
    /// The longest pass phrase read (OpenSSL's PEM callback buffer is 1024 bytes).
    static let maximumLength = 1024

    /// Creates the prompter.
    public init() {}

    /// Prompts on standard error and reads one line from standard input without echo.
    public func readPassphrase(prompt: String) -> [UInt8]? {
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return nil }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO | ECHONL)
        silent.c_lflag |= tcflag_t(ICANON)
        // Echo goes off before the prompt appears, so nothing typed after seeing it is echoed.
        guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent) == 0 else { return nil }
        writeToStandardError(prompt)
        defer {
            _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            writeToStandardError("\n")  // the Enter key was not echoed
        }
        // One buffer of the final capacity, so no uncleansed copy is left behind by growth.
        var line: [UInt8] = []
        line.reserveCapacity(Self.maximumLength + 1)
        var byte: UInt8 = 0
        while line.count <= Self.maximumLength {
            let n = read(STDIN_FILENO, &byte, 1)
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return line.isEmpty ? nil : line }  // end of input
            if byte == UInt8(ascii: "\n") { break }
            line.append(byte)
        }
        byte = 0
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        return line
    }

    private func writeToStandardError(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
