#if OCI_HAS_VERIFIER  // defined by Package.swift when the parent package has OCIRequestVerifier
import Benchmark
import HTTPTypes
import OCISigning
import _OCISigningBenchmarkSupport

/// The request verifier on the two small requests, beside "Raw RSA-2048 verify".
func verifierBenchmarks(_ configuration: Benchmark.Configuration) {
    Benchmark("Verify small GET", configuration: configuration) { benchmark in
        let fixtures = Fixtures.shared
        let verifier = OCIRequestVerifier(publicKey: try fixtures.signer.privateKey.publicKey)
        let signed = try fixtures.signer.sign(Requests.smallGet).request
        precondition(verifier.verify(signed).isValid)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(verifier.verify(signed)) }
    }

    // The baseline of `oci-sign bench verify-small-get`: raw EVP_DigestVerify of the same signing
    // string and signature, without parsing or rebuilding anything.
    Benchmark("Raw EVP_DigestVerify small GET signing string", configuration: configuration) { benchmark in
        let fixtures = Fixtures.shared
        let signed = try fixtures.signer.sign(Requests.smallGet)
        let raw = RawDigestVerifier(key: fixtures.rawKey)
        let message = Array(signed.signingString.utf8), signature = signed.signature
        precondition(raw.verify(message, signature: signature))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(raw.verify(message, signature: signature)) }
    }

    Benchmark("Verify CreateVolumeBackup (128-byte JSON)", configuration: configuration) { benchmark in
        let fixtures = Fixtures.shared
        let verifier = OCIRequestVerifier(publicKey: try fixtures.signer.privateKey.publicKey)
        let body = RequestBody.bytes(Requests.createVolumeBackupBody)
        let signed = try fixtures.signer.sign(Requests.post, body: body).request
        precondition(verifier.verify(signed, body: body).isValid)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(verifier.verify(signed, body: body)) }
    }
}
#else
import Benchmark

/// The parent package has no verifier yet: nothing to register.
func verifierBenchmarks(_ configuration: Benchmark.Configuration) {}
#endif
