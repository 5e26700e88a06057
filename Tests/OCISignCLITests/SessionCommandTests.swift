import Foundation
import OCICredentials
import OCISigning
import Testing
@testable import OCISignCLI

/// A refresher that answers with `answer` (or throws `failure`) and records what it was given.
final class RecordingRefresher: OCISessionTokenRefresher, @unchecked Sendable {
    private let lock = NSLock()
    let answer: String
    let failure: OCISigningError?
    private(set) var calls: [(token: String, keyFingerprint: String, region: String?)] = []

    init(answer: String = "", failure: OCISigningError? = nil) {
        self.answer = answer
        self.failure = failure
    }

    func refreshedToken(_ token: SessionToken, privateKey: OCIPrivateKey, region: String?) async throws(OCISigningError) -> String {
        let fingerprint = (try? privateKey.fingerprint) ?? "?"
        lock.withLock { calls.append((String(token.keyID.dropFirst(3)), fingerprint, region)) }
        if let failure { throw failure }
        return answer
    }
}

/// `oci-sign session refresh` and `oci-sign session validate` against a fake home.
@Suite struct SessionCommandTests {
    /// A JWT with `iat`, `exp` and `sess_exp` in the auth service's `… UTC` form.
    static func jwt(exp: Int64, sessionEnd: Int64, jti: String = "one") -> String {
        func b64url(_ json: String) -> String {
            Data(json.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        }
        let end = HTTPDate(secondsSince1970: sessionEnd).imfFixdate.replacingOccurrences(of: "GMT", with: "UTC")
        return b64url("{\"alg\":\"RS256\"}") + "." + b64url("{\"exp\":\(exp),\"iat\":\(exp - 3600),\"sess_exp\":\"\(end)\",\"jti\":\"\(jti)\",\"sub\":\"ocid1.user.oc1..secretsubject\"}") + ".c2lnbmF0dXJl"
    }

    func home(token: String?) throws -> CLIHome {
        let home = try CLIHome()
        try home.config("[s]\nfingerprint=\(home.fingerprint)\nkey_file=~/.oci/key.pem\nregion=us-phoenix-1\nsecurity_token_file=~/.oci/token\n\n" + home.profile("apikey"))
        if let token { _ = try home.dir.write(".oci/token", token) }
        return home
    }

    func refresh(_ home: CLIHome, _ refresher: RecordingRefresher, profile: String = "s") throws -> (OCISignCLI.ExitStatus, Terminal) {
        let terminal = Terminal.capturing()
        let command = try SessionRefreshCommand.parse(["--profile", profile])
        return (command.execute(terminal: terminal, context: home.context, refresher: refresher), terminal)
    }

    func tokenOnDisk(_ home: CLIHome) -> String { String(decoding: (try? home.dir.read(".oci/token")) ?? [], as: UTF8.self) }

    @Test func refreshWritesTheNewTokenKeepsTheModeAndNeverPrintsATtoken() throws {
        let home = try home(token: nil)
        let old = Self.jwt(exp: home.now + 600, sessionEnd: home.now + 80_000)
        _ = try home.dir.write(".oci/token", old + "\n")
        let fresh = Self.jwt(exp: home.now + 3600, sessionEnd: home.now + 80_000, jti: "two")
        let refresher = RecordingRefresher(answer: fresh)
        let (status, terminal) = try refresh(home, refresher)
        #expect(status == .success, "\(terminal.errorOutput)")
        #expect(tokenOnDisk(home) == fresh)
        #expect(try FileManager.default.attributesOfItem(atPath: home.dir.file(".oci/token"))[.posixPermissions] as? Int == 0o600)
        #expect(refresher.calls.count == 1)
        #expect(refresher.calls.first?.token == old)
        #expect(refresher.calls.first?.keyFingerprint == home.fingerprint)
        #expect(refresher.calls.first?.region == "us-phoenix-1")
        #expect(terminal.output.contains("token expires:   "))
        #expect(terminal.output.contains("(in 60 minutes)"))
        #expect(terminal.output.contains("session expires: "))
        for token in [old, fresh] { #expect(!(terminal.output + terminal.errorOutput).contains(token.split(separator: ".")[1])) }
    }

    @Test(arguments: [
        ("expired", "sessionTokenExpired"), ("ended", "sessionEnded"), ("notjwt", "invalidSessionToken"), ("apikey", "missingConfigValue"),
    ])
    func refreshRefusesUnusableProfilesWithoutACall(kind: String, code: String) throws {
        let home = try home(token: nil)
        let token: String? = switch kind {
        case "expired": Self.jwt(exp: home.now - 10, sessionEnd: home.now + 80_000)
        case "ended": Self.jwt(exp: home.now + 600, sessionEnd: home.now - 10)
        case "notjwt": "opaque-session-token"
        default: nil
        }
        if let token { _ = try home.dir.write(".oci/token", token) }
        let refresher = RecordingRefresher(answer: Self.jwt(exp: home.now + 3600, sessionEnd: home.now + 80_000))
        let (status, terminal) = try refresh(home, refresher, profile: kind == "apikey" ? "apikey" : "s")
        #expect(status == .credentials)
        #expect(terminal.errorOutput.contains("[\(code)]"), "\(terminal.errorOutput)")
        #expect(refresher.calls.isEmpty)
        #expect(tokenOnDisk(home) == (token ?? ""))
    }

    @Test func aRefusedRefreshOrAnUnusableAnswerExitsOneAndKeepsTheOldToken() throws {
        let home = try home(token: nil)
        let old = Self.jwt(exp: home.now + 600, sessionEnd: home.now + 80_000)
        _ = try home.dir.write(".oci/token", old)
        let refused = RecordingRefresher(failure: OCISigningError(OCISigningError.Code(rawValue: "sessionRefreshFailed"), "refreshing the session token: POST http://127.0.0.1:1/v1/authentication/refresh answered HTTP 401"))
        let (status, terminal) = try refresh(home, refused)
        #expect(status == .failure)
        #expect(terminal.errorOutput.contains("answered HTTP 401 [sessionRefreshFailed]"))
        let notJWT = RecordingRefresher(answer: "garbage")
        let (again, second) = try refresh(home, notJWT)
        #expect(again == .failure)
        #expect(second.errorOutput.contains("the refreshed token is not a JWT"))
        #expect(tokenOnDisk(home) == old)
    }

    @Test func refreshOverURLSessionToAClosedLoopbackPortNamesTheEndpoint() throws {
        let home = try home(token: nil)
        let old = Self.jwt(exp: home.now + 600, sessionEnd: home.now + 80_000)
        _ = try home.dir.write(".oci/token", old)
        home.variables["OCI_SDK_AUTH_CLIENT_REGION_URL"] = "http://127.0.0.1:9"
        let terminal = Terminal.capturing()
        let status = try SessionRefreshCommand.parse(["--profile", "s"]).execute(terminal: terminal, context: home.context)
        #expect(status == .failure)
        #expect(terminal.errorOutput.contains("POST http://127.0.0.1:9/v1/authentication/refresh failed"), "\(terminal.errorOutput)")
        #expect(terminal.errorOutput.contains("[sessionRefreshFailed]"))
        #expect(tokenOnDisk(home) == old)
    }

    @Test(arguments: [(600, 80_000, OCISignCLI.ExitStatus.success, "valid"), (-10, 80_000, .failure, "token expired"), (600, -10, .failure, "session ended")])
    func validatePrintsBothExpiriesAndFailsOnceExpired(expIn: Int64, endIn: Int64, status expected: OCISignCLI.ExitStatus, says: String) throws {
        let home = try home(token: nil)
        let token = Self.jwt(exp: home.now + expIn, sessionEnd: home.now + endIn)
        _ = try home.dir.write(".oci/token", token)
        let terminal = Terminal.capturing()
        let status = try SessionValidateCommand.parse(["--profile", "s"]).execute(terminal: terminal, context: home.context)
        #expect(status == expected)
        #expect(terminal.output.contains("token expires:   \(ConfigCheckCommand.isoTime(home.now + expIn))"))
        #expect(terminal.output.contains("session expires: \(ConfigCheckCommand.isoTime(home.now + endIn))"))
        #expect(terminal.output.contains("status:          \(says)"))
        #expect(!terminal.output.contains(token.split(separator: ".")[1]))
    }

    @Test func validateOfATokenThatIsNotAJWTOrAnAPIKeyProfileExitsTwo() throws {
        let home = try home(token: "opaque-session-token")
        let terminal = Terminal.capturing()
        #expect(try SessionValidateCommand.parse(["--profile", "s"]).execute(terminal: terminal, context: home.context) == .credentials)
        #expect(terminal.errorOutput.contains("[invalidSessionToken]"))
        let other = Terminal.capturing()
        #expect(try SessionValidateCommand.parse(["--profile", "apikey"]).execute(terminal: other, context: home.context) == .credentials)
        #expect(other.errorOutput.contains("security_token_file is not set"))
        #expect(other.errorOutput.contains("[missingConfigValue]"))
    }
}
