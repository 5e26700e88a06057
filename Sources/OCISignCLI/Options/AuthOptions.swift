import ArgumentParser
import OCICredentials
import OCIPrincipals
import OCIRawRequest
import OCISigning

/// `--auth`, `--region` and `--federation-endpoint`: how the signing commands and `auth check`
/// choose between an API key, a session token, instance and resource principals (the `oci` CLI's
/// `--auth` values; `OCI_CLI_AUTH` when the option is absent).
public struct AuthOptions: ParsableArguments, Sendable {
    /// The method: api_key, security_token, instance_principal, instance_obo_user, resource_principal, oke_workload_identity.
    @Option(name: .customLong("auth"), help: ArgumentHelp("api_key, security_token, instance_principal, instance_obo_user, resource_principal or oke_workload_identity (default: $OCI_CLI_AUTH, else the config profile's, else OKE workload identity when the pod's environment says so, else resource principals when $OCI_RESOURCE_PRINCIPAL_VERSION is set, else instance principals when instance metadata answers).", valueName: "METHOD"))
    public var auth: String?

    /// The region, for instance principals instead of IMDS instance/region.
    @Option(name: .customLong("region"), help: ArgumentHelp("Region id or short code (instance principals: instead of asking instance metadata).", valueName: "REGION"))
    public var region: String?

    /// The full X.509 federation URL.
    @Option(name: .customLong("federation-endpoint"), help: ArgumentHelp("Full instance-principal federation URL, e.g. https://auth.us-phoenix-1.oraclecloud.com/v1/x509 (default: $OCI_SDK_AUTH_CLIENT_REGION_URL + /v1/x509, else from the region).", valueName: "URL"))
    public var federationEndpoint: String?

    /// A file holding the delegation token to send and sign as `opc-obo-token`.
    @Option(name: .customLong("delegation-token-file"), help: ArgumentHelp("resource_principal and instance_obo_user: sign for a user with the delegation token in FILE, sent as opc-obo-token (instance_obo_user: instead of the profile's delegation_token_file).", valueName: "FILE"))
    public var delegationTokenFile: String?

    /// The longest one instance-metadata read may take, retries included, in seconds.
    @Option(name: .customLong("imds-timeout"), help: ArgumentHelp("Instance principals: give up on an instance-metadata read after this many seconds, retries included (default 30; Oracle's SDKs retry for up to 180 s).", valueName: "SECONDS"))
    public var imdsTimeout: Double = AuthOptions.defaultIMDSTimeout

    /// The default of `--imds-timeout`.
    public static let defaultIMDSTimeout: Double = 30

    /// Creates the options with their defaults (argument parsing fills them in).
    public init() {}

    /// `--imds-timeout` as a duration, kept between 0.1 s and 600 s.
    var metadataDeadline: Duration { .milliseconds(Int64(min(600, max(0.1, imdsTimeout)) * 1000)) }

    /// `--auth`, else `OCI_CLI_AUTH`, else nil.
    func method(_ context: CredentialContext) throws(OCISigningError) -> OCIAuthMethod? {
        if let auth { return try OCIAuthMethod(parsing: auth) }
        if let name = context.environment.variables["OCI_CLI_AUTH"], !name.isEmpty {
            return try OCIAuthMethod(parsing: name, from: "OCI_CLI_AUTH")
        }
        return nil
    }

    /// Whether the method is a token-based principal the chain must build.
    func usesPrincipal(_ context: CredentialContext) throws(OCISigningError) -> Bool {
        guard let method = try method(context) else { return false }
        return method == .instancePrincipal || method == .instanceOboUser || method == .resourcePrincipal
            || method == .okeWorkloadIdentity
    }

    /// The chain's inputs from these options, the profile options and the context.
    func chainOptions(profile: ProfileOptions, context: CredentialContext, method: OCIAuthMethod?) -> OCIDefaultIdentityChain.Options {
        var instance = OCIInstancePrincipalConfiguration(environment: context.environment.variables)
        instance.region = region
        instance.federationEndpoint = federationEndpoint
        // An explicit instance-principal choice must not wait minutes for an absent IMDS.
        instance.metadataRetry.deadline = metadataDeadline
        instance.metadataTimeout = min(instance.metadataTimeout, metadataDeadline)
        return OCIDefaultIdentityChain.Options(
            method: method, profile: profile.profile, configFile: profile.configFile,
            passphrase: profile.passphraseOptions(context), environment: context.environment, readCLIVariables: true,
            instancePrincipal: instance)
    }

    /// Resolves the chain and fetches the identity (federating for instance principals).
    func resolve(profile: ProfileOptions, context: CredentialContext, method: OCIAuthMethod?)
        throws(OCISigningError) -> (resolution: OCIDefaultIdentityChain.Resolution, identity: OCISigningIdentity) {
        try DelegationTokenFile.check(delegationTokenFile, method: method)
        var chain = chainOptions(profile: profile, context: context, method: method)
        if let delegationTokenFile {
            chain.delegationToken = try DelegationTokenFile.read(delegationTokenFile, environment: context.environment)
        }
        let options = chain
        return try BlockingAsync.run { () async throws(OCISigningError) in
            let resolution = try await OCIDefaultIdentityChain(options).resolve()
            return (resolution, try await resolution.provider.identity())
        }
    }
}

/// A signer and the headers its identity adds to every request (`opc-obo-token`).
struct SigningSetup {
    let signer: OCIRequestSigner
    let extraHeaders: [RawHTTPRequest.Header]

    /// Adds the extra headers the request does not already carry.
    func prepared(_ raw: RawHTTPRequest) -> RawHTTPRequest {
        var raw = raw
        for header in extraHeaders where raw.values(of: header.name).isEmpty { raw.headers.append(header) }
        return raw
    }
}

extension KeyOptions {
    /// The signer for `sign`/`dump`: `--auth instance_principal|instance_obo_user` (or
    /// `OCI_CLI_AUTH`) goes through the principal chain; everything else through ``makeSigner(terminal:context:warnsOnKeyIDMismatch:)``.
    func makeSigningSetup(terminal: Terminal, context: CredentialContext, warnsOnKeyIDMismatch: Bool = true) throws(OCISigningError) -> SigningSetup {
        try DelegationTokenFile.check(auth.delegationTokenFile, method: try auth.method(context))
        guard try auth.usesPrincipal(context) else {
            let signer = try makeSigner(terminal: terminal, context: context, warnsOnKeyIDMismatch: warnsOnKeyIDMismatch)
            return SigningSetup(signer: signer, extraHeaders: [])
        }
        if keyFile != nil || keyID != nil {
            throw .usage("--key-file/--key-id and --auth \(try auth.method(context)!) are alternatives: give one or the other")
        }
        let identity = try auth.resolve(profile: profileOptions, context: context, method: try auth.method(context)).identity
        let headers = identity.delegationToken.map { [RawHTTPRequest.Header(name: "opc-obo-token", value: Array($0.utf8))] } ?? []
        return SigningSetup(signer: try identity.makeSigner(allowWeakKey: allowWeakKey), extraHeaders: headers)
    }

    /// `--auth security_token` needs a session-token profile; `api_key` an API-key profile.
    func checkProfileMethod(_ credentials: OCICredentials, context: CredentialContext) throws(OCISigningError) {
        guard let method = try auth.method(context) else { return }
        if method == .securityToken && credentials.sessionToken == nil {
            throw OCISigningError(.invalidConfigValue, "--auth security_token but profile [\(credentials.profile)] has no security_token_file", path: credentials.configFile)
        }
        if method == .apiKey && credentials.sessionToken != nil {
            throw OCISigningError(.invalidConfigValue, "--auth api_key but profile [\(credentials.profile)] is a session-token profile (security_token_file)", path: credentials.configFile)
        }
    }
}
