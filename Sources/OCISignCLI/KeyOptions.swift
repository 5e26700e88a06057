import ArgumentParser
import OCICredentials
import OCISigning

/// How `oci-sign` obtains the signing key and key id.
public struct KeyOptions: ParsableArguments, Sendable {
    /// PEM private key file (PKCS#1 or PKCS#8).
    @Option(name: .customLong("key-file"), help: ArgumentHelp("PEM private key file (PKCS#1 or PKCS#8).", valueName: "PEM"))
    public var keyFile: String?

    /// The keyId: `<tenancy OCID>/<user OCID>/<fingerprint>` or `ST$<token>`.
    @Option(name: .customLong("key-id"), help: ArgumentHelp("keyId: <tenancy OCID>/<user OCID>/<fingerprint>, or ST$<session token>.", valueName: "KEYID"))
    public var keyID: String?

    /// Accept a 1024–2047-bit key (Oracle's own test key has 1024 bits).
    @Flag(name: .customLong("allow-weak-key"), help: "Accept an RSA key of 1024 to 2047 bits (Oracle's published test key is 1024-bit). Keys under 1024 bits are always refused.")
    public var allowWeakKey = false

    /// Config profile to sign with (default: OCI_CLI_PROFILE, else DEFAULT).
    @Option(name: .customLong("profile"), help: ArgumentHelp("Sign with this profile of the OCI config file instead of --key-file/--key-id (default: $OCI_CLI_PROFILE, else DEFAULT).", valueName: "NAME"))
    public var profile: String?

    /// Config file to read instead of the default search.
    @Option(name: .customLong("config-file"), help: ArgumentHelp("OCI config file (default: $OCI_CLI_CONFIG_FILE, ~/.oci/config, $OCI_CONFIG_FILE, ~/.oraclebmc/config).", valueName: "FILE"))
    public var configFile: String?

    /// File whose first line is the private key's pass phrase.
    @Option(name: .customLong("passphrase-file"), help: ArgumentHelp("File whose first line is the pass phrase of an encrypted key (else $OCI_CLI_PASSPHRASE, the profile's pass_phrase, or a prompt on a terminal).", valueName: "FILE"))
    public var passphraseFile: String?

    /// Sign even when the profile's fingerprint is not the key's.
    @Flag(name: .customLong("no-fingerprint-check"), help: "Sign even if the profile's fingerprint does not match the key (OCI will then answer 401).")
    public var noFingerprintCheck = false

    public init() {}

    /// Loads the key and builds the signer.
    public func makeSigner() throws(OCISigningError) -> OCIRequestSigner {
        try makeSigner(terminal: .process, context: .process)
    }

    /// The `--key-file/--key-id` path, unchanged except that an encrypted key may now get its
    /// pass phrase from `--passphrase-file`, `OCI_CLI_PASSPHRASE` or the terminal.
    func makeSignerFromKeyFile(context: CredentialContext) throws(OCISigningError) -> OCIRequestSigner {
        guard let keyFile else {
            throw OCISigningError(.invalidKey, "no key given: pass --key-file PEM and --key-id KEYID")
        }
        guard let keyID else {
            throw OCISigningError(.invalidKey, "no key id given: pass --key-id <tenancy OCID>/<user OCID>/<fingerprint>")
        }
        let key = try PrivateKeyLoader.load(path: keyFile, options: passphraseOptions(context), config: nil, environment: context.environment).key
        do {
            return try OCIRequestSigner(keyID: keyID, privateKey: key, allowWeakKey: allowWeakKey)
        } catch {
            throw error.at(path: keyFile)
        }
    }
}
