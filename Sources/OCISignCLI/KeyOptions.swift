import ArgumentParser
import OCISigning

/// How `oci-sign` obtains the signing key and key id.
public struct KeyOptions: ParsableArguments, Sendable {
    /// PEM private key file (PKCS#1 or PKCS#8).
    @Option(name: .customLong("key-file"), help: ArgumentHelp("PEM private key file (PKCS#1 or PKCS#8).", valueName: "PEM"))
    public var keyFile: String?

    /// The keyId: `<tenancy OCID>/<user OCID>/<fingerprint>` or `ST$<token>`.
    @Option(name: .customLong("key-id"), help: ArgumentHelp("keyId: <tenancy OCID>/<user OCID>/<fingerprint>, or ST$<session token>.", valueName: "KEYID"))
    public var keyID: String?

    /// Accept a 1024–2047-bit key (Oracle's own test key has 1024 bits).
    @Flag(name: .customLong("allow-weak-key"), help: "Accept an RSA key of 1024 to 2047 bits (Oracle's published test key is 1024-bit). Keys under 1024 bits are always refused.")
    public var allowWeakKey = false

    public init() {}

    /// Loads the key and builds the signer.
    public func makeSigner() throws(OCISigningError) -> OCIRequestSigner {
        guard let keyFile else {
            throw OCISigningError(.invalidKey, "no key given: pass --key-file PEM and --key-id KEYID")
        }
        guard let keyID else {
            throw OCISigningError(.invalidKey, "no key id given: pass --key-id <tenancy OCID>/<user OCID>/<fingerprint>")
        }
        let key = try OCIPrivateKey(pemFile: keyFile)
        do {
            return try OCIRequestSigner(keyID: keyID, privateKey: key, allowWeakKey: allowWeakKey)
        } catch {
            throw error.at(path: keyFile)
        }
    }
}
