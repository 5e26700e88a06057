import Foundation
import HTTPTypes
import OCICredentials
import OCISigning
import Testing
import TestSupport
@testable import OCIPrincipals

/// Resource principals: files and values, pass phrases, reload after a 401 and ahead of expiry,
/// the v3.0 exchange's failures, the chain, and every bad input (typed, no secret in the reason).
@Suite struct ResourcePrincipalProviderTests {
    let folder: TemporaryDirectory
    init() throws { folder = try TemporaryDirectory() }

    func file(_ name: String, _ text: String) throws -> String {
        let path = folder.path + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func provider(_ environment: [String: String], clock: TestClock = TestClock(RPVectors.date.secondsSince1970),
                  transport: any OCIHTTPTransport = ScriptedTransport { _, _ in OCIHTTPResponse(status: 599) }) throws(OCISigningError) -> OCIResourcePrincipalProvider {
        var configuration = OCIResourcePrincipalConfiguration(environment: environment)
        configuration.exchangeRetry = .none
        return try OCIResourcePrincipalProvider(configuration: configuration, transport: transport, clock: { clock.now })
    }

    /// The error thrown, checked to carry none of the secrets.
    func failure(_ environment: [String: String], clock: TestClock = TestClock(RPVectors.date.secondsSince1970),
                 transport: any OCIHTTPTransport = ScriptedTransport { _, _ in OCIHTTPResponse(status: 599) }) async -> OCISigningError? {
        do throws(OCISigningError) {
            _ = try await provider(environment, clock: clock, transport: transport).identity()
            return nil
        } catch {
            for secret in [RPVectors.rpst, RPVectors.passphrase, "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcw", "wrong-phrase"] {
                #expect(!error.reason.contains(secret) && !"\(error)".contains(secret), "a secret in: \(error.reason)")
            }
            return error
        }
    }

    func v22(_ change: (inout [String: String]) -> Void) -> [String: String] {
        var environment = RPVectors.inlineEnvironment
        change(&environment)
        return environment
    }

    @Test func filesByAbsolutePathWithATrailingNewlineSignAsTheToken() async throws {
        let rpst = try file("rpst", RPVectors.rpst + "\n")
        let key = try file("private.pem", RPVectors.privatePEM)
        let identity = try await provider(v22 { $0["OCI_RESOURCE_PRINCIPAL_RPST"] = rpst; $0["OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM"] = key }).identity()
        #expect(identity.keyID == "ST$" + RPVectors.rpst)  // stripped: the Python SDK fails here ("Invalid crypto padding")
        #expect(identity.source.contains("OCI_RESOURCE_PRINCIPAL_RPST (file \(rpst))"))
        let recorded = recordedRequest("\(RPVectors.v22)/api-get")
        let signed = try OCIPrincipalSigning.sign(recorded.request, as: identity)
        #expect(signed.signatureBase64 == FederationVectors.text("\(RPVectors.v22)/api-get/signature.txt"))
    }

    @Test func encryptedKeyWithInlinePassphraseAndWithPassphraseFile() async throws {
        let inline = try await provider(v22 {
            $0["OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM"] = RPVectors.encryptedPEM
            $0["OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM_PASSPHRASE"] = RPVectors.passphrase
        }).identity()
        let plain = try OCIPrivateKey(pem: RPVectors.privatePEM)
        #expect(try inline.privateKey.publicKey.derRepresentation == plain.publicKey.derRepresentation)
        // Both as files, the pass phrase file ending in a newline: the Python SDK raises ValueError here.
        let key = try file("enc.pem", RPVectors.encryptedPEM)
        let phrase = try file("phrase", RPVectors.passphrase + "\n")
        let fromFiles = try await provider(v22 {
            $0["OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM"] = key
            $0["OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM_PASSPHRASE"] = phrase
        }).identity()
        #expect(try fromFiles.privateKey.publicKey.derRepresentation == plain.publicKey.derRepresentation)
    }

    @Test func wrongOrMissingPassphraseIsTypedAndNamesTheVariables() async throws {
        let wrong = await failure(v22 {
            $0["OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM"] = RPVectors.encryptedPEM
            $0["OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM_PASSPHRASE"] = "wrong-phrase"
        })
        #expect(wrong?.code == .wrongPassphrase)
        #expect(wrong?.reason.contains("OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM_PASSPHRASE (inline value)") == true, "\(wrong?.reason ?? "")")
        let missing = await failure(v22 { $0["OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM"] = RPVectors.encryptedPEM })
        #expect(missing?.code == .missingPassphrase)
    }

    @Test func keyFileWithLiteralPassphraseIsContradictory() async throws {
        let key = try file("enc.pem", RPVectors.encryptedPEM)
        let error = await failure(v22 {
            $0["OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM"] = key
            $0["OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM_PASSPHRASE"] = RPVectors.passphrase
        })
        #expect(error?.code == .invalidConfigValue)
        #expect(error?.reason.contains("OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM names a file but OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM_PASSPHRASE") == true)
    }

    @Test func a401ReReadsTheFilesAndRetriesWithTheRotatedToken() async throws {
        let rpst = try file("rpst", RPVectors.rpst)
        let key = try file("private.pem", RPVectors.privatePEM)
        let clock = TestClock(RPVectors.date.secondsSince1970)
        let provider = try provider(v22 { $0["OCI_RESOURCE_PRINCIPAL_RPST"] = rpst; $0["OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM"] = key }, clock: clock)
        let first = try await provider.identity()
        // Nothing changed on disk: the rejected identity comes back, so the caller does not retry in vain.
        let unchanged = try await provider.refresh(afterRejectionOf: first)
        #expect(unchanged.keyID == first.keyID && unchanged.obtainedAt == first.obtainedAt)
        // kat file_paths_and_401_reload: the file was rotated, the 401 retry signs with rpst2.
        _ = try file("rpst", RPVectors.rpst2)
        clock.set(clock.now.secondsSince1970 + 600)
        #expect(try await provider.identity().keyID == first.keyID)  // not due: no proactive read
        let rotated = try await provider.refresh(afterRejectionOf: first)
        #expect(rotated.keyID == "ST$" + RPVectors.rpst2)
        #expect(try await provider.identity().keyID == rotated.keyID)
    }

    @Test func theFilesAreReadAgainAheadOfExpiry() async throws {
        let rpst = try file("rpst", RPVectors.rpst)
        let key = try file("private.pem", RPVectors.privatePEM)
        let clock = TestClock(RPVectors.date.secondsSince1970)
        let provider = try provider(v22 { $0["OCI_RESOURCE_PRINCIPAL_RPST"] = rpst; $0["OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM"] = key }, clock: clock)
        let first = try await provider.identity()
        _ = try file("rpst", RPVectors.rpst2)
        clock.set(RPVectors.rpstExp - 301)
        #expect(try await provider.identity().keyID == first.keyID)
        #expect(await provider.loadCount == 1)
        clock.set(RPVectors.rpstExp - 300)  // inside the 300 s window
        #expect(try await provider.identity().keyID == "ST$" + RPVectors.rpst2)
        #expect(await provider.loadCount == 2)
    }

    @Test func anExpiredTokenIsNeverHandedOut() async throws {
        let error = await failure(RPVectors.inlineEnvironment, clock: TestClock(RPVectors.rpstExp))
        #expect(error?.code == .identityExpired)
        #expect(error?.reason.contains("OCI_RESOURCE_PRINCIPAL_RPST (inline value)") == true)
    }

    @Test func versionsAreCheckedByName() async throws {
        let missing = await failure(v22 { $0["OCI_RESOURCE_PRINCIPAL_VERSION"] = nil })
        #expect(missing?.code == .missingConfigValue && missing?.reason.contains("OCI_RESOURCE_PRINCIPAL_VERSION is not set") == true)
        let unknown = await failure(v22 { $0["OCI_RESOURCE_PRINCIPAL_VERSION"] = "9.9" })
        #expect(unknown?.code == .unsupportedResourcePrincipalVersion && unknown?.reason.contains("9.9") == true)
        for version in ["2.1", "2.1.1", "2.1.2"] {
            let error = await failure(v22 { $0["OCI_RESOURCE_PRINCIPAL_VERSION"] = version })
            #expect(error?.code == .unsupportedResourcePrincipalVersion)
            #expect(error?.reason.contains("version \(version) is not supported") == true, "\(error?.reason ?? "")")
        }
    }

    @Test func missingVariablesAreNamed() async throws {
        for name in ["OCI_RESOURCE_PRINCIPAL_RPST", "OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM"] {
            let error = await failure(v22 { $0[name] = nil })
            #expect(error?.code == .missingConfigValue && error?.reason.hasPrefix("\(name) is not set") == true, "\(error?.reason ?? "")")
            let blank = await failure(v22 { $0[name] = "  " })
            #expect(blank?.code == .missingConfigValue)
        }
        // The region is optional, as in the Python SDK.
        #expect(try await provider(v22 { $0["OCI_RESOURCE_PRINCIPAL_REGION"] = nil }).identity().region == nil)
    }

    @Test func relativePathsNonJWTsAndMissingFilesAreRefused() async throws {
        let relative = await failure(v22 { $0["OCI_RESOURCE_PRINCIPAL_RPST"] = "secrets/rpst" })
        #expect(relative?.code == .invalidConfigValue && relative?.reason.contains("relative path") == true)
        let relativeKey = await failure(v22 { $0["OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM"] = "private.pem" })
        #expect(relativeKey?.code == .invalidConfigValue && relativeKey?.reason.contains("OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM holds neither") == true)
        let notJWT = await failure(v22 { $0["OCI_RESOURCE_PRINCIPAL_RPST"] = "not-a-jwt" })
        #expect(notJWT?.code == .invalidSecurityToken && notJWT?.reason.contains("OCI_RESOURCE_PRINCIPAL_RPST (inline value) is not a JWT") == true)
        let absent = await failure(v22 { $0["OCI_RESOURCE_PRINCIPAL_RPST"] = folder.path + "/absent" })
        #expect(absent?.code == .fileUnreadable && absent?.path == folder.path + "/absent")
        let notAKey = await failure(v22 { $0["OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM"] = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n" })
        #expect(notAKey != nil && notAKey?.reason.contains("OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM (inline value)") == true)
        // v2.2 chosen while the 3.0 leaf variables are set: the hint says so.
        let mixed = await failure(RPVectors.nestedEnvironment.merging(["OCI_RESOURCE_PRINCIPAL_VERSION": "2.2"]) { $1 })
        #expect(mixed?.code == .missingConfigValue && mixed?.reason.contains("meant to be 3.0") == true)
    }

    @Test func v3RefusesOtherLeavesAndMissingParentVariables() async throws {
        var environment = RPVectors.nestedEnvironment
        environment["OCI_RESOURCE_PRINCIPAL_VERSION_FOR_LEAF_RESOURCE"] = "2.1"
        let leaf21 = await failure(environment)
        #expect(leaf21?.code == .unsupportedResourcePrincipalVersion && leaf21?.reason.contains("OCI_RESOURCE_PRINCIPAL_VERSION_FOR_LEAF_RESOURCE") == true)
        environment["OCI_RESOURCE_PRINCIPAL_VERSION_FOR_LEAF_RESOURCE"] = "3.0"
        #expect(await failure(environment)?.code == .unsupportedResourcePrincipalVersion)
        environment = RPVectors.nestedEnvironment
        environment["OCI_RESOURCE_PRINCIPAL_RPT_URL_FOR_PARENT_RESOURCE"] = nil
        let noURL = await failure(environment)
        #expect(noURL?.code == .missingConfigValue && noURL?.reason.contains("OCI_RESOURCE_PRINCIPAL_RPT_URL_FOR_PARENT_RESOURCE") == true)
        environment = RPVectors.nestedEnvironment
        environment["OCI_RESOURCE_PRINCIPAL_RPST_FOR_LEAF_RESOURCE"] = nil
        let noLeaf = await failure(environment)
        #expect(noLeaf?.reason.hasPrefix("OCI_RESOURCE_PRINCIPAL_RPST_FOR_LEAF_RESOURCE is not set") == true)
    }

    @Test func v3ExchangeFailuresAreTypedAndA401ExchangesAgain() async throws {
        let refused = ScriptedTransport { _, _ in OCIHTTPResponse(status: 401, body: Array(#"{"code": "NotAuthenticated", "message": "no"}"#.utf8)) }
        let error = await failure(RPVectors.nestedEnvironment, transport: refused)
        #expect(error?.code == .resourcePrincipalExchangeFailed)
        #expect(error?.reason.contains("GET http://127.0.0.1:47112/kat/rpv3/parentRpt answered HTTP 401 (NotAuthenticated: no)") == true, "\(error?.reason ?? "")")
        let noToken = ScriptedTransport { request, _ in
            request.method == .get ? OCIHTTPResponse(status: 200, body: FederationVectors.bytes("\(RPVectors.v30)/parent-rpt/response.json"))
                : OCIHTTPResponse(status: 200, body: Array("{}".utf8))
        }
        #expect(await failure(RPVectors.nestedEnvironment, transport: noToken)?.reason.contains("has no 'token'") == true)
        let deeper = ScriptedTransport { _, _ in
            OCIHTTPResponse(status: 200, headerFields: [HTTPField.Name("opc-parent-rpt-url")!: "http://127.0.0.1:47112/grandparent"],
                            body: FederationVectors.bytes("\(RPVectors.v30)/parent-rpt/response.json"))
        }
        let nested = await failure(RPVectors.nestedEnvironment, transport: deeper)
        #expect(nested?.code == .resourcePrincipalExchangeFailed && nested?.reason.contains("opc-parent-rpt-url") == true)
        #expect(deeper.sent.count == 1)  // nothing exchanged, nothing signed with a guess
        let transport = ScriptedTransport.nestedKnownAnswers()
        let provider = try provider(RPVectors.nestedEnvironment, transport: transport)
        let first = try await provider.identity()
        _ = try await provider.identity()
        #expect(transport.sent.count == 2)
        // The service rejected it: a full exchange again (the recorded answer repeats, so the
        // same token comes back and the rejected identity is returned).
        _ = try await provider.refresh(afterRejectionOf: first)
        #expect(transport.sent.count == 4)
    }

    @Test func theChainFindsResourcePrincipalsByTheirVariables() async throws {
        let home = try TemporaryDirectory()
        func options(_ variables: [String: String], method: OCIAuthMethod? = nil) -> OCIDefaultIdentityChain.Options {
            let date = RPVectors.date
            var options = OCIDefaultIdentityChain.Options(method: method, environment: CredentialEnvironment(variables: variables, homeDirectory: home.path),
                                                          instancePrincipal: testConfiguration(), transport: FakeOCITransport(), clock: { date })
            options.probeTimeout = .milliseconds(1)
            return options
        }
        let resolution = try await OCIDefaultIdentityChain(options(RPVectors.inlineEnvironment)).resolve()
        #expect(resolution.method == .resourcePrincipal)
        #expect(resolution.attempts.map(\.outcome).first?.hasPrefix("not configured here") == true)  // the profile first
        #expect(try await resolution.provider.identity().keyID == "ST$" + RPVectors.rpst)
        // Set but broken stops the chain rather than falling through to instance principals.
        let broken = await #expect(throws: OCISigningError.self) {
            try await OCIDefaultIdentityChain(options(["OCI_RESOURCE_PRINCIPAL_VERSION": "2.1"])).resolve()
        }
        #expect(broken?.code == .unsupportedResourcePrincipalVersion)
        // Explicit --auth resource_principal without the variables.
        let explicit = await #expect(throws: OCISigningError.self) {
            try await OCIDefaultIdentityChain(options([:], method: .resourcePrincipal)).resolve()
        }
        #expect(explicit?.code == .missingConfigValue)
        #expect(try OCIAuthMethod(parsing: "resource_principal") == .resourcePrincipal)
    }
}
