import OCISigning

/// Instance principals as a chain source. In the implicit chain, IMDS must first answer a short
/// probe (`GET instance/region`, no retry): no answer means *not configured here*.
struct OCIInstancePrincipalSource: OCIIdentitySource {
    let options: OCIDefaultIdentityChain.Options
    let probe: Bool
    let delegationToken: String?

    var name: String {
        let base = (try? OCIInstanceMetadataClient(baseURL: options.instancePrincipal.metadataBaseURL,
                                                   environment: options.instancePrincipal.environment, transport: options.transport))?.baseURL
        return "instance principals (instance metadata at \(base ?? "?"))"
    }

    func provider() async throws(OCISigningError) -> (any OCIIdentityProvider)? {
        var configuration = options.instancePrincipal
        if let delegationToken { configuration.delegationToken = delegationToken }
        if probe {
            let metadata = try OCIInstanceMetadataClient(baseURL: configuration.metadataBaseURL, environment: configuration.environment,
                                                         transport: options.transport, timeout: options.probeTimeout, retry: .none)
            do {
                let region = try await metadata.region()
                if configuration.region == nil { configuration.region = region }
            } catch {
                throw OCISigningError(.notConfiguredHere, error.reason)
            }
        }
        return try OCIInstancePrincipalProvider(configuration: configuration, transport: options.transport,
                                                clock: options.clock, logger: options.logger)
    }
}
