import OCISigning

/// What one IMDS read yields: the leaf certificate and key, the intermediates, and the tenancy
/// from the leaf subject, all checked before anything is signed with them.
struct OCIInstanceIdentityMaterial: Sendable {
    let leafCertificatePEM: String
    let leafCertificate: OCIX509Certificate
    let leafPrivateKey: OCIPrivateKey
    let intermediateCertificatesPEM: String
    let tenancy: String

    /// Reads cert.pem, key.pem and intermediate.pem, in the Python SDK's order.
    static func read(from metadata: OCIInstanceMetadataClient) async throws(OCISigningError) -> OCIInstanceIdentityMaterial {
        let certificatePEM = try await metadata.leafCertificatePEM()
        let keyPEM = try await metadata.leafPrivateKeyPEM()
        let intermediatePEM = try await metadata.intermediateCertificatesPEM()
        return try parse(certificatePEM: certificatePEM, keyPEM: keyPEM, intermediatePEM: intermediatePEM, metadata: metadata)
    }

    static func parse(certificatePEM: String, keyPEM: String, intermediatePEM: String,
                      metadata: OCIInstanceMetadataClient) throws(OCISigningError) -> OCIInstanceIdentityMaterial {
        let certificate: OCIX509Certificate
        do { certificate = try OCIX509Certificate(pem: Array(certificatePEM.utf8)) } catch {
            throw OCISigningError(.invalidInstanceIdentity, "GET \(metadata.url("identity/cert.pem")) did not serve a PEM certificate: \(error.reason)")
        }
        guard let tenancy = tenancy(in: certificate.subject) else {
            throw OCISigningError(.invalidInstanceIdentity, "the certificate from \(metadata.url("identity/cert.pem")) has no 'opc-tenant:' (or 'opc-identity:') attribute in its subject, so its tenancy is unknown")
        }
        let key: OCIPrivateKey
        do { key = try OCIPrivateKey(pem: keyPEM) } catch {
            throw OCISigningError(.invalidInstanceIdentity, "GET \(metadata.url("identity/key.pem")) did not serve a usable PEM private key: \(error.code)")
        }
        guard certificate.matches(key) else {
            throw OCISigningError(.invalidInstanceIdentity, "the private key from \(metadata.url("identity/key.pem")) does not match the certificate from \(metadata.url("identity/cert.pem"))")
        }
        do { _ = try OCIX509Certificate.certificates(pem: Array(intermediatePEM.utf8)) } catch {
            throw OCISigningError(.invalidInstanceIdentity, "GET \(metadata.url("identity/intermediate.pem")) did not serve PEM certificates: \(error.reason)")
        }
        return OCIInstanceIdentityMaterial(leafCertificatePEM: certificatePEM, leafCertificate: certificate, leafPrivateKey: key,
                                           intermediateCertificatesPEM: intermediatePEM, tenancy: tenancy)
    }

    /// The value after `opc-tenant:` in the first subject attribute that has it, else after
    /// `opc-identity:` (the Python SDK's `get_tenancy_id_from_certificate`), walking the parsed
    /// RDNs so multi-valued RDNs and any attribute order work.
    static func tenancy(in subject: OCIX509Name) -> String? {
        for prefix in ["opc-tenant:", "opc-identity:"] {
            if let value = subject.attributes.lazy.map(\.value).first(where: { $0.hasPrefix(prefix) }) {
                let tenancy = String(value.dropFirst(prefix.count))
                if !tenancy.isEmpty { return tenancy }
            }
        }
        return nil
    }
}
