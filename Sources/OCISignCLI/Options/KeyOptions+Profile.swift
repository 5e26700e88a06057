import OCICredentials
import OCISigning

extension KeyOptions {
    /// Whether the key comes from a config profile rather than `--key-file/--key-id`.
    var usesProfile: Bool { keyFile == nil && keyID == nil }

    /// Loads the key (from `--key-file/--key-id` or a config profile) and builds the signer.
    /// Profile warnings go to standard error; a fingerprint mismatch is an error unless
    /// `--no-fingerprint-check`. `warnsOnKeyIDMismatch: false` leaves a `--key-id` naming
    /// another key to the caller (`dump` reports it in its own stage).
    public func makeSigner(terminal: Terminal, context: CredentialContext, warnsOnKeyIDMismatch: Bool = true) throws(OCISigningError) -> OCIRequestSigner {
        if !usesProfile {
            if profileOptions.namesAProfile {
                throw .usage("--key-file/--key-id and --profile/--config-file are alternatives: give one or the other")
            }
            return try makeSignerFromKeyFile(terminal: terminal, context: context, warnsOnKeyIDMismatch: warnsOnKeyIDMismatch)
        }
        let credentials = try loadProfile(context: context)
        try checkProfileMethod(credentials, context: context)
        for warning in credentials.warnings where warning.code != .fingerprintMismatch {
            terminal.error("oci-sign: warning: \(warning)")
        }
        try checkFingerprint(credentials, terminal: terminal)
        return try credentials.makeSigner(allowWeakKey: allowWeakKey)
    }

    /// Loads the profile; with no option at all and no config file, says how to give a key.
    func loadProfile(context: CredentialContext) throws(OCISigningError) -> OCICredentials {
        do {
            return try profileOptions.load(context: context)
        } catch where error.code == .configFileNotFound && !profileOptions.namesAProfile {
            throw OCISigningError(.configFileNotFound, "no key given: pass --key-file PEM and --key-id KEYID, or --profile NAME with an OCI config file (\(error.reason))", path: error.path)
        }
    }

    /// A mismatch is an error in the CLI (the request would fail with 401) unless overridden.
    func checkFingerprint(_ credentials: OCICredentials, terminal: Terminal) throws(OCISigningError) {
        guard let mismatch = credentials.warnings.first(where: { $0.code == .fingerprintMismatch }) else { return }
        if noFingerprintCheck {
            terminal.error("oci-sign: warning: \(mismatch)")
            return
        }
        throw OCISigningError(.fingerprintMismatch, "\(mismatch.message) (pass --no-fingerprint-check to sign anyway)", line: mismatch.line, path: mismatch.path)
    }
}
