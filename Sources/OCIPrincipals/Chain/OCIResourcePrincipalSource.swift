import OCISigning

/// Resource principals as a chain source: configured when `OCI_RESOURCE_PRINCIPAL_VERSION` is
/// set (the platform sets it). Once it is set, a missing or bad variable is an error, not a
/// reason to try the next source.
struct OCIResourcePrincipalSource: OCIIdentitySource {
    let options: OCIDefaultIdentityChain.Options
    let delegationToken: String?
    /// An explicit `--auth resource_principal`: a missing version is an error, not "not here".
    var required = false

    var configuration: OCIResourcePrincipalConfiguration {
        var configuration = options.resourcePrincipal ?? OCIResourcePrincipalConfiguration(environment: options.environment.variables)
        if let delegationToken { configuration.delegationToken = delegationToken }
        // v1.1 fetches through the host's instance principal: the same settings as the chain's.
        if configuration.instancePrincipal == nil { configuration.instancePrincipal = options.instancePrincipal }
        return configuration
    }

    var name: String {
        let version = configuration.environment[OCIResourcePrincipalVersion.variable].map { " v\($0.prefix(16))" } ?? ""
        return "resource principal\(version) (\(OCIResourcePrincipalVersion.variable))"
    }

    func provider() async throws(OCISigningError) -> (any OCIIdentityProvider)? {
        let configuration = configuration
        guard configuration.isPresent || required else {
            throw OCISigningError(.notConfiguredHere, "\(OCIResourcePrincipalVersion.variable) is not set")
        }
        return try OCIResourcePrincipalProvider(configuration: configuration, transport: options.transport,
                                                clock: options.clock, logger: options.logger)
    }
}
