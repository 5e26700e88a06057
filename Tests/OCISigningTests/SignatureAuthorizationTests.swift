import OCISigning
import Testing

/// The strict `Authorization: Signature …` parser: the four producer orders Oracle's SDKs emit
/// (spec §4, taken from the published JSON) parse to the same values; malformed input is refused
/// with the specific typed error.
@Suite struct SignatureAuthorizationTests {
    let docs = DocVectors.shared

    static let orders: [String] = {
        let vector = DocVectors.shared.official("doc-get")
        return (vector["authorization"] as! [String: String]).keys.sorted()
    }()

    @Test("parses every SDK parameter order", arguments: ["doc-get", "doc-post"], orders)
    func parsesOrder(vectorID: String, order: String) throws {
        let vector = docs.official(vectorID)
        let value = (vector["authorization"] as! [String: String])[order]!
        let parsed = try SignatureAuthorization(parsing: value)
        #expect(parsed.keyID == docs.keyID)
        #expect(parsed.algorithm == "rsa-sha256")
        #expect(parsed.signedHeaders == vector["signed_headers"] as! [String])
        #expect(parsed.signatureBase64 == vector["signature"] as! String)
        #expect(parsed.signature.count == 128)  // 1024-bit key
        // The order named in the JSON key is the order the parser saw.
        if let open = order.firstIndex(of: "("), let close = order.firstIndex(of: ")"), order.contains(",") {
            #expect(parsed.parameterOrder.joined(separator: ",") == String(order[order.index(after: open)..<close]))
        }
    }

    @Test func typeScriptCapitalisedHeaderNamesAreLowercased() throws {
        let value = docs.derived("post_typescript_order")["authorization_typescript_sdk_form"] as! String
        let parsed = try SignatureAuthorization(parsing: value)
        #expect(parsed.signedHeaders == ["x-date", "(request-target)", "host", "content-type", "content-length", "x-content-sha256"])
        #expect(parsed.headersParameter.contains("Content-Type"))
    }

    @Test func parameterNamesAreCaseInsensitiveUnknownOnesIgnoredSpacesTolerated() throws {
        let parsed = try SignatureAuthorization(parsing: #"Signature KEYID="k" , Algorithm = "rsa-sha256",extra="x y",HEADERS="date  host",signature="AAAA""#)
        #expect(parsed.keyID == "k")
        #expect(parsed.signedHeaders == ["date", "host"])
        #expect(parsed.signature == [0, 0, 0])
        #expect(parsed.version == nil)
    }

    static let base = #"version="1",headers="date (request-target) host",keyId="k",algorithm="rsa-sha256",signature="AAAA""#

    static func edit(_ old: String, with new: String) -> String { "Signature " + base.replacingOccurrences(of: old, with: new) }

    typealias Malformed = (String, SignatureAuthorization.ParseError)
    static let malformed: [Malformed] = {
        var cases: [Malformed] = []
        cases.append(("Basic " + base, .wrongScheme(found: "Basic")))
        cases.append(("signature " + base, .wrongScheme(found: "signature")))
        cases.append(("Signature" + base, .wrongScheme(found: #"Signatureversion="1",headers="date"#)))
        cases.append(("Signature ", .malformedParameter("")))
        cases.append(("Signature " + base + ",", .malformedParameter("")))
        cases.append(("Signature " + base + ",keyId=\"k2\"", .duplicateParameter("keyId")))
        cases.append(("Signature " + base + ",KEYID=\"k2\"", .duplicateParameter("KEYID")))
        cases.append((edit(#"keyId="k","#, with: ""), .missingParameter("keyId")))
        cases.append((edit(#",signature="AAAA""#, with: ""), .missingParameter("signature")))
        cases.append((edit(#"headers="date (request-target) host","#, with: ""), .missingParameter("headers")))
        cases.append((edit(#",algorithm="rsa-sha256""#, with: ""), .missingParameter("algorithm")))
        cases.append((edit("rsa-sha256", with: "hmac-sha256"), .unsupportedAlgorithm("hmac-sha256")))
        cases.append((edit("rsa-sha256", with: "RSA-SHA256"), .unsupportedAlgorithm("RSA-SHA256")))
        cases.append((edit(#"version="1""#, with: #"version="2""#), .unsupportedVersion("2")))
        cases.append((edit(#"keyId="k""#, with: "keyId=k"), .malformedQuoting(parameter: "keyId")))
        cases.append((edit(#"keyId="k""#, with: #"keyId="k"#), .malformedQuoting(parameter: "keyId")))
        cases.append((edit(#"keyId="k""#, with: #"keyId="k"x"#), .malformedQuoting(parameter: "keyId")))
        cases.append((edit(#"keyId="k""#, with: #"keyId="k\"x""#), .malformedQuoting(parameter: "keyId")))
        cases.append(("Signature " + base + #",signature2="AAAA"#, .malformedQuoting(parameter: "signature2")))
        cases.append((edit(#"keyId="k""#, with: #"keyId"k""#), .malformedParameter(#"keyId"k",algorithm="rsa-sha256",signatur"#)))
        cases.append((edit(#""AAAA""#, with: #""AAB=""#), .invalidSignatureEncoding))
        cases.append((edit(#""AAAA""#, with: #""""#), .invalidSignatureEncoding))
        cases.append((edit(#""AAAA""#, with: #""AA AA""#), .invalidSignatureEncoding))
        cases.append((edit("date (request-target) host", with: " "), .emptyHeaderList))
        cases.append((edit("date (request-target) host", with: "date host Date"), .duplicateSignedHeaderName("date")))
        return cases
    }()

    @Test("refuses malformed input", arguments: malformed)
    func refusesMalformed(value: String, expected: SignatureAuthorization.ParseError) {
        #expect(throws: expected) { try SignatureAuthorization(parsing: value) }
    }

    @Test func errorsNeverEchoTheSignatureOrKeyId() {
        let value = #"Signature keyId="ST$secretTokenBody",algorithm="hmac",headers="date",signature="c2VjcmV0""#
        do {
            _ = try SignatureAuthorization(parsing: value)
            Issue.record("accepted")
        } catch {
            #expect(!error.description.contains("secretTokenBody"))
            #expect(!error.signingError.description.contains("c2VjcmV0"))
            #expect(error.signingError.code == .unsupportedAlgorithm)
        }
    }
}

/// Seeded random mutations of a published header: the parser never crashes, and whatever it
/// accepts still satisfies its invariants. (Long fuzzing belongs in a libFuzzer target; this
/// is the quick version that runs with `swift test`.)
@Suite struct SignatureAuthorizationMutationTests {
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func mutatedHeadersNeverCrashAndAcceptedOnesAreConsistent() {
        let vector = DocVectors.shared.official("doc-post")
        let seeds = Array((vector["authorization"] as! [String: String]).values.sorted())
        let alphabet = Array(#" ,="\\abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/()-$:"#.utf8) + [0x00, 0x09, 0x0A, 0x7F, 0xC3, 0xA9]
        var rng = SplitMix64(state: 0x5EED)
        var accepted = 0
        for iteration in 0..<1000 {
            var bytes = Array(seeds[iteration % seeds.count].utf8)
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let position = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[position] = alphabet.randomElement(using: &rng)!
                case 1: bytes.insert(alphabet.randomElement(using: &rng)!, at: position)
                default: if bytes.count > 1 { bytes.remove(at: position) }
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            if let parsed = try? SignatureAuthorization(parsing: text) {
                accepted += 1
                #expect(parsed.algorithm == "rsa-sha256")
                #expect(!parsed.signedHeaders.isEmpty)
                #expect(Set(parsed.signedHeaders).count == parsed.signedHeaders.count)
                #expect(Base64.encode(parsed.signature) == parsed.signatureBase64)
                #expect(text.hasPrefix("Signature "))
            }
        }
        // Some mutations land in the keyId or in unknown parameters and stay valid.
        #expect(accepted > 0)
    }
}
