import Foundation
import OCIPrincipals
import OCISigning

extension FederationVectorRunner {
    /// `federation/tenancy-extraction/`: the tenancy read from each recorded subject layout
    /// (multi-valued RDNs, `opc-tenant` not last) equals the Python SDK's, never the naive byte scan's.
    public static let tenancyExtraction = FederationVectorRunner(folder: "tenancy-extraction") { folder in
        let meta: [String: Any]
        do { meta = try folder.json("case.json") } catch { return [VectorSuite.Outcome(id: "federation/tenancy-extraction", failure: "\(error)")] }
        guard let layouts = meta["layouts"] as? [String: [String: String]], !layouts.isEmpty else {
            return [VectorSuite.Outcome(id: "federation/tenancy-extraction", failure: "case.json lacks 'layouts'")]
        }
        return layouts.keys.sorted().map { file in
            folder.outcome(file) {
                let tenancy = try OCIX509Certificate(pem: try folder.bytes(file)).subject.ociTenancy
                if let naive = layouts[file]?["naiveByteScan"], tenancy == naive { return "produced the naive byte scan's \(naive)" }
                return FederationVectorFolder.expectEqual("tenancy", expected: meta["expected"] as? String, produced: tenancy)
                    ?? FederationVectorFolder.expectEqual("tenancy (SDK)", expected: layouts[file]?["sdk"], produced: tenancy)
            }
        }
    }

    /// `federation/quirks/`: a certificate for another key, one for another tenancy, and a
    /// two-certificate intermediate bundle, checked against the instance-principal fixture.
    public static let certificateQuirks = FederationVectorRunner(folder: "quirks") { folder in
        let fixture = FederationVectorFolder(name: "instance-principals", url: folder.url.deletingLastPathComponent().appendingPathComponent("instance-principals"))
        return [
            folder.outcome("cert_wrong_key.pem") {
                let certificate = try OCIX509Certificate(pem: try folder.bytes("cert_wrong_key.pem"))
                let key = try OCIPrivateKey(pem: try fixture.text("imds/identity/key.pem"))
                return certificate.matches(key) ? "the certificate matches the instance key; it must not" : nil
            },
            folder.outcome("cert_other_tenancy.pem") {
                let other = try OCIX509Certificate(pem: try folder.bytes("cert_other_tenancy.pem")).subject.ociTenancy
                let own = try OCIX509Certificate(pem: try fixture.bytes("imds/identity/cert.pem")).subject.ociTenancy
                guard let other, other.hasPrefix("ocid1.tenancy.") else { return "no tenancy OCID read: \(other ?? "<none>")" }
                return other == own ? "the same tenancy as the instance certificate (\(other)); it must differ" : nil
            },
            folder.outcome("intermediate_two_certs.pem") {
                let count = try OCIX509Certificate.certificates(pem: try folder.bytes("intermediate_two_certs.pem")).count
                return count == 2 ? nil : "\(count) certificates read, 2 expected"
            },
        ]
    }
}
