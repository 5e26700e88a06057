import ArgumentParser

/// An `oci-sign` subcommand that writes to a ``Terminal`` and reads credentials through a
/// ``CredentialContext``, so tests run it in-process with captured output and a fake home.
public protocol TerminalCommand: ParsableCommand {
    /// Runs the command; returns the exit status.
    func execute(terminal: Terminal, context: CredentialContext) -> ExitStatus
}

extension TerminalCommand {
    /// Runs the command against `terminal` with the process's environment.
    public func execute(terminal: Terminal) -> ExitStatus {
        execute(terminal: terminal, context: .process)
    }

    /// Runs on the process streams and exits with the command's status.
    public func run() throws {
        let status = execute(terminal: .process, context: .process)
        if status != .success { throw ExitCode(status.rawValue) }
    }
}
