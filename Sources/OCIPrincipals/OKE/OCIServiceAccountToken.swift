import Foundation
import OCISigning

/// The Kubernetes service-account token a pod presents to the proxymux: read from its file
/// and stripped on **every** exchange (the kubelet rotates it), and refused when it is not a
/// JWT or has expired, so an expired token is never sent.
struct OCIServiceAccountToken: Sendable {
    /// Projected tokens are about 1 KiB; anything far larger is not a token.
    static let maxBytes = 64 * 1024

    let value: String
    let expiresAt: HTTPDate

    /// Reads and checks the token at `path` (`source` says which setting named it).
    static func read(path: String, source: String, now: HTTPDate) throws(OCISigningError) -> OCIServiceAccountToken {
        let origin = source == "default" ? path : "\(path) (from \(source))"
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw OCISigningError(.fileUnreadable, "cannot read the service-account token file \(origin)", path: path)
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: maxBytes + 1)) ?? nil
        guard let data, data.count <= maxBytes else {
            throw OCISigningError(.fileUnreadable, "the service-account token file \(origin) is empty, unreadable or larger than \(maxBytes) bytes", path: path)
        }
        let token = String(decoding: data, as: UTF8.self).trimmingPythonWhitespace()
        let claims = try OCISecurityTokenClaims(token: token, source: "the service-account token file \(origin)")
        guard claims.expiresAt.secondsSince1970 > now.secondsSince1970 else {
            throw OCISigningError(.identityExpired, "the service-account token at \(origin) expired at \(claims.expiresAt.imfFixdate); the kubelet should have rotated it", path: path)
        }
        return OCIServiceAccountToken(value: token, expiresAt: claims.expiresAt)
    }
}
