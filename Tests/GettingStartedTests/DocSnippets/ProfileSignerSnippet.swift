// The third snippet of Docs/getting-started.md, verbatim between the markers.
// snippet:begin
import OCICredentials
import OCISigning

/// A signer for a profile of `~/.oci/config` (API key, or session token with `security_token_file`).
func profileSigner(profile: String = "DEFAULT", configFile: String? = nil) throws -> OCIRequestSigner {
    let credentials = try OCICredentials.load(profile: profile, configFile: configFile)
    for warning in credentials.warnings { print("warning: \(warning)") }   // e.g. a fingerprint that is not the key's
    return try credentials.makeSigner()
}
// snippet:end
