import ArgumentParser
import OCICredentials
import OCISigning

/// Which OCI config profile to load and where an encrypted key's pass phrase comes from:
/// shared by the signing commands (through ``KeyOptions``) and `config check`.
public struct ProfileOptions: ParsableArguments, Sendable {
    /// Config profile (default: OCI_CLI_PROFILE, else DEFAULT).
    @Option(name: .customLong("profile"), help: ArgumentHelp("Profile of the OCI config file (default: $OCI_CLI_PROFILE, else DEFAULT); with sign, dump: instead of --key-file/--key-id.", valueName: "NAME"))
    public var profile: String?

    /// Config file to read instead of the default search.
    @Option(name: .customLong("config-file"), help: ArgumentHelp("OCI config file (default: $OCI_CLI_CONFIG_FILE, ~/.oci/config, $OCI_CONFIG_FILE, ~/.oraclebmc/config).", valueName: "FILE"))
    public var configFile: String?

    /// File whose first line is the private key's pass phrase.
    @Option(name: .customLong("passphrase-file"), help: ArgumentHelp("File whose first line is the pass phrase of an encrypted key (else $OCI_CLI_PASSPHRASE, the profile's pass_phrase, or a prompt on a terminal).", valueName: "FILE"))
    public var passphraseFile: String?

    /// Creates the options with their defaults (argument parsing fills them in).
    public init() {}

    /// Whether a profile or config file was named explicitly.
    var namesAProfile: Bool { profile != nil || configFile != nil }

    /// The pass-phrase sources the command line offers.
    func passphraseOptions(_ context: CredentialContext) -> PassphraseOptions {
        PassphraseOptions(file: passphraseFile, environmentVariable: "OCI_CLI_PASSPHRASE", prompter: context.prompter)
    }

    /// Loads the profile exactly as `sign --profile` does.
    func load(context: CredentialContext) throws(OCISigningError) -> OCICredentials {
        try OCICredentials.load(profile: profile, configFile: configFile, passphrase: passphraseOptions(context),
                                environment: context.environment, readCLIVariables: true)
    }
}
