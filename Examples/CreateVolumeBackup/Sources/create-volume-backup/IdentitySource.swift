import OCICredentials
import OCIPrincipals
import OCISigning

/// Where the identity comes from: explicit key flags, or the library's default chain.
///
/// `--key-file` with `--key-id` (or `--tenancy` + `--user`) is an API key given on the command
/// line. Everything else goes through `OCIDefaultIdentityChain`, the same resolution as
/// `oci-sign`: `--auth` (else `OCI_CLI_AUTH`), else the config profile (`--profile`,
/// `OCI_CLI_PROFILE`, `DEFAULT`), else instance principals when instance metadata answers. Every
/// method `OCIAuthMethod` knows is accepted here without a change to this program.
enum IdentitySource {
    /// The provider to sign with and the region its identity names (if any).
    static func resolve(keyFile: String?, keyID: String?, tenancy: String?, user: String?,
                        auth: String?, profile: String?, configFile: String?, region: String?) async throws -> (any OCIIdentityProvider, String?) {
        if let keyFile {
            if auth != nil || profile != nil { throw UsageError("--key-file and --auth/--profile are alternatives: give one or the other") }
            let key = try OCIPrivateKey(pemFile: keyFile)
            let id: String
            if let keyID {
                id = keyID
            } else if let tenancy, let user {
                id = "\(tenancy)/\(user)/\(try key.fingerprint)"   // tenancy/user/fingerprint, as OCI expects
            } else {
                throw UsageError("give --key-id, or --tenancy and --user (the fingerprint is computed from the key)")
            }
            return (OCIStaticIdentityProvider(keyID: id, privateKey: key, region: region), region)
        }
        var instance = OCIInstancePrincipalConfiguration()
        instance.region = region
        let options = OCIDefaultIdentityChain.Options(
            method: try auth.map { try OCIAuthMethod(parsing: $0) },
            profile: profile, configFile: configFile, readCLIVariables: true, instancePrincipal: instance)
        let resolution = try await OCIDefaultIdentityChain(options).resolve()
        // Instance principals learn their region from instance metadata while federating.
        let identityRegion = region == nil ? try await resolution.provider.identity().region : region
        return (resolution.provider, identityRegion)
    }

    /// The Core Services endpoint of `region` (an id such as `us-ashburn-1` or a short code such
    /// as `iad`), through the library's region table: `https://iaas.{region}.{realm domain}`.
    static func coreServicesEndpoint(region: String) -> String {
        OCIRegionResolver().resolveOffline(region).endpoint(service: "iaas")
    }
}

/// A command-line mistake, printed as is.
struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
