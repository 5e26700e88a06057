import OCISigning

/// Where the signing key and region come from.
///
/// Profiles from `~/.oci/config` need the `OCICredentials` library (being added to
/// swift-oci-signing); until it is available this program takes the values as flags. Adding
/// profiles is the one call shown in `fromProfile`.
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
        // With OCICredentials on the library's main branch this is:
        //   let credentials = try OCICredentials.load(profile: profile, configFile: configFile)
        //   return Resolved(signer: try credentials.makeSigner(), region: credentials.region)
        throw UsageError("--profile needs the OCICredentials library, not in this build of swift-oci-signing yet; use --key-file with --key-id (or --tenancy/--user) and --region")
    }
}

/// A command-line mistake, printed as is.
struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
