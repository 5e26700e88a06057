import Foundation
import OCISigning
import Testing
import TestSupport

/// A public exponent of 1 makes "signing" the identity: anyone forges a signature that
/// verifies without the private key. Even exponents are not RSA at all. Both loaders refuse.
@Suite struct KeyExponentTests {
    static let keys: CraftedRSAKeys = { try! CraftedRSAKeys() }()

    @Test func privateKeyWithExponentOneIsRefused() throws {
        let pem = try Self.keys.privateKeyPEM(e: "1", d: "1")
        let error = #expect(throws: OCISigningError.self) { try OCIPrivateKey(pem: pem) }
        #expect(error?.code == .insecurePublicExponent)
    }

    @Test(arguments: ["2", "4", "65536"])
    func privateKeyWithEvenExponentIsRefused(exponent: String) throws {
        let pem = try Self.keys.privateKeyPEM(e: exponent, d: "3")
        let error = #expect(throws: OCISigningError.self) { try OCIPrivateKey(pem: pem) }
        #expect(error?.code == .insecurePublicExponent)
    }

    @Test(arguments: ["1", "2", "65536", "0"])
    func publicKeyWithUnsafeExponentIsRefused(exponent: String) throws {
        let pem = try Self.keys.publicKeyPEM(e: exponent)
        let error = #expect(throws: OCISigningError.self) { try OCIPublicKey(pem: Array(pem.utf8)) }
        #expect(error?.code == .insecurePublicExponent)
        #expect(error.map { "\($0)" }?.contains("exponent") == true)
    }

    @Test func publicKeyWithExponentThreeOrF4IsAccepted() throws {
        #expect(try OCIPublicKey(pem: Array(Self.keys.publicKeyPEM(e: "3").utf8)).bits == 2048)
        #expect(try OCIPublicKey(pem: Array(Self.keys.publicKeyPEM(e: "65537").utf8)).bits == 2048)
    }

    /// With e = 1 the PKCS#1 v1.5 encoding of the digest *is* its own signature. The verifier
    /// never gets that far: no such public key can be made.
    @Test func derPublicKeyWithExponentOneIsRefused() throws {
        let pem = try Self.keys.publicKeyPEM(e: "1")
        let body = pem.split(separator: "\n").dropFirst().dropLast().joined()
        let der = Array(Foundation.Data(base64Encoded: String(body), options: .ignoreUnknownCharacters)!)
        let error = #expect(throws: OCISigningError.self) { try OCIPublicKey(der: der) }
        #expect(error?.code == .insecurePublicExponent)
    }
}
