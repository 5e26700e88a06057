import ArgumentParser
import OCICredentials
import OCISigning

/// How `oci-sign sign` and `dump` obtain the signing key and key id: `--key-file/--key-id`, or a
/// config profile.
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

    /// The profile, config file and pass-phrase file.
    @OptionGroup public var profileOptions: ProfileOptions

    /// `--auth`, `--region`, `--federation-endpoint`.
    @OptionGroup public var auth: AuthOptions

    /// Sign even when the profile's fingerprint is not the key's.
    @Flag(name: .customLong("no-fingerprint-check"), help: "Sign even if the profile's fingerprint does not match the key (OCI will then answer 401).")
    public var noFingerprintCheck = false

    /// Creates the options with their defaults (argument parsing fills them in).
    public init() {}

    /// Loads the key and builds the signer, reading the process's environment.
    public func makeSigner() throws(OCISigningError) -> OCIRequestSigner {
        try makeSigner(terminal: .process, context: .process)
    }

    /// The `--key-file/--key-id` path; an encrypted key gets its pass phrase from
    /// `--passphrase-file`, `OCI_CLI_PASSPHRASE` or the terminal. A keyId whose fingerprint is
    /// not the key's is signed with a warning: the keyId may be meant for another key on purpose
    /// (a test of the server's lookup), but usually it is a mistake OCI answers with 401.
    func makeSignerFromKeyFile(terminal: Terminal, context: CredentialContext, warnsOnKeyIDMismatch: Bool) throws(OCISigningError) -> OCIRequestSigner {
        guard let keyFile else {
            throw .usage("no key given: pass --key-file PEM and --key-id KEYID")
        }
        guard let keyID else {
            throw .usage("no key id given: pass --key-id <tenancy OCID>/<user OCID>/<fingerprint>")
        }
        let key = try PrivateKeyLoader.load(path: keyFile, options: profileOptions.passphraseOptions(context), config: nil,
                                            environment: context.environment).key
        let signer: OCIRequestSigner
        do {
            signer = try OCIRequestSigner(keyID: keyID, privateKey: key, allowWeakKey: allowWeakKey)
        } catch {
            throw error.at(path: keyFile)
        }
        if warnsOnKeyIDMismatch, let warning = try KeyIDFingerprint.mismatch(keyID: keyID, key: key) { terminal.error("oci-sign: warning: \(warning)") }
        return signer
    }
}
