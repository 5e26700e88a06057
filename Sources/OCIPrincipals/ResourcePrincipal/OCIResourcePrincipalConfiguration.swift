import Foundation
import OCISigning

/// The settings of an ``OCIResourcePrincipalProvider``. The platform describes the resource
/// principal in `OCI_RESOURCE_PRINCIPAL_*` variables; ``environment`` is where they are read
/// (the process's by default, a dictionary in tests).
public struct OCIResourcePrincipalConfiguration: Sendable {
    /// The variables read: `OCI_RESOURCE_PRINCIPAL_VERSION` and the version's own.
    public var environment: [String: String]
    /// A delegation token to send and sign as `opc-obo-token` with every request.
    public var delegationToken: String?
    /// Seconds before the token's `exp` at which the provider reads the variables and files
    /// again (v2.2) or exchanges again (v3.0, v1.1); half the token's lifetime when that is shorter.
    /// 300 s by default, the Go SDK's rule for RP files.
    public var refreshWindow: Int64
    /// The limit per v3.0 and v1.1 exchange call (Python: 10 s connect + 60 s read).
    public var exchangeTimeout: Duration
    /// Retries per v3.0 exchange call: 5xx and connection failures, never 4xx.
    public var exchangeRetry: OCIRetryPolicy
    /// v1.1 (and a v3.0 leaf of version 1.1): the instance principal that fetches the
    /// resource's token. `nil`: built from ``environment`` (`OCI_METADATA_BASE_URL`, …).
    public var instancePrincipal: OCIInstancePrincipalConfiguration?

    /// Creates a configuration.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, delegationToken: String? = nil,
                refreshWindow: Int64 = 300, exchangeTimeout: Duration = .seconds(60), exchangeRetry: OCIRetryPolicy = .federation,
                instancePrincipal: OCIInstancePrincipalConfiguration? = nil) {
        self.environment = environment
        self.delegationToken = delegationToken
        self.refreshWindow = max(0, refreshWindow)
        self.exchangeTimeout = exchangeTimeout
        self.exchangeRetry = exchangeRetry
        self.instancePrincipal = instancePrincipal
    }

    /// Whether the environment describes a resource principal at all (the default chain's
    /// test): `OCI_RESOURCE_PRINCIPAL_VERSION` is set.
    public var isPresent: Bool { OCIResourcePrincipalSetting(OCIResourcePrincipalVersion.variable, in: environment) != nil }
}
