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
    @Option(help: "Region, e.g. us-ashburn-1 (gives https://iaas.<region>.oraclecloud.com).") var region: String?
    @Option(help: "Profile of the OCI config file (needs OCICredentials).") var profile: String?
    @Option(help: "OCI config file (default ~/.oci/config).") var configFile: String?
    @Option(help: "Endpoint base URL; overrides --region, e.g. http://127.0.0.1:8080.") var endpoint: String?
    @Option(help: "OCID of the volume to back up.") var volumeID: String
    @Option(help: "Display name of the backup.") var displayName: String?
    @Option(help: "FULL or INCREMENTAL.") var type: String = "INCREMENTAL"
    @Option(help: "HTTP client: urlsession or ahc.") var client: String = "urlsession"

    func run() async throws {
        guard let transport = Transport(rawValue: client) else { throw ValidationError("--client must be urlsession or ahc") }
        let resolved: SignerSource.Resolved
        if let profile {
            resolved = try SignerSource.fromProfile(profile, configFile: configFile)
        } else if let keyFile {
            resolved = try SignerSource.fromFlags(keyFile: keyFile, keyID: keyID, tenancy: tenancy, user: user, region: region)
        } else {
            throw ValidationError("give --profile, or --key-file with --key-id (or --tenancy and --user)")
        }
        guard let base = endpoint ?? resolved.region.map({ "https://iaas.\($0).oraclecloud.com" }) else {
            throw ValidationError("give --region or --endpoint")
        }

        let details = CreateVolumeBackupDetails(volumeId: volumeID, displayName: displayName, type: type)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = Array(try encoder.encode(details))
        let retryToken = UUID().uuidString   // makes a retried create idempotent

        let outcome = try await transport.post(url: base + "/20160918/volumeBackups", json: json, signer: resolved.signer, retryToken: retryToken)
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
