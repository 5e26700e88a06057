import Foundation
import OCISigning

/// OKE workload identity as a chain source.
///
/// In the implicit chain it is *configured here* only when the pod looks like an OKE workload:
/// `KUBERNETES_SERVICE_HOST` is set, the service-account token file exists, an OCI variable
/// says OCI is meant (`OCI_RESOURCE_PRINCIPAL_VERSION` or `OCI_RESOURCE_PRINCIPAL_REGION`, which
/// Oracle's OKE instructions set, or `OCI_KUBERNETES_PROXYMUX_SERVICE_PORT`), and
/// `OCI_RESOURCE_PRINCIPAL_RPST` is not (that is a resource principal v2.2). Any Kubernetes pod
/// has the first two, so they alone do not make it an OKE workload.
struct OCIOKEWorkloadIdentitySource: OCIIdentitySource {
    let configuration: OCIOKEWorkloadIdentityConfiguration
    let detect: Bool
    let options: OCIDefaultIdentityChain.Options

    init(options: OCIDefaultIdentityChain.Options, detect: Bool) {
        self.options = options
        self.detect = detect
        configuration = options.okeWorkloadIdentity ?? OCIOKEWorkloadIdentityConfiguration(environment: options.environment.variables)
    }

    var name: String {
        let endpoint = (try? configuration.resolvedEndpoint()) ?? "KUBERNETES_SERVICE_HOST unset"
        return "OKE workload identity (proxymux \(endpoint))"
    }

    func provider() async throws(OCISigningError) -> (any OCIIdentityProvider)? {
        if detect, let reason = notConfiguredReason() { throw OCISigningError(.notConfiguredHere, reason) }
        return try OCIOKEWorkloadIdentityProvider(configuration: configuration, transportFactory: options.okeTransportFactory,
                                                  clock: options.clock, logger: options.logger)
    }

    /// Why this is not an OKE workload, or `nil` when it looks like one.
    func notConfiguredReason() -> String? {
        guard configuration.host != nil || configuration.variable("KUBERNETES_SERVICE_HOST") != nil else {
            return "KUBERNETES_SERVICE_HOST is not set"
        }
        if configuration.variable("OCI_RESOURCE_PRINCIPAL_RPST") != nil {
            return "OCI_RESOURCE_PRINCIPAL_RPST is set (a resource principal, not OKE)"
        }
        let markers = ["OCI_RESOURCE_PRINCIPAL_VERSION", "OCI_RESOURCE_PRINCIPAL_REGION", "OCI_KUBERNETES_PROXYMUX_SERVICE_PORT"]
        guard markers.contains(where: { configuration.variable($0) != nil }) else {
            return "a Kubernetes pod, but none of \(markers.joined(separator: ", ")) is set"
        }
        let token = configuration.resolvedServiceAccountTokenPath.path
        guard FileManager.default.fileExists(atPath: token) else { return "no service-account token at \(token)" }
        return nil
    }
}
