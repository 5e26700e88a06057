import Foundation
import OCISigning
import Testing
@testable import OCIPrincipals

/// Times federations against the harness's fake (`lib/fake_oci.py`) over real loopback HTTP with
/// the URLSession transport. Runs only when `OCI_FEDERATION_FAKE_PORTS` names the fake's ports
/// file (scripts/federation-e2e.sh sets it); prints the median of 10 federations.
@Suite struct FederationLoopbackMeasurement {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["OCI_FEDERATION_FAKE_PORTS"] != nil))
    func oneFederationAgainstTheLoopbackFake() async throws {
        let path = ProcessInfo.processInfo.environment["OCI_FEDERATION_FAKE_PORTS"]!
        let ports = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Int]
        var samples: [Double] = []
        var keygen: [Double] = []
        for _ in 0..<10 {
            let configuration = OCIInstancePrincipalConfiguration(
                metadataBaseURL: "http://127.0.0.1:\(ports["imds"]!)/opc/v2", federationEndpoint: "http://127.0.0.1:\(ports["auth"]!)/v1/x509",
                region: "us-phoenix-1", environment: [:], metadataTimeout: .seconds(5), federationTimeout: .seconds(10),
                metadataRetry: .none, federationRetry: .none)
            let timed = KeygenTimer()
            let provider = try OCIInstancePrincipalProvider(configuration: configuration, sessionKeys: { () throws(OCISigningError) in try timed.generate() })
            let began = ContinuousClock.now
            let identity = try await provider.identity()
            samples.append((ContinuousClock.now - began).seconds * 1000)
            keygen.append(timed.milliseconds)
            #expect(identity.keyID.hasPrefix("ST$"))
        }
        let median = samples.sorted()[samples.count / 2]
        let keygenMedian = keygen.sorted()[keygen.count / 2]
        print("federation over loopback (URLSession): median \(String(format: "%.1f", median)) ms of 10 "
              + "(RSA-2048 keygen median \(String(format: "%.1f", keygenMedian)) ms; 3 IMDS GETs + 1 POST + 1 signature)")
    }
}

private final class KeygenTimer: @unchecked Sendable {
    var milliseconds = 0.0
    func generate() throws(OCISigningError) -> OCIPrivateKey {
        let began = ContinuousClock.now
        let key = try OCIPrivateKey.generateRSA(bits: 2048)
        milliseconds = (ContinuousClock.now - began).seconds * 1000
        return key
    }
}
