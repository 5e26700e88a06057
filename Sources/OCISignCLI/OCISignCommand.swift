import ArgumentParser

/// The `oci-sign` command-line tool.
public struct OCISignCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "oci-sign",
        abstract: "Sign, verify and explain Oracle Cloud Infrastructure API request signatures.",
        version: "0.1.0",
        subcommands: [
            SignCommand.self,
            VectorsCommand.self,
            FingerprintCommand.self,
            ConfigCommand.self,
            VerifyCommand.self,
            DumpCommand.self,
            ExplainCommand.self,
            BenchCommand.self,
        ])

    public init() {}
}
