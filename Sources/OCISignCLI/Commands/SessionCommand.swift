import ArgumentParser

/// `oci-sign session`: refresh and inspect session tokens (`oci session authenticate` profiles).
public struct SessionCommand: ParsableCommand {
    /// The command's name, help text and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "session",
        abstract: "Refresh or inspect a session-token profile's token.",
        subcommands: [SessionRefreshCommand.self, SessionValidateCommand.self])

    /// Creates the command with default options.
    public init() {}
}
