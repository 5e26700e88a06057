import OCICredentials
import OCISigning

/// Where the signing key and region come from.
///
/// Either a profile of `~/.oci/config` (through `OCICredentials`) or explicit flags.
enum SignerSource {
    struct Resolved {
        var signer: OCIRequestSigner
        var region: String?
    }

    /// `--key-file` + (`--key-id` | `--tenancy` + `--user`) + optional `--region`.
    static func fromFlags(keyFile: String, keyID: String?, tenancy: String?, user: String?, region: String?) throws -> Resolved {
        let key = try OCIPrivateKey(pemFile: keyFile)
        let id: String
        if let keyID {
            id = keyID
        } else if let tenancy, let user {
            id = "\(tenancy)/\(user)/\(try key.fingerprint)"   // tenancy/user/fingerprint, as OCI expects
        } else {
            throw UsageError("give --key-id, or --tenancy and --user (the fingerprint is computed from the key)")
        }
        return Resolved(signer: try OCIRequestSigner(keyID: id, privateKey: key), region: region)
    }

    /// A profile of an OCI config file (`~/.oci/config` by default).
    static func fromProfile(_ profile: String, configFile: String?) throws -> Resolved {
        // Same rules as the OCI CLI and SDKs: config location, DEFAULT fallback, key_file,
        // pass phrase (config, OCI_CLI_PASSPHRASE, or a prompt on a terminal), session tokens.
        let credentials = try OCICredentials.load(profile: profile, configFile: configFile)
        for warning in credentials.warnings { print("warning: \(warning)") }
        return Resolved(signer: try credentials.makeSigner(), region: credentials.region)
    }
}

/// A command-line mistake, printed as is.
struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
