import ArgumentParser
import Foundation
import OCICredentials
import OCISigning

/// `oci-sign config check`: loads a profile the way `sign --profile` does and reports what it
/// found, secrets redacted.
public struct ConfigCheckCommand: TerminalCommand {
    /// The command's name, help text and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Load a config profile and report keyId, key, fingerprints, token expiry and region.",
        discussion: """
            Loads the profile exactly as `oci-sign sign --profile NAME` would and prints what was \
            loaded. Session tokens are shown as ST$<first 8 characters>…(length); pass phrases and \
            keys are never shown.

            Exit status: 0 no problem; 1 loaded, with warnings (fingerprint mismatch, key file \
            readable by others, weak key, no region, token expiry unknown); 2 the profile cannot be \
            used (the error says which file, line and profile).
            """)

    /// The profile to check, its config file and the pass-phrase file.
    @OptionGroup public var profileOptions: ProfileOptions

    /// Creates the command with default options.
    public init() {}

    /// Runs the check; returns the exit status.
    public func execute(terminal: Terminal, context: CredentialContext) -> ExitStatus {
        let credentials: OCICredentials
        do {
            credentials = try profileOptions.load(context: context)
        } catch {
            terminal.error("oci-sign: \(error)")
            return .credentials
        }
        for line in Self.report(credentials, now: context.environment.now()) { terminal.print(line) }
        for warning in credentials.warnings { terminal.error("oci-sign: warning: \(warning)") }
        return credentials.warnings.isEmpty ? .success : .failure
    }

    /// The report lines (no secrets).
    static func report(_ credentials: OCICredentials, now: Int64) -> [String] {
        func row(_ name: String, _ value: String) -> String { (name.isEmpty ? "" : name + ":").padding(toLength: 15, withPad: " ", startingAt: 0) + value }
        var lines = [
            row("config file", credentials.configFile),
            row("profile", credentials.profile),
            row("key id", credentials.redactedKeyID),
            row("key file", "\(credentials.keyFile) (RSA, \(credentials.privateKey.bits) bits)"),
            row("pass phrase", credentials.passphraseOrigin.map { "\($0)" } ?? "none used"),
        ]
        let computed = credentials.computedFingerprint
        if let configured = credentials.configuredFingerprint {
            lines.append(row("fingerprint", "\(configured) (configured)"))
            lines.append(row("", "\(computed) (computed from the key) " + (configured == computed ? "MATCH" : "MISMATCH")))
        } else {
            lines.append(row("fingerprint", "\(computed) (computed from the key; none configured)"))
        }
        if let token = credentials.sessionToken {
            lines.append(row("session token", "\(token.path)"))
            if let expiry = token.expiresAt {
                lines.append(row("token expires", "\(isoTime(expiry)) (in \(span(expiry - now)))"))
            } else {
                lines.append(row("token expires", "unknown (not a JWT with exp)"))
            }
        }
        lines.append(row("region", credentials.region ?? "(none)"))
        if !credentials.ignoredKeys.isEmpty { lines.append(row("ignored keys", credentials.ignoredKeys.joined(separator: ", "))) }
        lines.append(credentials.warnings.isEmpty ? "status:        OK" : "status:        \(credentials.warnings.count) problem\(credentials.warnings.count == 1 ? "" : "s")")
        return lines
    }

    static func isoTime(_ seconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    static func span(_ seconds: Int64) -> String {
        if seconds < 120 { return "\(seconds) seconds" }
        if seconds < 7200 { return "\(seconds / 60) minutes" }
        if seconds < 172_800 { return "\(seconds / 3600) hours" }
        return "\(seconds / 86400) days"
    }
}
