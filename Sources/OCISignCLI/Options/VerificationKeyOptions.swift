import ArgumentParser
import OCISigning

/// How `oci-sign verify` and `explain` obtain the public key that checks a signature.
public struct VerificationKeyOptions: ParsableArguments, Sendable {
    /// PEM public key (`-----BEGIN PUBLIC KEY-----`), as uploaded to OCI.
    @Option(name: .customLong("public-key"), help: ArgumentHelp("PEM public key (SubjectPublicKeyInfo), as uploaded to OCI.", valueName: "PUB"))
    public var publicKeyFile: String?

    /// A PEM private key whose public half is used (never printed).
    @Option(name: .customLong("key-file"), help: ArgumentHelp("PEM private key; its public half is used.", valueName: "PEM"))
    public var privateKeyFile: String?

    /// Creates the options with their defaults (argument parsing fills them in).
    public init() {}

    /// The key, from whichever option was given; a missing or doubled option is a usage error.
    public func load() throws(OCISigningError) -> OCIPublicKey {
        switch (publicKeyFile, privateKeyFile) {
        case (let pub?, nil):
            return try OCIPublicKey(pemFile: pub)
        case (nil, let pem?):
            do { return try OCIPrivateKey(pemFile: pem).publicKey } catch { throw error.at(path: pem) }
        case (.some, .some):
            throw .usage("give either --public-key or --key-file, not both")
        case (nil, nil):
            throw .usage("no key given: pass --public-key PUB (or --key-file PEM to use its public half)")
        }
    }
}
