import ArgumentParser

/// `oci-sign config`: inspect the OCI config file.
public struct ConfigCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Inspect OCI config file profiles.",
        subcommands: [ConfigCheckCommand.self])

    public init() {}
}
