/// The CreateVolumeBackup request body (OCI Core API 20160918, `CreateVolumeBackupDetails`).
struct CreateVolumeBackupDetails: Encodable {
    var volumeId: String
    var displayName: String?
    var type: String?
    var freeformTags: [String: String]?
}

/// The fields of OCI's `VolumeBackup` this program prints.
struct VolumeBackup: Decodable {
    var id: String
    var displayName: String
    var lifecycleState: String
    var type: String?
    var volumeId: String?
    var timeCreated: String?
}

/// OCI's error body: `{"code":"NotAuthenticated","message":"…"}`.
struct OCIError: Decodable {
    var code: String
    var message: String
}

/// What came back, whichever client sent it.
struct HTTPOutcome {
    var status: Int
    var opcRequestID: String?
    var body: [UInt8]
}
