import Foundation
import OCICredentials
import OCISigning

/// The config-file profile as a chain source: an API key or session-token profile becomes a
/// static provider; `authentication_type=instance_principal` (with an optional
/// `delegation_token_file`, the Cloud Shell layout) becomes an instance-principal provider, as
/// Oracle's config loaders do.
struct OCIProfileSource: OCIIdentitySource {
    let options: OCIDefaultIdentityChain.Options
    var requiredMethod: OCIAuthMethod?

    init(options: OCIDefaultIdentityChain.Options, requiredMethod: OCIAuthMethod? = nil) {
        self.options = options
        self.requiredMethod = requiredMethod
    }

    var name: String { "config profile [\(profileName)]" }

    var profileName: String {
        options.profile ?? (options.readCLIVariables ? options.environment.variables["OCI_CLI_PROFILE"] : nil) ?? OCIConfigFile.defaultProfileName
    }

    /// The method the profile selects, once loaded.
    var method: OCIAuthMethod? { (try? loadProfile()).flatMap { Self.method(of: $0) } }

    static func method(of profile: OCIConfigProfile) -> OCIAuthMethod {
        if profile["authentication_type"]?.lowercased() == "instance_principal" {
            return profile["delegation_token_file"] == nil ? .instancePrincipal : .instanceOboUser
        }
        return profile["security_token_file"] == nil ? .apiKey : .securityToken
    }

    /// The profile, or a `notConfiguredHere` error when there is no config file.
    func loadProfile() throws(OCISigningError) -> OCIConfigProfile {
        let path: String
        do {
            path = try OCIConfigLocation.resolve(explicitPath: options.configFile, environment: options.environment,
                                                 readCLIVariables: options.readCLIVariables)
        } catch where error.code == .configFileNotFound && options.configFile == nil {
            throw OCISigningError(.notConfiguredHere, error.reason)
        }
        return try OCIConfigFile(contentsOf: path).profile(profileName)
    }

    /// The profile's delegation token (`delegation_token_file`, read and stripped), if it names one.
    func delegationToken() throws(OCISigningError) -> String? {
        let profile = try loadProfile()
        guard let file = profile.value("delegation_token_file"), !file.value.isEmpty else { return nil }
        let path = options.environment.expandingTilde(file.value)
        guard let data = FileManager.default.contents(atPath: path), data.count <= 64 * 1024 else {
            throw OCISigningError(.fileUnreadable, "profile [\(profile.name)] (delegation_token_file at \(profile.path):\(file.line)): cannot read the delegation token file", path: path)
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty, token.utf8.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E }) else {
            throw OCISigningError(.invalidConfigValue, "profile [\(profile.name)]: the delegation token file is empty or holds characters a header cannot carry", path: path)
        }
        return token
    }

    func provider() async throws(OCISigningError) -> (any OCIIdentityProvider)? {
        let profile = try loadProfile()
        let method = Self.method(of: profile)
        if let requiredMethod, requiredMethod != method, !(requiredMethod == .apiKey && method == .securityToken) {
            throw OCISigningError(.invalidConfigValue, "--auth \(requiredMethod) but profile [\(profile.name)] in \(profile.path) is set up for \(method)", path: profile.path)
        }
        if method == .instancePrincipal || method == .instanceOboUser {
            var configuration = options.instancePrincipal
            configuration.delegationToken = try delegationToken()
            if configuration.region == nil { configuration.region = profile["region"] }
            return try OCIInstancePrincipalProvider(configuration: configuration, transport: options.transport,
                                                    clock: options.clock, logger: options.logger)
        }
        let credentials = try OCICredentials.load(profile: profile, passphrase: options.passphrase, environment: options.environment,
                                                  readCLIVariables: options.readCLIVariables)
        let expiry = credentials.sessionToken?.expiresAt.map { HTTPDate(secondsSince1970: $0) }
        let identity = OCISigningIdentity(
            keyID: credentials.keyID, privateKey: credentials.privateKey, kind: method == .securityToken ? .securityToken : .apiKey,
            source: "profile [\(profile.name)] in \(profile.path)", expiresAt: expiry, region: credentials.region,
            tenancy: profile["tenancy"], obtainedAt: options.clock())
        return OCIStaticIdentityProvider(identity, now: options.clock)
    }
}
