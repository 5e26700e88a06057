import Foundation

/// Everything the credential layer reads from the process: environment variables, the home
/// directory and the clock. Injectable, so tests never touch the real `~/.oci`.
public struct CredentialEnvironment: Sendable {
    /// Environment variables (`OCI_CLI_CONFIG_FILE`, `OCI_CONFIG_FILE`, `OCI_CLI_PASSPHRASE`, …).
    public var variables: [String: String]
    /// The directory `~` stands for; `nil` when unknown (then `~` paths are errors).
    public var homeDirectory: String?
    /// The current time in seconds since 1970, for session-token expiry.
    public var now: @Sendable () -> Int64

    /// Creates an environment.
    public init(variables: [String: String] = [:], homeDirectory: String?, now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) {
        self.variables = variables
        self.homeDirectory = homeDirectory
        self.now = now
    }

    /// The running process: its variables, `$HOME` (or the password database) and the system clock.
    public static var process: CredentialEnvironment {
        let variables = ProcessInfo.processInfo.environment
        let home = variables["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return CredentialEnvironment(variables: variables, homeDirectory: home)
    }

    /// A non-empty variable's value.
    func variable(_ name: String) -> String? {
        guard let value = variables[name], !value.isEmpty else { return nil }
        return value
    }

    /// Expands a leading `~` or `~/` to the home directory, as the Go and TypeScript SDKs do
    /// (`~user/` is left alone). Other paths are returned unchanged.
    public func expandingTilde(_ path: String) -> String {
        guard let home = homeDirectory else { return path }
        if path == "~" { return home }
        if path.hasPrefix("~/") {
            let rest = path.dropFirst(2)
            return home.hasSuffix("/") ? home + rest : home + "/" + rest
        }
        return path
    }
}
