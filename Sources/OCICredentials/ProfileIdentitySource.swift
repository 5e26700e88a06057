import OCISigning

/// Where a profile-based provider reads from, and how it turns a profile into an identity.
/// Shared by ``OCIConfigProfileIdentityProvider`` and ``OCISessionTokenIdentityProvider``.
struct ProfileIdentitySource: Sendable {
    let profileName: String?
    let configFile: String?
    let passphrase: PassphraseOptions
    let environment: CredentialEnvironment
    let readCLIVariables: Bool

    /// One read of the profile: the identity, and the files it came from.
    struct Loaded: Sendable {
        let identity: OCISigningIdentity
        let credentials: OCICredentials
        /// The config file, the key file and (for session profiles) the token file.
        let files: [String]
    }

    var now: HTTPDate { HTTPDate(secondsSince1970: environment.now()) }

    /// Finds and parses the config file and picks the profile (the rules of `OCICredentials.load`).
    func profile() throws(OCISigningError) -> OCIConfigProfile {
        let path = try OCIConfigLocation.resolve(explicitPath: configFile, environment: environment, readCLIVariables: readCLIVariables)
        let file = try OCIConfigFile(contentsOf: path)
        let name = profileName ?? (readCLIVariables ? environment.variable("OCI_CLI_PROFILE") : nil) ?? OCIConfigFile.defaultProfileName
        return try file.profile(name)
    }

    /// The files a profile's identity is read from: config, key, token (when set).
    func files(of profile: OCIConfigProfile) -> [String] {
        var files = [profile.path]
        for key in ["key_file", "security_token_file"] {
            if let value = profile[key], !value.isEmpty { files.append(environment.expandingTilde(value)) }
        }
        return files
    }

    /// Loads the profile's key (and token) and builds the identity.
    func load(_ profile: OCIConfigProfile) throws(OCISigningError) -> Loaded {
        let credentials = try OCICredentials.load(profile: profile, passphrase: passphrase, environment: environment,
                                                  readCLIVariables: readCLIVariables)
        var source = "profile [\(profile.name)] in \(profile.path)"
        if let token = credentials.sessionToken { source += " (security_token_file \(token.path))" }
        let tenancy = profile["tenancy"].flatMap { $0.isEmpty ? nil : $0 }
        let identity = OCISigningIdentity(
            keyID: credentials.keyID, privateKey: credentials.privateKey,
            kind: credentials.sessionToken == nil ? .apiKey : .securityToken, source: source,
            expiresAt: credentials.sessionToken?.expiresAt.map(HTTPDate.init(secondsSince1970:)),
            region: credentials.region, tenancy: tenancy, obtainedAt: now)
        return Loaded(identity: identity, credentials: credentials, files: files(of: profile))
    }

    /// Whether two identities are the same credential: same key id, same key (by fingerprint,
    /// since a re-read key is a new object), same delegation token.
    static func sameCredential(_ one: OCISigningIdentity, _ other: OCISigningIdentity) -> Bool {
        guard one.keyID == other.keyID, one.delegationToken == other.delegationToken else { return false }
        if one.privateKey.isSameKey(as: other.privateKey) { return true }
        guard let first = try? one.privateKey.fingerprint, let second = try? other.privateKey.fingerprint else { return false }
        return first == second
    }
}

extension OCISigningIdentity {
    /// Log metadata without secrets: kind, redacted key id, source, expiry.
    var logSummary: String {
        var text = "\(kind) \(redactedKeyID) from \(source)"
        if let expiresAt { text += ", expires \(expiresAt.imfFixdate)" }
        return text
    }
}
