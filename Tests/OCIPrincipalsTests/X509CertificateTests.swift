import Foundation
import OCISigning
import Testing
@testable import OCIPrincipals

/// X.509 parsing through libcrypto, against values Oracle's Python SDK and the harness derived.
@Suite struct X509CertificateTests {
    @Test func leafFingerprintAndTenancyMatchThePythonSDK() throws {
        let leaf = try OCIX509Certificate(pem: FederationVectors.bytes("instance-principals/imds/identity/cert.pem"))
        #expect(leaf.sha1Fingerprint == FederationVectors.derived["leaf_fingerprint_sha1"])
        #expect(OCIInstanceIdentityMaterial.tenancy(in: leaf.subject) == FederationVectors.derived["tenancy_id"])
        #expect(leaf.subject.values(of: "OU").contains("opc-certtype:instance"))
        let (notBefore, notAfter) = (try #require(leaf.notBefore), try #require(leaf.notAfter))
        #expect(notAfter.secondsSince1970 - notBefore.secondsSince1970 == 7200)  // the fixture leaf lives 2 hours
    }

    @Test(arguments: ["cert.pem", "cert_multivalued_rdn.pem", "cert_tenant_not_last.pem"])
    func tenancyFromEveryRecordedSubjectLayout(file: String) throws {
        let recorded = FederationVectors.json("tenancy-extraction/case.json")
        let layouts = recorded["layouts"] as! [String: [String: String]]
        let certificate = try OCIX509Certificate(pem: FederationVectors.bytes("tenancy-extraction/\(file)"))
        let tenancy = OCIInstanceIdentityMaterial.tenancy(in: certificate.subject)
        #expect(tenancy == recorded["expected"] as? String)
        #expect(tenancy == layouts[file]?["sdk"])
        #expect(tenancy != layouts[file]?["naiveByteScan"])
    }

    @Test func multiValuedRDNIsOneSetOfFourAttributes() throws {
        let certificate = try OCIX509Certificate(pem: FederationVectors.bytes("tenancy-extraction/cert_multivalued_rdn.pem"))
        #expect(certificate.subject.relativeNames.contains { $0.count == 4 && $0.allSatisfy { $0.shortName == "OU" } })
        #expect(certificate.subject.description.contains("+OU=opc-"))
    }

    @Test func keyMatchingAndPublicKey() throws {
        let leaf = try OCIX509Certificate(pem: FederationVectors.bytes("instance-principals/imds/identity/cert.pem"))
        let key = try OCIPrivateKey(pem: FederationVectors.bytes("instance-principals/imds/identity/key.pem"))
        #expect(leaf.matches(key))
        #expect(try leaf.publicKey.derRepresentation == key.publicKey.derRepresentation)
        let wrong = try OCIX509Certificate(pem: FederationVectors.bytes("quirks/cert_wrong_key.pem"))
        #expect(!wrong.matches(key))
    }

    @Test func bundlesAndBadInput() throws {
        #expect(try OCIX509Certificate.certificates(pem: FederationVectors.bytes("quirks/intermediate_two_certs.pem")).count == 2)
        for bad in ["not pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
                    FederationVectors.text("instance-principals/imds/identity/key.pem")] {
            #expect(throws: OCISigningError.self) { try OCIX509Certificate(pem: Array(bad.utf8)) }
            do { _ = try OCIX509Certificate(pem: Array(bad.utf8)) } catch {
                #expect(error.code == .invalidCertificate)
                #expect(!error.description.contains("MIIE"))  // never echoes key material
            }
        }
        #expect(throws: OCISigningError.self) { try OCIX509Certificate(der: [0x30, 0x03, 0x01, 0x01, 0x00]) }
    }

    @Test func generatedSessionKeysAreFreshRSA2048() throws {
        let first = try OCIPrivateKey.generateRSA(bits: 2048)
        let second = try OCIPrivateKey.generateRSA(bits: 2048)
        #expect(first.bits == 2048)
        #expect(try first.publicKey.derRepresentation != second.publicKey.derRepresentation)
        #expect(throws: OCISigningError.self) { try OCIPrivateKey.generateRSA(bits: 512) }
    }
}
