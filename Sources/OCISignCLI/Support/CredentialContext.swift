import OCICredentials

/// What credential loading reads from the outside world: environment variables, the home
/// directory, the clock and a way to ask for a pass phrase. Commands take it as a parameter so
/// tests run them with a fake home and a scripted (or no) prompter.
public struct CredentialContext: Sendable {
    /// Variables, home directory, clock.
    public var environment: CredentialEnvironment
    /// Asks for a pass phrase; `nil` never asks.
    public var prompter: (any PassphrasePrompter)?

    /// Creates a context.
    public init(environment: CredentialEnvironment, prompter: (any PassphrasePrompter)? = nil) {
        self.environment = environment
        self.prompter = prompter
    }

    /// The running process, prompting on the terminal only when standard input is one.
    public static var process: CredentialContext {
        CredentialContext(environment: .process, prompter: TerminalPassphrasePrompter())
    }
}
