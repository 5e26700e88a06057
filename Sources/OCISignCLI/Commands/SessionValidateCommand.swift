import ArgumentParser
import OCICredentials
import OCISigning

/// `oci-sign session validate`: prints when the profile's session token expires and when its
/// session ends (`sess_exp`); fails once the token has expired.
public struct SessionValidateCommand: TerminalCommand {
    /// The command's name and help text.
    public static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Print a session-token profile's token expiry and session end (sess_exp); non-zero once expired.",
        discussion: """
            Reads only the config file and the token (not the key).

            Exit status: 0 the token is valid; 1 the token has expired or the session has \
            ended; 2 the profile or token cannot be read, or the token is not a JWT with an \
            exp claim; 64 usage error.
            """)

    /// The profile and config file (a pass phrase is never needed).
    @OptionGroup public var profileOptions: ProfileOptions

    /// Creates the command with default options.
    public init() {}

    /// Runs the check; returns the exit status.
    public func execute(terminal: Terminal, context: CredentialContext) -> ExitStatus {
        let session: OCISessionProfile
        do {
            session = try OCISessionProfile.locate(profile: profileOptions.profile, configFile: profileOptions.configFile,
                                                   environment: context.environment, readCLIVariables: true)
        } catch {
            terminal.error("oci-sign: \(error)")
            return .forSetup(error)
        }
        let token = session.token
        let now = context.environment.now()
        terminal.print("profile:         \(session.profile.name)")
        terminal.print("token file:      \(session.tokenFile)")
        terminal.print("key id:          \(token.redacted)")
        guard token.isJWT, let expiry = token.expiresAt else {
            terminal.error("oci-sign: \(session.tokenFile): profile [\(session.profile.name)]: the session token is not a JWT with an 'exp' claim, so its expiry is unknown [invalidSessionToken]")
            return .credentials
        }
        terminal.print("token expires:   \(Self.when(expiry, now: now))")
        terminal.print("session expires: \(Self.when(token.sessionExpiresAt, now: now))")
        if let end = token.sessionExpiresAt, end <= now {
            terminal.print("status:          session ended: run `oci session authenticate`")
            return .failure
        }
        if expiry <= now {
            terminal.print("status:          token expired: run `oci session authenticate`")
            return .failure
        }
        terminal.print("status:          valid (refresh with `oci-sign session refresh` until the session expires)")
        return .success
    }

    /// `2026-12-02T02:00:00Z (in 59 minutes)`, `… (3 hours ago)`, or `unknown`.
    static func when(_ seconds: Int64?, now: Int64) -> String {
        guard let seconds else { return "unknown (no claim)" }
        let left = seconds - now
        return "\(ConfigCheckCommand.isoTime(seconds)) (\(left > 0 ? "in \(ConfigCheckCommand.span(left))" : "\(ConfigCheckCommand.span(-left)) ago"))"
    }
}
