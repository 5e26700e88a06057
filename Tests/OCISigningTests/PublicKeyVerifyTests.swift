import Testing
@testable import OCISigning

/// `OCIPublicKey.isValidSignature` through the verification context prepared once per key
/// (`RSAVerifyingTemplate`): Oracle's published signature verifies; any change to it, to the
/// message, or a different hash does not; and the template agrees with the one-shot
/// `EVP_DigestVerify` path it replaced.
@Suite struct PublicKeyVerifyTests {
    let docs = DocVectors.shared

    var oracle: (key: OCIPublicKey, message: [UInt8], signature: [UInt8]) {
        get throws {
            let vector = docs.official("doc-get")
            return (try OCIPublicKey(pem: Array(docs.publicKeyPEM.utf8)),
                    Array((vector["signing_string"] as! String).utf8),
                    Base64.decode(vector["signature"] as! String)!)
        }
    }

    @Test func oracleSignatureVerifiesWithAndWithoutTheTemplate() throws {
        let (key, message, signature) = try oracle
        #expect(key.verifying != nil, "the prepared context is in use")
        #expect(key.isValidSignature(signature, for: message))
        // A String's UTF-8 (contiguous, checked in place) and a lazy collection (copied first).
        #expect(key.isValidSignature(signature, for: String(decoding: message, as: UTF8.self).utf8))
        #expect(key.isValidSignature(signature, for: message.lazy.map { $0 }))
        #expect(message.withUnsafeBytes { key.key.verify($0, signature: signature) })
    }

    @Test func alteredSignaturesAndMessagesAreRejected() throws {
        let (key, message, signature) = try oracle
        var flipped = signature
        flipped[flipped.count / 2] ^= 0x01
        var alteredMessage = message
        alteredMessage[0] ^= 0x20
        let rejected: [(String, [UInt8], [UInt8])] = [
            ("one bit flipped", flipped, message),
            ("truncated", Array(signature.dropLast()), message),
            ("one byte appended", signature + [0], message),
            ("empty", [], message),
            ("all zeros", [UInt8](repeating: 0, count: signature.count), message),
            ("message changed", signature, alteredMessage),
            ("empty message", signature, []),
        ]
        for (name, candidate, text) in rejected {
            #expect(!key.isValidSignature(candidate, for: text), "\(name)")
            #expect(!text.withUnsafeBytes { key.key.verify($0, signature: candidate) }, "\(name), one-shot path")
        }
        // Oracle's valid signature checked against a different key: rejected.
        let other = try OCIPrivateKey(pem: Array(try Repo.bytes("Vectors/keys/rsa2048.pem"))).publicKey
        #expect(!other.isValidSignature(signature, for: message))
    }
}
