import ArgumentParser

/// `oci-sign auth`: inspect what the credential chain resolves.
public struct AuthCommand: ParsableCommand {
    /// The command's name, help text and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "auth",
        abstract: "Inspect the credentials the signing commands would use.",
        subcommands: [AuthCheckCommand.self])

    /// Creates the command with default options.
    public init() {}
}
