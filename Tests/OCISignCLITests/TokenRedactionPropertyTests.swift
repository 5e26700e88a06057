import OCISigning
import OCISigningDiagnostics
import Testing

/// Token redaction must not depend on how the header carrying the token is spelled or whether
/// it parses: random spellings of an `Authorization` with a session token, none may show it.
@Suite struct TokenRedactionPropertyTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

    static func token(_ random: inout Generator) -> String {
        func segment(_ count: Int) -> String { String((0..<count).map { _ in alphabet.randomElement(using: &random)! }) }
        return "eyJ" + segment(Int.random(in: 10...40, using: &random)) + "." + segment(Int.random(in: 20...200, using: &random)) + "." + segment(Int.random(in: 10...60, using: &random))
    }

    static func spelling(of token: String, _ random: inout Generator) -> String {
        let names = ["keyId", "keyid", "KEYID", "key_id", "kid", "keyId ", "x"]
        let name = names.randomElement(using: &random)!
        let equals = ["=", " = ", "= ", ":", "=\t"].randomElement(using: &random)!
        let quote = ["\"", "", "'"].randomElement(using: &random)!
        let prefix = ["ST$", "ST$", "st$", ""].randomElement(using: &random)!
        let algorithm = ["rsa-sha256", "hmac-sha256", "none", ""].randomElement(using: &random)!
        let scheme = ["Signature ", "signature ", "Bearer ", ""].randomElement(using: &random)!
        var parts = ["version=\"1\"", "algorithm=\"\(algorithm)\"", "headers=\"date\"", "signature=\"AAAA\"",
                     "\(name)\(equals)\(quote)\(prefix)\(token)\(quote)"]
        parts.shuffle(using: &random)
        return scheme + parts.joined(separator: [",", ", ", " ,", ";"].randomElement(using: &random)!)
    }

    @Test func noSpellingShowsTheToken() {
        var random = Generator(state: 12)
        for _ in 0..<2_000 {
            let token = Self.token(&random)
            let header = Self.spelling(of: token, &random)
            var redaction = SecretRedaction()
            redaction.addSecrets(ofHeader: ["Authorization", "authorization", "X-Other"].randomElement(using: &random)!, value: header)
            let shown = redaction.apply("authorization: \(header)\nkeyId: \(header)")
            // No 12-character piece of the token survives.
            let bytes = Array(token.utf8)
            let leaked = stride(from: 0, to: bytes.count - 12, by: 6).contains { shown.contains(String(decoding: bytes[$0..<($0 + 12)], as: UTF8.self)) }
            #expect(!leaked, "\(header) → \(shown)")
            if leaked { return }
        }
    }

    @Test func aSessionTokenThatIsNotAJWTIsRedactedAfterST() {
        let redaction = SecretRedaction()
        let shown = redaction.apply("Signature keyid = \"ST$abcdefghijklmnopqrstuvwxyz0123\",algorithm=\"x\"")
        #expect(!shown.contains("abcdefghijkl"))
        #expect(shown.contains("ST$…(session token, 30 chars"))
    }
}
