import ArgumentParser

/// The `oci-sign` command-line tool: the root command that dispatches to the subcommands.
public struct OCISignCommand: ParsableCommand {
    /// The tool's name, version and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "oci-sign",
        abstract: "Sign, verify and explain Oracle Cloud Infrastructure API request signatures.",
        version: "0.1.0",
        subcommands: [
            SignCommand.self,
            VectorsCommand.self,
            FingerprintCommand.self,
            ConfigCommand.self,
            AuthCommand.self,
            SessionCommand.self,
            VerifyCommand.self,
            DumpCommand.self,
            ExplainCommand.self,
            BenchCommand.self,
            RequestCommand.self,
        ])

    /// Creates the root command (argument parsing picks the subcommand).
    public init() {}
}
