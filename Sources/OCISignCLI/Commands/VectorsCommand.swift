import ArgumentParser
import Foundation

/// `oci-sign vectors`: runs the known-answer suite against this build's signer.
public struct VectorsCommand: TerminalCommand {
    /// The command's name and help text.
    public static let configuration = CommandConfiguration(
        commandName: "vectors",
        abstract: "Run the Vectors/ known-answer suite against this signer.",
        discussion: """
            Runs the signing cases (cases/) and the federation known answers (federation/: \
            instance principals, tenancy extraction, certificate quirks, resource principals, OKE \
            workload identity, session tokens). Prints one line per \
            failing case (with the first differing line) and ends with 'N passed, M failed'. DIR defaults to Vectors/ in the current folder (the repository \
            root). Exit 1 on any failure, or when DIR is not a suite ('path: reason [code]').
            """)

    /// The suite folder.
    @Argument(help: ArgumentHelp("The suite folder (holding manifest.json, cases/, keys/).", valueName: "DIR"))
    public var directory: String = "Vectors"

    /// Whether passing cases are listed too.
    @Flag(name: .shortAndLong, help: "Also print passing cases.")
    public var verbose = false

    /// Creates the command with default options (argument parsing fills them in).
    public init() {}

    /// Runs the suite; returns the exit status.
    public func execute(terminal: Terminal, context: CredentialContext) -> ExitStatus {
        let suite = VectorSuite(root: URL(fileURLWithPath: directory))
        var outcomes: [VectorSuite.Outcome]
        do {
            outcomes = try suite.runAll()
        } catch {
            terminal.error("oci-sign: \(error)")
            return .failure
        }
        let federation = suite.runFederation()
        outcomes += federation.outcomes
        for folder in federation.skipped { terminal.print("skip \(folder): no runner in this build") }
        for outcome in outcomes {
            if let failure = outcome.failure {
                terminal.print("FAIL \(outcome.id): \(failure)")
            } else if verbose {
                terminal.print("ok   \(outcome.id)")
            }
        }
        let failed = outcomes.filter { !$0.passed }.count
        let skipped = federation.skipped.isEmpty ? "" : ", \(federation.skipped.count) skipped"
        terminal.print("\(outcomes.count - failed) passed, \(failed) failed\(skipped)")
        return failed == 0 ? .success : .failure
    }
}
