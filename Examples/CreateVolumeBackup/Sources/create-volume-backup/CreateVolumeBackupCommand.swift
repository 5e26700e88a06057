import ArgumentParser
import Foundation
import OCISigning

/// `create-volume-backup`: CreateVolumeBackup (`POST /20160918/volumeBackups`), signed with
/// swift-oci-signing, as a Swift program would do it.
@main
struct CreateVolumeBackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-volume-backup",
        abstract: "Create a block volume backup with a signed OCI request.",
        discussion: "Try it without an OCI account: run `swift run oci-loopback-server` and pass --endpoint http://127.0.0.1:PORT with the test key (see README.md).")

    @Option(help: "PEM private key file (the API signing key).") var keyFile: String?
    @Option(help: "Full keyId: tenancy-ocid/user-ocid/fingerprint.") var keyID: String?
    @Option(help: "Tenancy OCID (with --user: the keyId is built with the key's fingerprint).") var tenancy: String?
    @Option(help: "User OCID.") var user: String?
    @Option(help: "api_key, security_token, instance_principal, instance_obo_user, … (oci-sign's --auth; default: $OCI_CLI_AUTH, else the config profile, else instance principals).") var auth: String?
    @Option(help: "Region id or short code, e.g. us-ashburn-1 or iad (gives https://iaas.<region>.<realm domain>).") var region: String?
    @Option(help: "Profile of the OCI config file.") var profile: String?
    @Option(help: "OCI config file (default ~/.oci/config).") var configFile: String?
    @Option(help: "Endpoint base URL; overrides --region, e.g. http://127.0.0.1:8080.") var endpoint: String?
    @Option(help: "OCID of the volume to back up.") var volumeID: String
    @Option(help: "Display name of the backup.") var displayName: String?
    @Option(help: "FULL or INCREMENTAL.") var type: String = "INCREMENTAL"
    @Option(help: "Stack: urlsession, ahc, openapi (generated client + OCISigningMiddleware) or httptypes.") var client: String = "urlsession"

    func run() async throws {
        guard let transport = Transport(rawValue: client) else {
            throw ValidationError("--client must be one of \(Transport.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let (provider, identityRegion) = try await IdentitySource.resolve(
            keyFile: keyFile, keyID: keyID, tenancy: tenancy, user: user, auth: auth, profile: profile, configFile: configFile, region: region)
        guard let base = endpoint ?? identityRegion.map(IdentitySource.coreServicesEndpoint(region:)) else {
            throw ValidationError("give --region or --endpoint")
        }

        let details = CreateVolumeBackupDetails(volumeId: volumeID, displayName: displayName, type: type)
        let retryToken = UUID().uuidString   // makes a retried create idempotent

        let outcome = try await transport.post(base: base, details: details, provider: provider, retryToken: retryToken)
        guard (200..<300).contains(outcome.status) else {
            let error = try? JSONDecoder().decode(OCIError.self, from: Data(outcome.body))
            print("HTTP \(outcome.status) \(error?.code ?? "") opc-request-id: \(outcome.opcRequestID ?? "(none)")")
            print(error?.message ?? String(decoding: outcome.body, as: UTF8.self))
            throw ExitCode(1)
        }
        let backup = try JSONDecoder().decode(VolumeBackup.self, from: Data(outcome.body))
        print("HTTP \(outcome.status) via \(transport.rawValue), opc-request-id: \(outcome.opcRequestID ?? "(none)")")
        print("volume backup \(backup.id)")
        print("  displayName:    \(backup.displayName)")
        print("  lifecycleState: \(backup.lifecycleState)")
        print("  type:           \(backup.type ?? "-")")
        print("  volumeId:       \(backup.volumeId ?? "-")")
        print("  timeCreated:    \(backup.timeCreated ?? "-")")
    }
}
