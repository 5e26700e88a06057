import ArgumentParser
import Foundation
import OCICredentials
import OCISigning

/// `oci-sign fingerprint KEY...`: the OCI fingerprint of a private or public key file.
public struct FingerprintCommand: TerminalCommand {
    /// The command's name, help text and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "fingerprint",
        abstract: "Print the OCI fingerprint (MD5 of the public key, colon hex) of key files.",
        discussion: """
            KEY is a PEM private key (any form `oci-sign sign` reads; an encrypted one takes its \
            pass phrase from --passphrase-file, $OCI_CLI_PASSPHRASE or a terminal prompt) or a PEM \
            public key (`BEGIN PUBLIC KEY`). The value is what the OCI Console shows for an uploaded \
            API key and what belongs in the config's `fingerprint=`; it equals
              openssl rsa -pubout -outform DER -in KEY | openssl md5 -c

            With one KEY only the fingerprint is printed; with several, "FINGERPRINT  KEY" lines.
            Exit status: 0 all printed; 2 a key could not be read.
            """)

    /// File whose first line is the pass phrase.
    @Option(name: .customLong("passphrase-file"), help: ArgumentHelp("File whose first line is the pass phrase of an encrypted key.", valueName: "FILE"))
    public var passphraseFile: String?

    /// The key files.
    @Argument(help: ArgumentHelp("PEM private or public key files.", valueName: "KEY"))
    public var keys: [String]

    /// Creates the command with default options.
    public init() {}

    /// Runs the command; returns the exit status.
    public func execute(terminal: Terminal, context: CredentialContext) -> ExitStatus {
        var status = ExitStatus.success
        for path in keys {
            do throws(OCISigningError) {
                let fingerprint = try Self.fingerprint(of: path, passphraseFile: passphraseFile, context: context)
                terminal.print(keys.count == 1 ? fingerprint : "\(fingerprint)  \(path)")
            } catch {
                terminal.error("oci-sign: \(error)")
                status = .credentials
            }
        }
        return status
    }

    /// The fingerprint of a private or public PEM key file.
    static func fingerprint(of path: String, passphraseFile: String?, context: CredentialContext) throws(OCISigningError) -> String {
        let head = String(decoding: try BoundedFile.read(path, limit: BoundedFile.Limit.key, what: "the key file"), as: UTF8.self)
        let isPublic = !head.contains("PRIVATE KEY-----") && head.contains("PUBLIC KEY-----")
        if isPublic { return try OCIPublicKey(pemFile: path).fingerprint }
        let options = PassphraseOptions(file: passphraseFile, environmentVariable: "OCI_CLI_PASSPHRASE", prompter: context.prompter)
        return try PrivateKeyLoader.load(path: path, options: options, config: nil, environment: context.environment).key.fingerprint
    }
}
