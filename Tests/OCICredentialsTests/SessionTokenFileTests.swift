import Foundation
import OCICredentials
import OCISigning
import TestSupport
import Testing

/// Writing a refreshed token back: atomic, mode kept, links followed, failures typed.
@Suite struct SessionTokenFileTests {
    func mode(_ path: String) -> Int? { try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int }

    @Test(arguments: [0o600, 0o640])
    func replaceWritesTheTokenAndKeepsTheMode(original: Int) throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("token", "old-token\n", mode: original)
        try SessionTokenFile.replace(path, with: "new-token")
        #expect(try dir.read("token") == Array("new-token".utf8))
        #expect(mode(path) == original)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["token"])
    }

    @Test func aNewFileGetsMode0600() throws {
        let dir = try TemporaryDirectory()
        try SessionTokenFile.replace(dir.file("token"), with: "t")
        #expect(mode(dir.file("token")) == 0o600)
    }

    @Test func aSymbolicLinkIsFollowedAndKept() throws {
        let dir = try TemporaryDirectory()
        let target = try dir.write("real-token", "old")
        try FileManager.default.createSymbolicLink(atPath: dir.file("token"), withDestinationPath: target)
        try SessionTokenFile.replace(dir.file("token"), with: "new")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.file("token")) == target)
        #expect(try dir.read("real-token") == Array("new".utf8))
    }

    @Test func failuresAreTokenFileNotWrittenNamingTheFile() throws {
        let dir = try TemporaryDirectory()
        let missing = dir.file("no-such-folder/token")
        #expect(throws: OCISigningError(.tokenFileNotWritten, "")) { try SessionTokenFile.replace(missing, with: "secret-token") }
        do { try SessionTokenFile.replace(missing, with: "secret-token") } catch {
            #expect(error.path == missing)
            #expect(!"\(error)".contains("secret-token"))
            #expect(error.reason.contains("still holds the old token"))
        }
        try FileManager.default.createDirectory(atPath: dir.file("folder"), withIntermediateDirectories: false)
        #expect(throws: OCISigningError(.tokenFileNotWritten, "")) { try SessionTokenFile.replace(dir.file("folder"), with: "t") }
    }

    @Test func sessionExpiryIsReadAsTextOrNumber() throws {
        func jwt(_ claims: String) -> [UInt8] {
            let payload = Data(claims.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
            return Array("eyJhbGciOiJSUzI1NiJ9.\(payload).c2ln".utf8)
        }
        #expect(try SessionToken(text: jwt(#"{"exp":1,"sess_exp":"Fri, 06 Jan 2014 21:31:40 UTC"}"#), path: "t").sessionExpiresAt == 1_389_043_900)
        #expect(try SessionToken(text: jwt(#"{"exp":1,"sess_exp":1389043900}"#), path: "t").sessionExpiresAt == 1_389_043_900)
        #expect(try SessionToken(text: jwt(#"{"exp":1}"#), path: "t").sessionExpiresAt == nil)
        #expect(try SessionToken(text: Array("opaque".utf8), path: "t").isJWT == false)
    }
}
