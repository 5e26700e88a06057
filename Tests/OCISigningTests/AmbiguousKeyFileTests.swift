import OCISigning
import Testing
import TestSupport

/// A PEM file with two different keys is refused by both loaders. The private loader accepts the
/// key's own public half beside it; the public loader accepts the same public key twice but no
/// private key at all; two private key blocks are refused even when they are the same key.
@Suite struct AmbiguousKeyFileTests {
    static let dir: TemporaryDirectory = {
        let dir = try! TemporaryDirectory()
        for name in ["a", "b"] {
            try! OpenSSLTool.run(["genrsa", "-traditional", "-out", dir.file("\(name).pem"), "2048"])
            try! OpenSSLTool.run(["rsa", "-in", dir.file("\(name).pem"), "-pubout", "-out", dir.file("\(name).pub")])
        }
        return dir
    }()

    func read(_ names: String...) throws -> [UInt8] { try names.flatMap { try Self.dir.read($0) } }

    @Test func twoPrivateKeysAreRefused() throws {
        let error = #expect(throws: OCISigningError.self) { try OCIPrivateKey(pem: try read("a.pem", "b.pem")) }
        #expect(error?.code == .ambiguousKeyFile)
    }

    @Test func privateKeyWithAnotherPublicKeyIsRefusedByBothLoaders() throws {
        let mixed = try read("a.pem", "b.pub")
        #expect((#expect(throws: OCISigningError.self) { try OCIPrivateKey(pem: mixed) })?.code == .ambiguousKeyFile)
        #expect((#expect(throws: OCISigningError.self) { try OCIPublicKey(pem: mixed) })?.code == .ambiguousKeyFile)
        #expect((#expect(throws: OCISigningError.self) { try OCIPublicKey(pem: try read("b.pub", "a.pem")) })?.code == .ambiguousKeyFile)
    }

    @Test func twoDifferentPublicKeysAreRefused() throws {
        #expect((#expect(throws: OCISigningError.self) { try OCIPublicKey(pem: try read("a.pub", "b.pub")) })?.code == .ambiguousKeyFile)
    }

    @Test func theKeysOwnPublicHalfOrTheSamePublicKeyTwiceIsAccepted() throws {
        #expect(try OCIPrivateKey(pem: try read("a.pem", "a.pub")).bits == 2048)
        #expect(try OCIPublicKey(pem: try read("a.pub", "a.pub")).bits == 2048)
    }
}
