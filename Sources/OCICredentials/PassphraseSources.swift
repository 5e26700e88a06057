internal import CLibCrypto
import Foundation
import OCISigning

/// Asks a person for a pass phrase. The CLI's implementation reads the terminal without echo,
/// and only when standard input is a terminal; tests supply a scripted one.
public protocol PassphrasePrompter: Sendable {
    /// Returns the pass phrase typed for `prompt`, or `nil` when nobody can be asked
    /// (no terminal) or the person gave up. Must never block without a terminal.
    func readPassphrase(prompt: String) -> [UInt8]?
}

/// Where a pass phrase came from, for messages (never the pass phrase itself).
public enum PassphraseOrigin: Sendable, Hashable, CustomStringConvertible {
    /// Given through the API.
    case api
    /// Read from a file (`--passphrase-file`).
    case file(String)
    /// Read from an environment variable (`OCI_CLI_PASSPHRASE`).
    case environment(String)
    /// The config file's `pass_phrase` at a line.
    case config(path: String, line: Int)
    /// Typed at the terminal prompt.
    case prompt

    /// A phrase for messages, such as `the pass phrase in OCI_CLI_PASSPHRASE`.
    public var description: String {
        switch self {
        case .api: return "the pass phrase given by the caller"
        case .file(let path): return "the pass phrase in \(path)"
        case .environment(let name): return "the pass phrase in \(name)"
        case .config(let path, let line): return "pass_phrase at \(path):\(line)"
        case .prompt: return "the pass phrase typed at the prompt"
        }
    }
}

/// The pass-phrase sources, tried in this order; the first one present is used:
/// 1. ``explicit`` (API), 2. ``file`` (`--passphrase-file`), 3. the ``environmentVariable``
/// (`OCI_CLI_PASSPHRASE`), 4. the config's `pass_phrase`, 5. the ``prompter``, only when the key
/// turns out to be encrypted and none of the others supplied one.
public struct PassphraseOptions: Sendable {
    /// A pass phrase given directly. The caller's array stays the caller's to wipe.
    public var explicit: [UInt8]?
    /// A file whose first line is the pass phrase (`--passphrase-file`, like `openssl -passin file:`).
    public var file: String?
    /// The environment variable to read; `nil` to ignore the environment.
    public var environmentVariable: String?
    /// Who to ask when the key is encrypted and no other source has a pass phrase.
    public var prompter: (any PassphrasePrompter)?

    /// Creates options; by default only `OCI_CLI_PASSPHRASE` and the config are consulted.
    public init(explicit: [UInt8]? = nil, file: String? = nil, environmentVariable: String? = "OCI_CLI_PASSPHRASE", prompter: (any PassphrasePrompter)? = nil) {
        self.explicit = explicit
        self.file = file
        self.environmentVariable = environmentVariable
        self.prompter = prompter
    }

    /// The first configured source's pass phrase, or `nil`.
    func candidate(config: (value: String, path: String, line: Int)?, environment: CredentialEnvironment) throws(OCISigningError) -> (bytes: [UInt8], origin: PassphraseOrigin)? {
        if let explicit { return (explicit, .api) }
        if let file {
            let path = environment.expandingTilde(file)
            guard var data = FileManager.default.contents(atPath: path) else {
                let exists = FileManager.default.fileExists(atPath: path)
                throw OCISigningError(.fileUnreadable, exists ? "cannot read the pass phrase file" : "the pass phrase file does not exist", path: path)
            }
            var bytes = Array(data)
            data.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) }
            defer { bytes.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) } }
            // The first line, without its LF or CRLF, as `openssl -passin file:` reads it.
            var line = Array(bytes.prefix { $0 != UInt8(ascii: "\n") })
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            return (line, .file(path))
        }
        if let name = environmentVariable, let value = environment.variable(name) {
            return (Array(value.utf8), .environment(name))
        }
        if let config, !config.value.isEmpty {
            return (Array(config.value.utf8), .config(path: config.path, line: config.line))
        }
        return nil
    }
}

/// Loads a private key file with the pass-phrase sources, wiping every copy it made.
public enum PrivateKeyLoader {
    /// The loaded key and where its pass phrase came from (`nil`: none was used or needed).
    public struct Loaded: Sendable {
        /// The key.
        public let key: OCIPrivateKey
        /// The source of the pass phrase handed to libcrypto, if any.
        public let passphraseOrigin: PassphraseOrigin?
    }

    /// Loads `path`. A wrong pass phrase names its source; a missing one lists the ways to give one.
    /// `context` (such as `profile [DEFAULT]`) is prefixed to key errors.
    public static func load(path: String, options: PassphraseOptions, config: (value: String, path: String, line: Int)?,
                            environment: CredentialEnvironment, context: String? = nil) throws(OCISigningError) -> Loaded {
        let prefix = context.map { "\($0): " } ?? ""
        var candidate = try options.candidate(config: config, environment: environment)
        defer { candidate?.bytes.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) } }
        do {
            let key = try OCIPrivateKey(pemFile: path, passphrase: candidate?.bytes)
            return Loaded(key: key, passphraseOrigin: candidate == nil ? nil : candidate!.origin)
        } catch where error.code == .wrongPassphrase && candidate != nil {
            throw OCISigningError(.wrongPassphrase, "\(prefix)\(candidate!.origin) does not decrypt the private key", path: path)
        } catch where error.code == .missingPassphrase {
            if let prompter = options.prompter, var typed = prompter.readPassphrase(prompt: "Pass phrase for \(path): ") {
                defer { typed.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) } }
                do {
                    return Loaded(key: try OCIPrivateKey(pemFile: path, passphrase: typed), passphraseOrigin: .prompt)
                } catch where error.code == .wrongPassphrase {
                    throw OCISigningError(.wrongPassphrase, "\(prefix)\(PassphraseOrigin.prompt) does not decrypt the private key", path: path)
                }
            }
            var ways = ["--passphrase-file FILE"]
            if let name = options.environmentVariable { ways.append(name) }
            if context != nil { ways.append("pass_phrase in the profile") }
            throw OCISigningError(.missingPassphrase, "\(prefix)the private key is encrypted and no pass phrase was given (give one with \(ways.joined(separator: ", ")), or run on a terminal to be asked)", path: path)
        } catch {
            guard let context else { throw error }
            throw OCISigningError(error.code, "\(context): \(error.reason)", header: error.header, line: error.line, path: error.path ?? path)
        }
    }
}
