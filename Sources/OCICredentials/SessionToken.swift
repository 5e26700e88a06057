import Foundation
import OCISigning

/// A session token (`oci session authenticate`), used as keyId `ST$<token>`.
///
/// Its `description` and ``redacted`` never show the token body.
public struct SessionToken: Sendable, CustomStringConvertible {
    /// The token text, whitespace trimmed. Internal: only ``keyID`` exposes it, for signing.
    let token: String
    /// The file it was read from.
    public let path: String
    /// The JWT `exp` claim (seconds since 1970), when the token is a JWT that has one.
    public let expiresAt: Int64?
    /// The JWT `iat` claim (seconds since 1970), when present.
    public let issuedAt: Int64?
    /// The JWT `sess_exp` claim (seconds since 1970): the end of the session, after which the
    /// token can no longer be refreshed. Read from `Fri, 06 Jan 2014 21:31:40 UTC` (what the
    /// auth service writes) or a number.
    public let sessionExpiresAt: Int64?
    /// Whether the token is a compact JWT whose payload is a JSON object.
    public let isJWT: Bool

    /// Parses token text read from `path`.
    /// - Throws: `invalidSessionToken` when the text is empty or holds bytes that cannot stand in
    ///   a quoted keyId (space, control characters, `"`, `\`, non-ASCII).
    public init(text: [UInt8], path: String) throws(OCISigningError) {
        var bytes = text[...]
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        while let first = bytes.first, isSpace(first) { bytes = bytes.dropFirst() }
        while let last = bytes.last, isSpace(last) { bytes = bytes.dropLast() }
        guard !bytes.isEmpty else {
            throw OCISigningError(.invalidSessionToken, "the session token file is empty; run `oci session authenticate` again", path: path)
        }
        if let bad = bytes.firstIndex(where: { $0 < 0x21 || $0 > 0x7E || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            throw OCISigningError(.invalidSessionToken, "the session token holds a byte that cannot appear in a keyId (0x\(OCIDisplayText.hexDigits(bytes[bad])) at offset \(bad - bytes.startIndex)); the file should hold one token on one line", path: path)
        }
        token = String(decoding: bytes, as: UTF8.self)
        self.path = path
        let claims = Self.jwtClaims(token)
        isJWT = claims != nil
        expiresAt = (claims?["exp"] as? NSNumber)?.int64Value
        issuedAt = (claims?["iat"] as? NSNumber)?.int64Value
        sessionExpiresAt = claims.flatMap { Self.sessionExpiry($0["sess_exp"]) }
    }

    /// Reads a token file (at most 1 MiB; a FIFO, device or directory is refused unread).
    ///
    /// - Throws: `fileUnreadable`, `fileTooLarge` or `invalidSessionToken`.
    public init(contentsOf path: String) throws(OCISigningError) {
        try self.init(text: BoundedFile.read(path, limit: BoundedFile.Limit.token, what: "the session token file"), path: path)
    }

    /// The token text itself, for the refresh body; never for display.
    package var text: String { token }

    /// The keyId to sign with: `ST$` followed by the token.
    public var keyID: String { "ST$" + token }

    /// The number of characters in the token.
    public var length: Int { token.utf8.count }

    /// `ST$eyJhbGci…(1234 chars)`: enough to recognise the token, never enough to use it.
    public var redacted: String { Self.redact(keyID: keyID) }

    /// Never shows the token body.
    public var description: String { "SessionToken(\(redacted))" }

    /// Whether the token has expired at `now` (false when the expiry is unknown).
    public func isExpired(at now: Int64) -> Bool { expiresAt.map { $0 <= now } ?? false }

    /// Redacts a keyId for display: `ST$` tokens keep their first 8 characters and length;
    /// API-key keyIds (`tenancy/user/fingerprint`) are not secret and are returned unchanged.
    public static func redact(keyID: String) -> String {
        guard keyID.hasPrefix("ST$") else { return keyID }
        let body = keyID.dropFirst(3)
        return "ST$\(body.prefix(8))…(\(body.utf8.count) chars)"
    }

    /// The claims of a compact JWT (three segments, base64url JSON-object payload), unverified.
    static func jwtClaims(_ token: String) -> [String: Any]? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[2].isEmpty else { return nil }
        var base64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let payload = Data(base64Encoded: base64) else { return nil }
        return try? JSONSerialization.jsonObject(with: payload) as? [String: Any]
    }

    /// `sess_exp` as seconds: a number, or an RFC 1123 date ending in `UTC` or `GMT`.
    static func sessionExpiry(_ value: Any?) -> Int64? {
        if let number = value as? NSNumber { return number.int64Value }
        guard var text = value as? String else { return nil }
        if text.hasSuffix(" UTC") { text = String(text.dropLast(4)) + " GMT" }
        return (try? HTTPDate(imfFixdate: text))?.secondsSince1970
    }
}

/// Formats seconds since 1970 as `2026-11-29T18:00:00Z`.
func iso8601(_ seconds: Int64) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
}

/// `42 minutes`, `3 hours`, `2 days`: a rough span for messages.
func roughSpan(_ seconds: Int64) -> String {
    let s = abs(seconds)
    if s < 120 { return "\(s) seconds" }
    if s < 2 * 3600 { return "\(s / 60) minutes" }
    if s < 2 * 86400 { return "\(s / 3600) hours" }
    return "\(s / 86400) days"
}
