import ArgumentParser
import OCICredentials
import OCIPrincipals
import OCISigning

/// `oci-sign session refresh`: exchanges the profile's session token for a new one at
/// `POST {auth}/v1/authentication/refresh` and writes it back to `security_token_file`.
public struct SessionRefreshCommand: TerminalCommand {
    /// The command's name and help text.
    public static let configuration = CommandConfiguration(
        commandName: "refresh",
        abstract: "Refresh a session-token profile's token and write it back to its security_token_file.",
        discussion: """
            The request is signed with the current token (keyId ST$<token>) and the profile's \
            key_file; the endpoint is $OCI_SDK_AUTH_CLIENT_REGION_URL + \
            /v1/authentication/refresh, else https://auth.{region}.{domain}/v1/authentication/refresh \
            from the profile's region. The new token replaces the file atomically, with its \
            mode kept. The token is never printed.

            Exit status: 0 refreshed; 1 the auth service refused or the file could not be \
            written (the old token is kept); 2 the profile or token cannot be used (no \
            security_token_file, not a JWT, expired, session ended); 64 usage error.
            """)

    /// The profile, config file and pass-phrase file.
    @OptionGroup public var profileOptions: ProfileOptions

    /// Creates the command with default options.
    public init() {}

    /// Runs the refresh against the auth service over URLSession; returns the exit status.
    public func execute(terminal: Terminal, context: CredentialContext) -> ExitStatus {
        let environment = context.environment
        let client = OCISessionTokenRefreshClient(environment: environment.variables,
                                                  clock: { HTTPDate(secondsSince1970: environment.now()) })
        return execute(terminal: terminal, context: context, refresher: client)
    }

    /// Runs the refresh through `refresher` (tests pass a fake).
    func execute(terminal: Terminal, context: CredentialContext, refresher client: any OCISessionTokenRefresher) -> ExitStatus {
        let environment = context.environment
        let session: OCISessionProfile
        let credentials: OCICredentials
        do {
            session = try OCISessionProfile.locate(profile: profileOptions.profile, configFile: profileOptions.configFile,
                                                   environment: environment, readCLIVariables: true)
            try session.checkRefreshable(at: environment.now())
            credentials = try session.credentials(passphrase: profileOptions.passphraseOptions(context), environment: environment,
                                                  readCLIVariables: true)
        } catch {
            terminal.error("oci-sign: \(error)")
            return .forSetup(error)
        }
        let fresh: SessionToken
        do {
            fresh = try BlockingAsync.run { () async throws(OCISigningError) in
                try await session.refresh(credentials: credentials, using: client, now: environment.now)
            }
        } catch {
            terminal.error("oci-sign: \(error)")
            return [.sessionEnded, .sessionTokenExpired].contains(error.code) ? .credentials : .failure
        }
        let now = environment.now()
        terminal.print("refreshed:       profile [\(session.profile.name)], \(session.tokenFile)")
        terminal.print("key id:          \(fresh.redacted)")
        terminal.print("token expires:   \(SessionValidateCommand.when(fresh.expiresAt, now: now))")
        terminal.print("session expires: \(SessionValidateCommand.when(fresh.sessionExpiresAt, now: now))")
        return .success
    }
}
