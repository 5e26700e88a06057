import OCICredentials
import OCISigning
import Testing

/// Every parsing rule of Docs/credentials.md, one edge per test.
@Suite struct ConfigParsingTests {
    func parse(_ text: String) throws -> OCIConfigFile { try OCIConfigFile(parsing: text, path: "/cfg") }

    func parseError(_ text: String) throws -> OCISigningError {
        try #require(throws: OCISigningError.self) { try OCIConfigFile(parsing: text, path: "/cfg") }
    }

    @Test("the Java/TypeScript SDK fixture gives the SDKs' values")
    func sdkFixture() throws {
        // From the TypeScript/Java unit-test fixture quoted in spec §6.3.
        let file = try parse("""
            [DEFAULT]
            key5 ==val=ue=
            [key6=value6
            key = value=foobar
            key2=nota#comment
            """)
        let profile = try file.profile("DEFAULT")
        #expect(profile["key5"] == "=val=ue=")
        #expect(profile["[key6"] == "value6")
        #expect(profile["key"] == "value=foobar")
        #expect(profile["key2"] == "nota#comment")
    }

    @Test("lines starting with # or ; are comments, also when indented; inline ; and # are kept")
    func comments() throws {
        let file = try parse("""
            # a comment
            ; another
            [DEFAULT]
               # indented comment
            \t; tabbed comment
            region=us-ashburn-1 ; not a comment
            user=ocid1.user.oc1..aaaa#x
            """)
        let profile = try file.profile("DEFAULT")
        #expect(profile.keys == ["region", "user"])
        #expect(profile["region"] == "us-ashburn-1 ; not a comment")
        #expect(profile["user"] == "ocid1.user.oc1..aaaa#x")
    }

    @Test("blank values are kept as empty and shadow DEFAULT")
    func blankValues() throws {
        let file = try parse("[DEFAULT]\nregion=us-phoenix-1\n[dev]\nregion=\n")
        let dev = try file.profile("dev")
        #expect(dev.value("region") == .init(value: "", line: 4, section: "dev"))
    }

    @Test("section names are trimmed, may contain spaces, and are case-sensitive")
    func sectionNames() throws {
        let file = try parse("[ my profile ]\nregion=a\n[Dev]\nregion=b\n")
        #expect(file.sections.map(\.name) == ["my profile", "Dev"])
        #expect(try file.profile("my profile")["region"] == "a")
        let error = try #require(throws: OCISigningError.self) { try file.profile("dev") }
        #expect(error.code == .profileNotFound)
        #expect(error.description == "/cfg: profile [dev] not found; profiles in the file: [my profile], [Dev] [profileNotFound]")
    }

    @Test("keys are trimmed and lowercased; values are trimmed; quotes are kept")
    func keysAndValues() throws {
        let profile = try parse("[DEFAULT]\n  Key_File  =  ~/.oci/key.pem  \nREGION=\"us-ashburn-1\"\n").profile("DEFAULT")
        #expect(profile["key_file"] == "~/.oci/key.pem")
        #expect(profile["region"] == "\"us-ashburn-1\"")
    }

    @Test("unknown keys are kept and reported as ignored, not errors")
    func unknownKeys() throws {
        let profile = try parse("[DEFAULT]\nuser=u\ncompartment_id=ocid1.compartment.oc1..x\npassphrase=p\n").profile("DEFAULT")
        #expect(profile.ignoredKeys.map(\.key) == ["compartment_id", "passphrase"])
        #expect(profile.ignoredKeys.map(\.line) == [3, 4])
    }

    @Test("an indented line is a normal line (no Python-style continuation)")
    func noContinuation() throws {
        let profile = try parse("[DEFAULT]\nuser=u\n    region=r\n").profile("DEFAULT")
        #expect(profile["user"] == "u")
        #expect(profile["region"] == "r")
    }

    @Test("CRLF line endings and a UTF-8 byte order mark are accepted")
    func crlfAndBOM() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("[DEFAULT]\r\nregion=r\r\n\r\n[x]\r\nuser=u\r\n".utf8)
        let file = try OCIConfigFile(parsing: bytes, path: "/cfg")
        #expect(try file.profile("DEFAULT")["region"] == "r")
        #expect(try file.profile("x")["user"] == "u")
        #expect(file.sections[1].line == 4)
    }

    @Test("per-key DEFAULT fallback, and DEFAULT is not required")
    func defaultFallback() throws {
        let file = try parse("[DEFAULT]\nregion=us-phoenix-1\ntenancy=t\n[dev]\ntenancy=t2\n[solo]\nuser=u\n")
        let dev = try file.profile("dev")
        #expect(dev.value("region") == .init(value: "us-phoenix-1", line: 2, section: "DEFAULT"))
        #expect(dev.value("tenancy") == .init(value: "t2", line: 5, section: "dev"))
        #expect(dev.keys == ["tenancy", "region"])
        let withoutDefault = try parse("[solo]\nuser=u\n")
        #expect(try withoutDefault.profile("solo")["user"] == "u")
        let missing = try #require(throws: OCISigningError.self) { try withoutDefault.profile("DEFAULT") }
        #expect(missing.code == .profileNotFound)
        #expect(missing.reason.contains("profile [DEFAULT] not found"))
    }

    @Test("a line without '=' is malformedConfig at its line, without quoting it")
    func noEquals() throws {
        let error = try parseError("[DEFAULT]\nuser=u\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n")
        #expect(error.code == .malformedConfig)
        #expect(error.line == 3)
        #expect(error.path == "/cfg")
        #expect(error.description.hasPrefix("/cfg:3: expected key=value or [PROFILE]"))
        #expect(!error.description.contains("MIIEvQ"))
    }

    @Test("':' as a separator gets a hint")
    func colonSeparator() throws {
        let error = try parseError("[DEFAULT]\nregion: us-ashburn-1\n")
        #expect(error.code == .malformedConfig)
        #expect(error.line == 2)
        #expect(error.reason.contains("':' is not a separator"))
    }

    @Test("an empty key is malformedConfig")
    func emptyKey() throws {
        let error = try parseError("[DEFAULT]\n = value\n")
        #expect(error.code == .malformedConfig)
        #expect(error.line == 2)
        #expect(error.reason.contains("key is missing"))
    }

    @Test("an empty profile name is malformedConfig", arguments: ["[]", "[   ]"])
    func emptyProfileName(header: String) throws {
        let error = try parseError("\(header)\nuser=u\n")
        #expect(error.code == .malformedConfig)
        #expect(error.line == 1)
        #expect(error.reason.contains("empty profile name"))
    }

    @Test("a key before any profile is malformedConfig")
    func keyOutsideProfile() throws {
        let error = try parseError("# header\nuser=u\n[DEFAULT]\n")
        #expect(error.code == .malformedConfig)
        #expect(error.line == 2)
        #expect(error.reason.contains("before any [PROFILE]"))
    }

    @Test("a repeated key in one profile is malformedConfig naming both lines")
    func duplicateKey() throws {
        let error = try parseError("[dev]\nregion=a\nRegion=b\n")
        #expect(error.code == .malformedConfig)
        #expect(error.line == 3)
        #expect(error.reason == "key 'region' appears twice in profile [dev] (first at line 2)")
    }

    @Test("a pasted PEM line before any profile is not quoted back, even lowercased")
    func pastedKeyLine() throws {
        let line = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj=="
        let error = try parseError("\(line)\n[DEFAULT]\n")
        #expect(error.code == .malformedConfig)
        #expect(error.line == 1)
        #expect(error.reason.hasPrefix("a key of 64 characters appears before any [PROFILE]"))
        #expect(!error.description.lowercased().contains("miievqibadan"))
    }

    @Test("a repeated profile is malformedConfig naming both lines")
    func duplicateProfile() throws {
        let error = try parseError("[dev]\nregion=a\n[other]\n[ dev ]\n")
        #expect(error.code == .malformedConfig)
        #expect(error.line == 4)
        #expect(error.reason.contains("first at line 1"))
    }

    @Test("invalid UTF-8 is malformedConfig at its line")
    func invalidUTF8() throws {
        let error = try #require(throws: OCISigningError.self) {
            try OCIConfigFile(parsing: Array("[DEFAULT]\nuser=".utf8) + [0xFF, 0xFE] + [0x0A], path: "/cfg")
        }
        #expect(error.code == .malformedConfig)
        #expect(error.line == 2)
    }

    @Test("an empty file has no profiles")
    func emptyFile() throws {
        let file = try parse("")
        #expect(file.sections.isEmpty)
        let error = try #require(throws: OCISigningError.self) { try file.profile("DEFAULT") }
        #expect(error.reason.contains("the file has no profiles"))
    }
}
