import ArgumentParser

/// `oci-sign config`: inspect the OCI config file.
public struct ConfigCommand: ParsableCommand {
    /// The command's name, help text and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Inspect OCI config file profiles.",
        subcommands: [ConfigCheckCommand.self])

    /// Creates the command with default options.
    public init() {}
}
