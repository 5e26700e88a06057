import Foundation
import Logging
import OCISigning

/// Resource principal v1.1 (spec §4.3), as Oracle's Python SDK's
/// `ResourcePrincipalsFederationSigner` performs it: the resource's token is fetched and
/// exchanged by the **instance principal** of the host it runs on.
///
/// 1. An instance-principal identity (IMDS, `POST /v1/x509`).
/// 2. `GET {RPT endpoint}{RPT path}` signed as that instance (`ST$<instance token>`); the answer
///    is `{"resourcePrincipalToken", "servicePrincipalSessionToken"}`.
/// 3. `POST {RPST endpoint}/v1/resourcePrincipalSessionToken`, signed as the instance, posting
///    the public half of a **new** session key; the answer is `{"token": "<rpst>"}`.
/// 4. Requests are signed with `ST$<rpst>` and that session key.
///
/// Where the SDK and what it meant differ, this does what it meant: the instance id is read
/// from instance metadata only when the path needs it and no variable gives it (the SDK always
/// reads it, and from 169.254.169.254 even when `OCI_METADATA_BASE_URL` points elsewhere), and
/// the instance principal federates once per exchange (the SDK federates twice on the first).
struct OCIResourcePrincipalFederation: Sendable {
    let settings: OCIResourcePrincipalV11Settings
    let instance: OCIInstancePrincipalProvider
    let metadata: OCIInstanceMetadataClient
    let exchange: OCIResourcePrincipalTokenExchange
    let sessionKeys: @Sendable () throws(OCISigningError) -> OCIPrivateKey
    let logger: Logger?

    /// What an exchange produced: the resource principal identity and the instance identity
    /// that signed for it (kept to force a new federation after a rejection).
    struct Result: Sendable {
        let identity: OCISigningIdentity
        let instance: OCISigningIdentity
    }

    /// Checks the variables and prepares the instance principal; nothing is fetched yet.
    init(settings: OCIResourcePrincipalV11Settings, instanceConfiguration: OCIInstancePrincipalConfiguration,
         transport: any OCIHTTPTransport, exchange: OCIResourcePrincipalTokenExchange, clock: @escaping @Sendable () -> HTTPDate,
         sessionKeys: @escaping @Sendable () throws(OCISigningError) -> OCIPrivateKey, logger: Logger?) throws(OCISigningError) {
        var configuration = instanceConfiguration
        // The delegation token belongs on the resource principal's requests, not on the
        // instance's calls to the token services.
        configuration.delegationToken = nil
        self.settings = settings
        instance = try OCIInstancePrincipalProvider(configuration: configuration, transport: transport, clock: clock,
                                                    sessionKeys: sessionKeys, logger: logger)
        metadata = try OCIInstanceMetadataClient(baseURL: configuration.metadataBaseURL, environment: configuration.environment,
                                                 transport: transport, timeout: configuration.metadataTimeout,
                                                 retry: configuration.metadataRetry, logger: logger)
        self.exchange = exchange
        self.sessionKeys = sessionKeys
        self.logger = logger
    }

    /// One exchange, signed with the date `now`. After a rejection, `renewing` is the instance
    /// identity used last time, and the instance principal federates again first (as the SDK's
    /// `refresh_security_token` does). `delegationToken` goes on the resource principal's
    /// requests only.
    func exchange(now: HTTPDate, renewing rejectedInstance: OCISigningIdentity?, delegationToken: String?) async throws(OCISigningError) -> Result {
        let instanceIdentity: OCISigningIdentity
        if let rejectedInstance {
            instanceIdentity = try await instance.refresh(afterRejectionOf: rejectedInstance)
        } else {
            instanceIdentity = try await instance.identity()
        }
        let url = try settings.rptURL(id: settings.needsInstanceID ? try await instanceID() : nil)
        let endpoint = try await rpstEndpoint()
        let sessionKey = try sessionKeys()
        let token = try await exchange.sessionToken(rptURL: url, rpstEndpoint: endpoint, signer: instanceIdentity,
                                                    sessionPublicKey: try sessionKey.publicKey, date: now, kind: .resource)
        let claims = try OCISecurityTokenClaims(token: token, source: "POST \(endpoint)/v1/resourcePrincipalSessionToken")
        let identity = OCISigningIdentity(
            keyID: "ST$" + token, privateKey: sessionKey, kind: .resourcePrincipal,
            source: "resource principal v1.1: token from \(url) via \(endpoint), fetched as the instance principal",
            expiresAt: claims.expiresAt, region: instanceIdentity.region, tenancy: claims.stringClaims["res_tenant"],
            delegationToken: delegationToken, obtainedAt: now)
        logger?.debug("resource principal v1.1 exchanged", metadata: ["keyId": .string(identity.redactedKeyID), "rpt": .string(url)])
        return Result(identity: identity, instance: instanceIdentity)
    }

    /// IMDS `instance/id`, lower-cased as the SDKs do.
    func instanceID() async throws(OCISigningError) -> String {
        let text = try await metadata.text("instance/id", step: "reading the instance id for \(settings.names.rptPath)")
        return text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// `OCI_RESOURCE_PRINCIPAL_RPST_ENDPOINT`, else the auth endpoint of the instance's region.
    func rpstEndpoint() async throws(OCISigningError) -> String {
        if let given = settings.rpstEndpoint { return given }
        return try await instance.endpoints().region.endpoint(service: "auth")
    }
}
