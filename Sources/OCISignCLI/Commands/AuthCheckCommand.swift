import ArgumentParser
import OCIPrincipals
import OCISigning

/// `oci-sign auth check`: resolves the credential chain, fetches the identity (federating for
/// instance principals) and prints what it found, secrets redacted.
public struct AuthCheckCommand: TerminalCommand {
    /// The command's name and help text.
    public static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Resolve the credential chain and print kind, key id (redacted), tenancy, region, endpoints and expiry.",
        discussion: """
            Without --auth (or OCI_CLI_AUTH) the chain is: the config profile, then OKE workload \
            identity when the pod's environment says so, then resource principals when \
            OCI_RESOURCE_PRINCIPAL_VERSION is set, then instance principals when instance \
            metadata answers a short probe. Every source tried is listed.

            Exit status: 0 credentials usable; 2 they could not be obtained or are unusable; \
            64 usage error.
            """)

    /// `--auth`, `--region`, `--federation-endpoint`.
    @OptionGroup public var auth: AuthOptions

    /// The profile, config file and pass-phrase file.
    @OptionGroup public var profileOptions: ProfileOptions

    /// Creates the command with default options.
    public init() {}

    /// Runs the check; returns the exit status.
    public func execute(terminal: Terminal, context: CredentialContext) -> ExitStatus {
        let method: OCIAuthMethod?
        let found: (resolution: OCIDefaultIdentityChain.Resolution, identity: OCISigningIdentity)
        do {
            method = try auth.method(context)
            found = try auth.resolve(profile: profileOptions, context: context, method: method)
        } catch {
            terminal.error("oci-sign: \(error)")
            return .forSetup(error)
        }
        let identity = found.identity
        terminal.print("method: \(found.resolution.method)")
        terminal.print("source: \(found.resolution.source)")
        terminal.print("kind: \(identity.kind)")
        terminal.print("key id: \(identity.redactedKeyID)")
        terminal.print("tenancy: \(identity.tenancy ?? "(unknown)")")
        terminal.print("region: \(identity.region ?? "(unknown)")")
        if let provider = found.resolution.provider as? OCIInstancePrincipalProvider,
           let endpoints = try? BlockingAsync.run({ () async throws(OCISigningError) in try await provider.endpoints() }) {
            terminal.print("region resolved: \(endpoints.region)")
            terminal.print("metadata endpoint: \(endpoints.metadata)")
            terminal.print("federation endpoint: \(endpoints.federation) (from \(endpoints.federationSource))")
        }
        if let provider = found.resolution.provider as? OCIResourcePrincipalProvider {
            terminal.print("resource principal version: \(provider.version)")
            terminal.print("resource principal from: \(identity.source)")
        }
        if let provider = found.resolution.provider as? OCIOKEWorkloadIdentityProvider {
            let endpoints = provider.endpoints
            terminal.print("proxymux endpoint: \(endpoints.proxymux)")
            terminal.print("service-account token: \(endpoints.serviceAccountToken)")
            terminal.print("trusted CA (only): \(endpoints.certificateAuthority)")
        }
        if let region = identity.region {
            terminal.print("service endpoint example: \(OCIRegionResolver(environment: context.environment.variables).resolveOffline(region).endpoint(service: "iaas"))")
        }
        if let expiry = identity.expiresAt {
            let left = expiry.secondsSince1970 - HTTPDate.now().secondsSince1970
            terminal.print("expires: \(expiry.imfFixdate) (\(left >= 0 ? "in \(left) s" : "\(-left) s ago"))")
        }
        terminal.print("delegation token: \(identity.delegationToken == nil ? "no" : "yes (redacted)")")
        for attempt in found.resolution.attempts { terminal.print("tried: \(attempt)") }
        if identity.isExpired(at: .now()) {
            terminal.error("oci-sign: the identity has expired")
            return .credentials
        }
        return .success
    }
}
