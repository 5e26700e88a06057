#if IntegrationTests
/// The body of CreateVolumeBackup (`POST /20160918/volumeBackups`), as the server reads it.
struct CreateVolumeBackupDetails: Decodable {
    var volumeId: String
    var displayName: String?
    var type: String?
    var freeformTags: [String: String]?
    var definedTags: [String: [String: String]]?
}

/// The `VolumeBackup` resource the server answers with (OCI Core API 20160918).
struct VolumeBackupResource: Encodable {
    var id: String
    var compartmentId: String
    var displayName: String
    var lifecycleState: String
    var type: String
    var sourceType: String
    var volumeId: String
    var timeCreated: String
    var freeformTags: [String: String]
    var definedTags: [String: [String: String]]
}
#endif
