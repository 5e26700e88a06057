import Foundation
import OCISigning

/// The claims of a security token (a compact JWT), read **without** verifying its signature,
/// as every Oracle SDK does: the service that minted it checks it.
///
/// All three segments must be base64url (the Python SDK refuses anything else, including a
/// trailing newline); the payload must be a JSON object with a numeric `exp`.
public struct OCISecurityTokenClaims: Sendable, Hashable {
    /// `exp`: when the token stops being accepted.
    public let expiresAt: HTTPDate
    /// `iat`: when it was issued, if present.
    public let issuedAt: HTTPDate?
    /// The string-valued claims (`sub`, `opc-tenant`, `ptype`…); never the token itself.
    public let stringClaims: [String: String]

    /// Reads the claims of `token`.
    ///
    /// - Parameters:
    ///   - token: The JWT (`header.payload.signature`); its signature is not checked.
    ///   - source: Where the token came from, for errors (`the response of POST …`).
    /// - Throws: `invalidSecurityToken` naming `source` and what is wrong; never the token.
    public init(token: String, source: String) throws(OCISigningError) {
        let segments = token.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count == 3 else {
            throw OCISigningError(.invalidSecurityToken, "the token from \(source) is not a JWT (expected 3 dot-separated segments, found \(segments.count))")
        }
        for (index, segment) in segments.enumerated() where !Self.isBase64URL(segment) {
            throw OCISigningError(.invalidSecurityToken, "the token from \(source) is not a JWT (segment \(index + 1) is not base64url)")
        }
        guard let payload = Self.decode(segments[1]),
              let claims = (try? JSONSerialization.jsonObject(with: Data(payload))) as? [String: Any] else {
            throw OCISigningError(.invalidSecurityToken, "the token from \(source) is not a JWT (its payload is not a JSON object)")
        }
        guard let exp = (claims["exp"] as? NSNumber)?.int64Value else {
            throw OCISigningError(.invalidSecurityToken, "the token from \(source) has no numeric 'exp' claim, so its expiry is unknown")
        }
        expiresAt = HTTPDate(secondsSince1970: exp)
        issuedAt = (claims["iat"] as? NSNumber).map { HTTPDate(secondsSince1970: $0.int64Value) }
        stringClaims = claims.compactMapValues { $0 as? String }
    }

    static func isBase64URL(_ segment: Substring) -> Bool {
        !segment.isEmpty && segment.utf8.count % 4 != 1 && segment.utf8.allSatisfy { byte in
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F
        }
    }

    static func decode(_ segment: Substring) -> [UInt8]? {
        var text = segment.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.utf8.count % 4 != 0 { text += "=" }
        return Data(base64Encoded: text).map(Array.init)
    }
}
