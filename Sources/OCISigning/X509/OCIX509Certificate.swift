internal import CLibCrypto

/// An X.509 certificate parsed by libcrypto: its DER bytes, subject, issuer, validity, public
/// key and fingerprints.
///
/// Nothing is verified (no chain, no dates): OCI's own SDKs only check that instance
/// certificates parse. The value is `Sendable`; its `description` shows the subject only.
public struct OCIX509Certificate: Sendable, CustomStringConvertible {
    let handle: X509Handle
    /// The DER encoding.
    public let derRepresentation: [UInt8]
    /// The parsed subject.
    public let subject: OCIX509Name
    /// The parsed issuer.
    public let issuer: OCIX509Name
    /// The start of the validity period.
    public let notBefore: HTTPDate?
    /// The end of the validity period.
    public let notAfter: HTTPDate?

    /// Parses the first certificate of PEM text.
    ///
    /// - Throws: `invalidCertificate` when no `CERTIFICATE` block parses.
    public init(pem: some Collection<UInt8>) throws(OCISigningError) {
        let all = try Self.certificates(pem: pem)
        self = all[0]
    }

    /// Parses DER bytes.
    public init(der: [UInt8]) throws(OCISigningError) {
        let loaded: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            LibCryptoErrors.clear()
            return d2i_X509(nil, &cursor, buffer.count)
        }
        guard let loaded else {
            _ = LibCryptoErrors.drain()
            throw OCISigningError(.invalidCertificate, "the bytes are not a DER X.509 certificate")
        }
        try self.init(handle: X509Handle(taking: loaded))
    }

    /// Every certificate in PEM text, in order (an intermediate bundle may hold several).
    ///
    /// - Throws: `invalidCertificate` when there is none, or a `CERTIFICATE` block does not parse.
    public static func certificates(pem: some Collection<UInt8>) throws(OCISigningError) -> [OCIX509Certificate] {
        let bytes = Array(pem)
        let labels = PEMText(bytes).labels
        let expected = labels.filter { $0 == "CERTIFICATE" }.count
        guard expected > 0 else {
            let found = labels.isEmpty ? "no PEM block" : "only \(labels.joined(separator: ", "))"
            throw OCISigningError(.invalidCertificate, "expected -----BEGIN CERTIFICATE-----, found \(found)")
        }
        let handles: [X509Handle] = try withMemoryBIO(bytes) { bio in
            var found: [X509Handle] = []
            LibCryptoErrors.clear()
            while let next = PEM_read_bio_X509(bio, nil, nil, nil) { found.append(X509Handle(taking: next)) }
            _ = LibCryptoErrors.drain()
            return found
        }
        guard handles.count == expected else {
            throw OCISigningError(.invalidCertificate, "\(expected - handles.count) of \(expected) CERTIFICATE block(s) do not parse as X.509")
        }
        var certificates: [OCIX509Certificate] = []
        for handle in handles { certificates.append(try OCIX509Certificate(handle: handle)) }
        return certificates
    }

    init(handle: X509Handle) throws(OCISigningError) {
        self.handle = handle
        derRepresentation = try Self.der(of: handle.pointer)
        guard let subjectName = X509_get_subject_name(handle.pointer), let issuerName = X509_get_issuer_name(handle.pointer) else {
            throw OCISigningError(.invalidCertificate, "the certificate has no subject or issuer")
        }
        subject = try X509NameReader.read(subjectName)
        issuer = try X509NameReader.read(issuerName)
        notBefore = ASN1TimeReader.date(X509_get0_notBefore(handle.pointer))
        notAfter = ASN1TimeReader.date(X509_get0_notAfter(handle.pointer))
    }

    private static func der(of pointer: OpaquePointer) throws(OCISigningError) -> [UInt8] {
        let length = i2d_X509(pointer, nil)
        guard length > 0 else { throw LibCryptoErrors.failure("encoding the certificate") }
        var der = [UInt8](repeating: 0, count: Int(length))
        let written = der.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor: UnsafeMutablePointer<UInt8>? = buffer.baseAddress
            return i2d_X509(pointer, &cursor)
        }
        guard written == length else { throw LibCryptoErrors.failure("encoding the certificate") }
        return der
    }

    /// SHA-1 of the DER, upper-case hex pairs joined by `:` (`86:51:50:…`): the fingerprint in
    /// the Python SDK's federation keyId `{tenancy}/fed-x509/{fingerprint}`.
    public var sha1Fingerprint: String {
        X509Fingerprint.colonHex(derRepresentation.withUnsafeBytes { X509Fingerprint.sha1($0) })
    }

    /// SHA-256 of the DER, upper-case hex pairs joined by `:`.
    public var sha256Fingerprint: String {
        X509Fingerprint.colonHex(derRepresentation.withUnsafeBytes { Digest.sha256($0) })
    }

    /// The subject's public key.
    public var publicKey: OCIPublicKey {
        get throws(OCISigningError) {
            guard let key = X509_get_pubkey(handle.pointer) else {
                _ = LibCryptoErrors.drain()
                throw OCISigningError(.invalidCertificate, "the certificate's public key cannot be read")
            }
            return try OCIPublicKey(der: EVPKey(taking: key).publicKeyDER())
        }
    }

    /// Whether `privateKey` is the private half of this certificate's public key.
    public func matches(_ privateKey: OCIPrivateKey) -> Bool {
        LibCryptoErrors.clear()
        defer { _ = LibCryptoErrors.drain() }
        return privateKey.key.isPrivateHalf(ofCertificate: handle.pointer)
    }

    /// The subject, never key material.
    public var description: String { "OCIX509Certificate(subject: \(subject))" }
}
