import Foundation
import Logging
import OCICredentials
import OCISigning

/// Finds the credentials to sign with, in the order of Oracle's tools: an explicit method
/// (a parameter, else `OCI_CLI_AUTH`), else the config-file profile, else OKE workload identity
/// (when the pod's environment says so), else resource principals when
/// `OCI_RESOURCE_PRINCIPAL_VERSION` is set, else any additional sources, else instance
/// principals when an instance metadata service answers a short probe.
///
/// Each source is either *not configured here* (skipped, noted) or *configured*; a configured
/// source that is broken stops the chain with its error, so a broken profile never silently
/// turns into the instance's identity. When nothing is configured, the error lists every
/// source tried and why it was skipped.
public struct OCIDefaultIdentityChain: Sendable {
    /// What one source did.
    public struct Attempt: Sendable, CustomStringConvertible {
        /// The source's name.
        public let source: String
        /// `used`, `not configured: …`, or `failed: …`.
        public let outcome: String
        /// `source: outcome`.
        public var description: String { "\(source): \(outcome)" }
    }

    /// The chain's answer: the provider and how it was found.
    public struct Resolution: Sendable {
        /// The provider to sign with.
        public let provider: any OCIIdentityProvider
        /// The method used.
        public let method: OCIAuthMethod
        /// The source that provided it.
        public let source: String
        /// Every source consulted, in order.
        public let attempts: [Attempt]
    }

    /// The inputs of the chain.
    public struct Options: Sendable {
        /// The method to use; `nil` means `OCI_CLI_AUTH`, else the chain.
        public var method: OCIAuthMethod?
        /// The config profile; `nil` means `OCI_CLI_PROFILE` (CLI) or `DEFAULT`.
        public var profile: String?
        /// An explicit config file.
        public var configFile: String?
        /// Pass-phrase sources for API keys.
        public var passphrase: PassphraseOptions
        /// Variables, home directory and clock of the config layer.
        public var environment: CredentialEnvironment
        /// Honour the OCI CLI's variables (`OCI_CLI_CONFIG_FILE`, `OCI_CLI_PROFILE`, `OCI_CLI_REGION`).
        public var readCLIVariables: Bool
        /// Instance-principal settings (endpoints, overrides, retries).
        public var instancePrincipal: OCIInstancePrincipalConfiguration
        /// The limit of the IMDS probe that decides whether instance principals are available.
        public var probeTimeout: Duration
        /// A delegation token for `instance_obo_user` (else the profile's `delegation_token_file`).
        public var delegationToken: String?
        /// Sources tried after the config profile and before instance principals.
        public var additionalSources: [any OCIIdentitySource]
        /// Resource-principal settings; `nil` means the variables of ``environment``.
        public var resourcePrincipal: OCIResourcePrincipalConfiguration?
        /// OKE workload-identity settings; `nil` reads them from ``environment``.
        public var okeWorkloadIdentity: OCIOKEWorkloadIdentityConfiguration? = nil
        /// Makes the CA-pinned transport of the OKE exchange (the AsyncHTTPClient one by default).
        public var okeTransportFactory: OCITrustAnchoredTransportFactory = OCIOKEWorkloadIdentityProvider.defaultTransportFactory
        /// The HTTP transport of the auth calls.
        public var transport: any OCIHTTPTransport
        /// The clock of dates and refresh decisions.
        public var clock: @Sendable () -> HTTPDate
        /// Debug logging; never secrets.
        public var logger: Logger?

        /// Creates options with the defaults.
        public init(method: OCIAuthMethod? = nil, profile: String? = nil, configFile: String? = nil,
                    passphrase: PassphraseOptions = PassphraseOptions(), environment: CredentialEnvironment = .process,
                    readCLIVariables: Bool = false, instancePrincipal: OCIInstancePrincipalConfiguration? = nil,
                    probeTimeout: Duration = .seconds(2), delegationToken: String? = nil,
                    additionalSources: [any OCIIdentitySource] = [], transport: any OCIHTTPTransport = OCIURLSessionTransport(),
                    clock: @escaping @Sendable () -> HTTPDate = { .now() }, logger: Logger? = nil) {
            self.method = method
            self.profile = profile
            self.configFile = configFile
            self.passphrase = passphrase
            self.environment = environment
            self.readCLIVariables = readCLIVariables
            self.instancePrincipal = instancePrincipal ?? OCIInstancePrincipalConfiguration(environment: environment.variables)
            self.probeTimeout = probeTimeout
            self.delegationToken = delegationToken
            self.additionalSources = additionalSources
            self.transport = transport
            self.clock = clock
            self.logger = logger
        }
    }

    /// The options.
    public let options: Options

    /// Creates a chain.
    public init(_ options: Options = Options()) { self.options = options }

    /// Resolves the provider.
    ///
    /// - Throws: the configured source's error, `unsupportedAuthMethod` for a bad
    ///   `OCI_CLI_AUTH`, or `noCredentialsFound` listing every source tried.
    public func resolve() async throws(OCISigningError) -> Resolution {
        var method = options.method
        if method == nil, let name = options.environment.variables["OCI_CLI_AUTH"], !name.isEmpty {
            method = try OCIAuthMethod(parsing: name, from: "OCI_CLI_AUTH")
        }
        if let method { return try await explicit(method) }
        var attempts: [Attempt] = []
        let profile = OCIProfileSource(options: options)
        if let resolution = try await attempt(profile, method: nil, attempts: &attempts) { return resolution }
        let oke = OCIOKEWorkloadIdentitySource(options: options, detect: true)
        if let resolution = try await attempt(oke, method: .okeWorkloadIdentity, attempts: &attempts) { return resolution }
        let resource = OCIResourcePrincipalSource(options: options, delegationToken: nil)
        if let resolution = try await attempt(resource, method: .resourcePrincipal, attempts: &attempts) { return resolution }
        for source in options.additionalSources {
            if let resolution = try await attempt(source, method: nil, attempts: &attempts) { return resolution }
        }
        let instance = OCIInstancePrincipalSource(options: options, probe: true, delegationToken: nil)
        if let resolution = try await attempt(instance, method: .instancePrincipal, attempts: &attempts) { return resolution }
        throw OCISigningError(.noCredentialsFound, "no credentials found; tried:\n\(attempts.report)")
    }

    private func explicit(_ method: OCIAuthMethod) async throws(OCISigningError) -> Resolution {
        let source: any OCIIdentitySource
        switch method {
        case .instancePrincipal:
            source = OCIInstancePrincipalSource(options: options, probe: false, delegationToken: nil)
        case .instanceOboUser:
            var token = options.delegationToken
            if token == nil {
                do { token = try OCIProfileSource(options: options).delegationToken() } catch where error.code == .notConfiguredHere {}
            }
            guard let token else {
                throw OCISigningError(.missingConfigValue, "--auth instance_obo_user needs a delegation token: set delegation_token_file in the config profile")
            }
            source = OCIInstancePrincipalSource(options: options, probe: false, delegationToken: token)
        case .resourcePrincipal:
            source = OCIResourcePrincipalSource(options: options, delegationToken: options.delegationToken, required: true)
        case .okeWorkloadIdentity:
            source = OCIOKEWorkloadIdentitySource(options: options, detect: false)
        default:
            source = OCIProfileSource(options: options, requiredMethod: method)
        }
        guard let provider = try await source.provider() else {
            throw OCISigningError(.noCredentialsFound, "--auth \(method): \(source.name) is not configured here")
        }
        return Resolution(provider: provider, method: method, source: source.name, attempts: [Attempt(source: source.name, outcome: "used")])
    }

    private func attempt(_ source: any OCIIdentitySource, method: OCIAuthMethod?, attempts: inout [Attempt]) async throws(OCISigningError) -> Resolution? {
        do {
            guard let provider = try await source.provider() else {
                attempts.append(Attempt(source: source.name, outcome: "not configured here"))
                return nil
            }
            attempts.append(Attempt(source: source.name, outcome: "used"))
            let resolvedMethod = method ?? ((source as? OCIProfileSource)?.method ?? .apiKey)
            return Resolution(provider: provider, method: resolvedMethod, source: source.name, attempts: attempts)
        } catch let error where error.code == .notConfiguredHere {
            attempts.append(Attempt(source: source.name, outcome: "not configured here (\(error.reason))"))
            return nil
        } catch {
            attempts.append(Attempt(source: source.name, outcome: "failed: \(error.reason)"))
            throw OCISigningError(error.code, "\(source.name) is configured but broken: \(error.reason)\ntried:\n\(attempts.report)", header: error.header, line: error.line, path: error.path)
        }
    }
}

extension OCISigningError.Code {
    /// A credential source is absent here (thrown by sources to say why they were skipped;
    /// the chain records it and moves on).
    public static let notConfiguredHere = OCISigningError.Code(rawValue: "notConfiguredHere")
}
