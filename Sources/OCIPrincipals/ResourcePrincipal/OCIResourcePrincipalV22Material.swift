import OCICredentials
import OCISigning

/// What the v2.2 variables hand over: the resource principal session token (RPST), its
/// private key and the region, read together. The same reader serves the v3.0 leaf through the
/// `_FOR_LEAF_RESOURCE` twins of the variables.
struct OCIResourcePrincipalV22Material: Sendable {
    let token: String
    let claims: OCISecurityTokenClaims
    let privateKey: OCIPrivateKey
    let region: OCIResolvedRegion?
    /// Where each part came from, without values.
    let origin: String

    /// The variable names, with an optional suffix (`_FOR_LEAF_RESOURCE`).
    struct Names: Sendable {
        let rpst: String
        let privatePEM: String
        let passphrase: String
        let region: String

        init(suffix: String = "") {
            rpst = "OCI_RESOURCE_PRINCIPAL_RPST" + suffix
            privatePEM = "OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM" + suffix
            passphrase = "OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM_PASSPHRASE" + suffix
            region = "OCI_RESOURCE_PRINCIPAL_REGION" + suffix
        }
    }

    /// Checks that the variables are there and agree, without reading any file.
    ///
    /// - Throws: `missingConfigValue` naming a missing variable; `invalidConfigValue` when the
    ///   key is a file but the pass phrase a literal (Go and Java refuse this too; the Python SDK
    ///   then tries to open the literal as a file).
    static func check(_ names: Names, in environment: [String: String], purpose: String) throws(OCISigningError) {
        _ = try OCIResourcePrincipalSetting.required(names.rpst, in: environment, for: purpose)
        let key = try OCIResourcePrincipalSetting.required(names.privatePEM, in: environment, for: purpose)
        if key.isFile, let passphrase = OCIResourcePrincipalSetting(names.passphrase, in: environment), !passphrase.isFile {
            throw OCISigningError(.invalidConfigValue, "\(names.privatePEM) names a file but \(names.passphrase) is not an absolute path: with a key file the pass phrase must be a file too")
        }
        if !key.isFile, !key.raw.contains("-----BEGIN"), key.looksLikeRelativePath(key.raw.trimmingPythonWhitespace()) {
            throw OCISigningError(.invalidConfigValue, "\(names.privatePEM) holds neither a PEM key nor an absolute path: '\(key.raw.trimmingPythonWhitespace())' looks like a relative path, and files must be named by an absolute path")
        }
    }

    /// Reads the token, the key (decrypted with the pass phrase, if any) and the region.
    static func read(_ names: Names, in environment: [String: String], purpose: String) throws(OCISigningError) -> OCIResourcePrincipalV22Material {
        try check(names, in: environment, purpose: purpose)
        let tokenSetting = try OCIResourcePrincipalSetting.required(names.rpst, in: environment, for: purpose)
        let keySetting = try OCIResourcePrincipalSetting.required(names.privatePEM, in: environment, for: purpose)
        let passphraseSetting = OCIResourcePrincipalSetting(names.passphrase, in: environment)
        let (token, claims) = try tokenSetting.token()
        var passphrase = try passphraseSetting?.passphrase()
        defer { if passphrase != nil { passphrase!.wipe() } }
        var pem = try keySetting.bytes(limit: BoundedFile.Limit.key)
        defer { pem.wipe() }
        let key: OCIPrivateKey
        do { key = try OCIPrivateKey(pem: pem, passphrase: passphrase) } catch {
            let phrase = passphraseSetting.map { " with the pass phrase from \($0.origin)" } ?? ""
            throw OCISigningError(error.code, "the private key from \(keySetting.origin)\(phrase) is unusable: \(error.reason)", path: keySetting.isFile ? keySetting.raw : nil)
        }
        let region = OCIResourcePrincipalSetting(names.region, in: environment).map {
            OCIRegionResolver(environment: environment).resolveOffline($0.raw.trimmingPythonWhitespace())
        }
        var origin = "\(tokenSetting.origin), key \(keySetting.origin)"
        if let passphraseSetting { origin += ", pass phrase \(passphraseSetting.origin)" }
        return OCIResourcePrincipalV22Material(token: token, claims: claims, privateKey: key, region: region, origin: origin)
    }
}

fileprivate extension Array where Element == UInt8 {
    /// Overwrites the bytes before they are released (pass phrases, key text).
    mutating func wipe() {
        for index in indices { self[index] = 0 }
    }
}
