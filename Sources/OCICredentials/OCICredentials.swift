import Foundation
import OCISigning

/// Credentials loaded from an OCI config profile: the keyId and private key to sign with,
/// what was checked on the way, and the warnings a user should see.
///
/// Load with ``load(profile:configFile:passphrase:environment:readCLIVariables:)``. The value
/// is `Sendable`; its `description` redacts session tokens and never shows key material.
public struct OCICredentials: Sendable, CustomStringConvertible {
    /// The config file read.
    public let configFile: String
    /// The profile used.
    public let profile: String
    /// The keyId: `<tenancy>/<user>/<fingerprint>`, or `ST$<token>` for a session profile.
    /// Contains the session token: display ``redactedKeyID`` instead.
    public let keyID: String
    /// The private key.
    public let privateKey: OCIPrivateKey
    /// The key file it was read from (after `~` expansion).
    public let keyFile: String
    /// Where the key's pass phrase came from, if one was used.
    public let passphraseOrigin: PassphraseOrigin?
    /// The `fingerprint` from the profile, if set.
    public let configuredFingerprint: String?
    /// The MD5 fingerprint computed from the key.
    public let computedFingerprint: String
    /// The session token, for `security_token_file` profiles.
    public let sessionToken: SessionToken?
    /// The region (profile `region`, else `OCI_CLI_REGION` for the CLI, else `OCI_REGION`).
    public let region: String?
    /// Keys visible in the profile that this layer does not use (such as `compartment_id`).
    public let ignoredKeys: [String]
    /// Problems that do not stop signing (fingerprint mismatch, open file permissions, …).
    public let warnings: [OCICredentialWarning]

    /// The keyId with a session token redacted, for display.
    public var redactedKeyID: String { SessionToken.redact(keyID: keyID) }

    /// Whether the configured fingerprint differs from the key's.
    public var fingerprintMismatch: Bool { configuredFingerprint.map { $0 != computedFingerprint } ?? false }

    /// Builds the request signer (see `OCIRequestSigner(keyID:privateKey:allowWeakKey:)`).
    public func makeSigner(allowWeakKey: Bool = false) throws(OCISigningError) -> OCIRequestSigner {
        do {
            return try OCIRequestSigner(keyID: keyID, privateKey: privateKey, allowWeakKey: allowWeakKey)
        } catch {
            throw error.at(path: keyFile)
        }
    }

    /// No secrets: the keyId is redacted and the key shows only its size.
    public var description: String {
        "OCICredentials(profile: \(profile), keyId: \(redactedKeyID), key: \(privateKey), warnings: \(warnings.count))"
    }

    /// Loads a profile.
    ///
    /// - Parameters:
    ///   - profile: The profile name; `nil` means `OCI_CLI_PROFILE` when `readCLIVariables`, else `DEFAULT`.
    ///   - configFile: An explicit config path (`--config-file`); `nil` to search (``OCIConfigLocation``).
    ///   - passphrase: The pass-phrase sources.
    ///   - environment: Variables, home directory and clock.
    ///   - readCLIVariables: Also honour the OCI CLI's variables (`OCI_CLI_CONFIG_FILE`,
    ///     `OCI_CLI_PROFILE`, `OCI_CLI_REGION`).
    /// - Throws: `OCISigningError` naming the file, line and profile: `configFileNotFound`,
    ///   `malformedConfig`, `profileNotFound`, `missingConfigValue`, `invalidConfigValue`,
    ///   `keyContentInFile`, `invalidSessionToken`, `sessionTokenExpired`, `fileUnreadable`, and
    ///   the key errors (`missingPassphrase`, `wrongPassphrase`, `notAPrivateKey`, …).
    public static func load(profile: String? = nil, configFile: String? = nil, passphrase: PassphraseOptions = PassphraseOptions(),
                            environment: CredentialEnvironment = .process, readCLIVariables: Bool = false) throws(OCISigningError) -> OCICredentials {
        let path = try OCIConfigLocation.resolve(explicitPath: configFile, environment: environment, readCLIVariables: readCLIVariables)
        let file = try OCIConfigFile(contentsOf: path)
        let name = profile ?? (readCLIVariables ? environment.variable("OCI_CLI_PROFILE") : nil) ?? OCIConfigFile.defaultProfileName
        var warnings: [OCICredentialWarning] = []
        if let exposed = FilePermissions.warning(forSecretFile: path, what: "the config file") { warnings.append(exposed) }
        return try load(profile: file.profile(name), passphrase: passphrase, environment: environment, readCLIVariables: readCLIVariables, warnings: warnings)
    }

    /// Loads credentials from an already parsed profile (see the other overload for the rules).
    public static func load(profile: OCIConfigProfile, passphrase: PassphraseOptions = PassphraseOptions(),
                            environment: CredentialEnvironment = .process, readCLIVariables: Bool = false) throws(OCISigningError) -> OCICredentials {
        try load(profile: profile, passphrase: passphrase, environment: environment, readCLIVariables: readCLIVariables, warnings: [])
    }

    /// A config value for an error message: quoted only when it cannot be a piece of a key.
    /// A PEM body line is a run of base64 characters (`A–Z a–z 0–9 + / =`); a value of 16 or
    /// more bytes made only of those, or one longer than 80 bytes, is described by its length
    /// (a mistyped OCID has `.`, an e-mail `@`, so those are still shown).
    static func shape(of value: String) -> String {
        func isBase64(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
        }
        let couldBeKey = value.utf8.count > 80 || (value.utf8.count >= 16 && value.utf8.allSatisfy(isBase64))
        return couldBeKey ? "(a value of \(value.utf8.count) bytes, not shown: it could be key material)" : "'\(OCIDisplayText.visible(Array(value.utf8)))'"
    }

    static func load(profile: OCIConfigProfile, passphrase: PassphraseOptions, environment: CredentialEnvironment,
                     readCLIVariables: Bool, warnings initial: [OCICredentialWarning],
                     checksTokenExpiry: Bool = true) throws(OCISigningError) -> OCICredentials {
        var warnings = initial
        let context = "profile [\(profile.name)]"

        if let content = profile.value("key_content") {
            throw profile.error(.keyContentInFile, "'key_content' cannot be in a config file for security reasons (as in the OCI SDKs); put the key in a file and set key_file", at: content)
        }

        // Session profiles sign with ST$<token>; API-key profiles with tenancy/user/fingerprint.
        var token: SessionToken?
        if let tokenValue = profile.value("security_token_file") {
            guard !tokenValue.value.isEmpty else {
                throw profile.error(.missingConfigValue, "security_token_file is empty", at: tokenValue)
            }
            let tokenPath = environment.expandingTilde(tokenValue.value)
            let loaded: SessionToken
            do {
                loaded = try SessionToken(contentsOf: tokenPath)
            } catch {
                throw OCISigningError(error.code, "\(context) (security_token_file at \(profile.path):\(tokenValue.line)): \(error.reason)", path: tokenPath)
            }
            if let expiry = loaded.expiresAt {
                let now = environment.now()
                // A refresh checks the token itself, with messages about refreshing.
                if checksTokenExpiry, expiry <= now {
                    throw OCISigningError(.sessionTokenExpired, "\(context): the session token expired at \(iso8601(expiry)) (\(roughSpan(now - expiry)) ago); run `oci session refresh --profile \(profile.name)` or `oci session authenticate`", path: tokenPath)
                }
            } else {
                warnings.append(OCICredentialWarning(.tokenExpiryUnknown, "\(context): the session token is not a JWT with an 'exp' claim, so its expiry cannot be checked", path: tokenPath))
            }
            token = loaded
        } else {
            let needed = ["user", "tenancy", "fingerprint", "key_file"]
            let missing = needed.filter { (profile[$0] ?? "").isEmpty }
            if !missing.isEmpty {
                let empty = missing.compactMap { profile.value($0) }.first
                throw profile.error(.missingConfigValue, "\(missing.joined(separator: ", ")) \(missing.count == 1 ? "is" : "are") missing or empty (required for API-key signing, unless security_token_file is set)", at: empty)
            }
            for key in ["tenancy", "user"] {
                let value = profile.value(key)!
                guard isOCID(value.value) else {
                    throw profile.error(.invalidConfigValue, "\(key) \(Self.shape(of: value.value)) is not an OCID (expected something like ocid1.\(key).oc1..aaaa…)", at: value)
                }
            }
        }

        var configuredFingerprint: String?
        if let fingerprint = profile.value("fingerprint"), !fingerprint.value.isEmpty {
            guard isFingerprint(fingerprint.value) else {
                throw profile.error(.invalidConfigValue, "fingerprint \(Self.shape(of: fingerprint.value)) is malformed: expected 16 lowercase hex pairs joined by ':' (as `oci-sign fingerprint KEY` prints)", at: fingerprint)
            }
            configuredFingerprint = fingerprint.value
        }

        guard let keyValue = profile.value("key_file"), !keyValue.value.isEmpty else {
            throw profile.error(.missingConfigValue, "key_file is missing or empty (the session's private key is needed to sign)", at: profile.value("key_file"))
        }
        let keyFile = environment.expandingTilde(keyValue.value)
        if let exposed = FilePermissions.warning(forSecretFile: keyFile, what: "the private key file") { warnings.append(exposed) }
        let configPassphrase = profile.value("pass_phrase").map { (value: $0.value, path: profile.path, line: $0.line) }
        let loaded: PrivateKeyLoader.Loaded
        do {
            loaded = try PrivateKeyLoader.load(path: keyFile, options: passphrase, config: configPassphrase, environment: environment,
                                               context: "\(context) (key_file at \(profile.path):\(keyValue.line))")
        } catch where error.code == .missingPassphrase {
            // Go accepts `passphrase`; the other SDKs and the CLI only `pass_phrase`.
            guard let alias = profile.value("passphrase") else { throw error }
            throw OCISigningError(.missingPassphrase, "\(error.reason); note: line \(alias.line) sets 'passphrase', which is read only by the Go SDK: rename it to 'pass_phrase'", path: error.path)
        }
        let computed = try loaded.key.fingerprint

        if let configuredFingerprint, configuredFingerprint != computed {
            let at = profile.value("fingerprint")!
            warnings.append(OCICredentialWarning(.fingerprintMismatch, "\(context): the configured fingerprint \(configuredFingerprint) is not the key's (\(computed)); OCI will answer 401 NotAuthenticated. Check that key_file is the key whose public half you uploaded, or fix the fingerprint", path: profile.path, line: at.line))
        }
        if loaded.key.bits < 2048 {
            warnings.append(OCICredentialWarning(.weakKey, "\(context): the key has \(loaded.key.bits) bits; OCI requires at least 2048 for uploaded API keys", path: keyFile))
        }

        var region = profile.value("region").map(\.value).flatMap { $0.isEmpty ? nil : $0 }
        if region == nil, readCLIVariables { region = environment.variable("OCI_CLI_REGION") }
        if region == nil { region = environment.variable("OCI_REGION") }
        if region == nil {
            warnings.append(OCICredentialWarning(.missingRegion, "\(context): no region set (signing does not need one, but OCI clients do)", path: profile.path))
        }

        let keyID: String
        if let token {
            keyID = token.keyID
        } else {
            keyID = "\(profile["tenancy"]!)/\(profile["user"]!)/\(configuredFingerprint!)"
        }
        return OCICredentials(
            configFile: profile.path, profile: profile.name, keyID: keyID, privateKey: loaded.key, keyFile: keyFile,
            passphraseOrigin: loaded.passphraseOrigin, configuredFingerprint: configuredFingerprint, computedFingerprint: computed,
            sessionToken: token, region: region, ignoredKeys: profile.ignoredKeys.map(\.key), warnings: warnings)
    }

    /// The Python SDK's OCID shape check: `^([0-9a-zA-Z-_]+[.:])([0-9a-zA-Z-_]*[.:]){3,}([0-9a-zA-Z-_]+)$`.
    static func isOCID(_ text: String) -> Bool {
        func word(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "_") }
        let parts = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "." || $0 == ":" })
        guard parts.count >= 5, parts.allSatisfy({ $0.allSatisfy(word) }) else { return false }
        return !parts.first!.isEmpty && !parts.last!.isEmpty
    }

    /// 16 lowercase hex pairs joined by `:` (the Python SDK's check).
    static func isFingerprint(_ text: String) -> Bool {
        let pairs = text.split(separator: ":", omittingEmptySubsequences: false)
        return pairs.count == 16 && pairs.allSatisfy { $0.count == 2 && $0.allSatisfy { "0123456789abcdef".contains($0) } }
    }
}
