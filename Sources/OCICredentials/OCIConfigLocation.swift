import Foundation
import OCISigning

/// Where the config file is, following the SDKs and the OCI CLI (spec §6.1).
public enum OCIConfigLocation {
    /// The default path, `~/.oci/config`.
    public static let defaultPath = "~/.oci/config"
    /// The legacy fallback, `~/.oraclebmc/config`.
    public static let legacyPath = "~/.oraclebmc/config"

    /// Finds the config file.
    ///
    /// Order: `explicitPath` (an API argument or `--config-file`), then `OCI_CLI_CONFIG_FILE`
    /// when `readCLIVariables` (the CLI's variable, same as `--config-file`); both must exist.
    /// Otherwise `~/.oci/config` if it exists, else `OCI_CONFIG_FILE` if set and existing (the SDKs
    /// consult it only when the default is missing), else `~/.oraclebmc/config`.
    /// - Throws: `configFileNotFound`, listing every path tried.
    public static func resolve(explicitPath: String?, environment: CredentialEnvironment, readCLIVariables: Bool) throws(OCISigningError) -> String {
        let exists: (String) -> Bool = { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
        if let explicitPath {
            let path = environment.expandingTilde(explicitPath)
            guard exists(path) else { throw OCISigningError(.configFileNotFound, "the config file given does not exist", path: path) }
            return path
        }
        if readCLIVariables, let fromCLI = environment.variable("OCI_CLI_CONFIG_FILE") {
            let path = environment.expandingTilde(fromCLI)
            guard exists(path) else {
                throw OCISigningError(.configFileNotFound, "the config file named by OCI_CLI_CONFIG_FILE does not exist", path: path)
            }
            return path
        }
        var tried: [String] = []
        let standard = environment.expandingTilde(defaultPath)
        if exists(standard) { return standard }
        tried.append(standard)
        if let fromSDK = environment.variable("OCI_CONFIG_FILE") {
            let path = environment.expandingTilde(fromSDK)
            if exists(path) { return path }
            tried.append("\(path) (OCI_CONFIG_FILE)")
        }
        let legacy = environment.expandingTilde(legacyPath)
        if exists(legacy) { return legacy }
        tried.append(legacy)
        throw OCISigningError(.configFileNotFound, "no OCI config file found; tried \(tried.joined(separator: ", ")); create one with `oci setup config` or pass --config-file")
    }
}
