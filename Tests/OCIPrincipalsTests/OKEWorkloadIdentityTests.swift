import Foundation
import HTTPTypes
import Logging
import OCICredentials
import OCISigning
import Testing
@testable import OCIPrincipals

/// The OKE exchange against Oracle's Python SDK's recorded bytes (Vectors/federation/
/// oke-workload-identity), and the provider's refresh rules and bad input, over a fake transport.
@Suite struct OKEWorkloadIdentityKnownAnswerTests {
    let oke = "oke-workload-identity"

    @Test func exchangeIsByteIdenticalToThePythonSDK() async throws {
        let fixture = try OKEFixture()
        let transport = FakeProxymux(answer: OCIHTTPResponse(status: 200, body: FederationVectors.bytes("\(oke)/proxymux/response.body")))
        let provider = try fixture.provider(transport: transport, kat: true)
        let identity = try await provider.identity()

        let sent = try #require(transport.sent.first)
        let raw = FederationVectors.rawRequest("\(oke)/proxymux/request.raw")
        let recorded = Dictionary(raw.headers, uniquingKeysWith: { first, _ in first })
        #expect(sent.body == FederationVectors.bytes("\(oke)/proxymux/body.json"))
        #expect(sent.body == raw.body)
        #expect(raw.requestLine == "POST \(sent.request.path!) HTTP/1.1")
        #expect(sent.request.method == .post && sent.request.scheme == "https")
        #expect(sent.request.authority == recorded["host"])
        for name in ["authorization", "content-type", "opc-request-id"] {
            #expect(sent.request.headerFields[HTTPField.Name(name)!] == recorded[name], "header \(name)")
        }
        #expect(sent.request.headerFields.map(\.name.rawName) == ["Authorization", "Content-type", "opc-request-id"])
        #expect(sent.request.headerFields[.init("date")!] == nil, "the exchange is not HTTP-signed")

        let rpst = FederationVectors.text("\(oke)/rpst.txt")
        #expect(identity.keyID == "ST$" + rpst)
        #expect(!identity.keyID.hasPrefix("ST$ST$"))
        #expect(identity.kind == .okeWorkloadIdentity)
        #expect(identity.region == (FederationVectors.json("\(oke)/case.json")["signerRegion"] as? String))
        #expect(identity.tenancy == ((FederationVectors.json("\(oke)/case.json")["rpst"] as? [String: Any])?["res_tenant"] as? String))
        #expect(!identity.description.contains(rpst))
        #expect(transport.trustedFiles == [fixture.caPath], "the transport trusts only the CA from OCI_KUBERNETES_SERVICE_ACCOUNT_CERT_PATH")
    }

    @Test func serviceCallSignedWithTheRPSTMatchesThePythonSDK() throws {
        let meta = FederationVectors.json("\(oke)/api-post/case.json")
        let raw = FederationVectors.rawRequest("\(oke)/api-post/request.raw")
        let identity = OCISigningIdentity(keyID: "ST$" + FederationVectors.text("\(oke)/rpst.txt"),
                                          privateKey: try OCIPrivateKey(pem: FederationVectors.bytes("\(oke)/session-key.pem")),
                                          kind: .okeWorkloadIdentity, source: "test")
        #expect(identity.keyID == FederationVectors.text("\(oke)/api-post/key-id.txt"))
        var request = HTTPRequest(method: .post, scheme: "http", authority: meta["host"] as? String, path: meta["target"] as? String)
        let recorded = Dictionary(raw.headers, uniquingKeysWith: { first, _ in first })
        for name in ["date", "content-type", "content-length", "x-content-sha256"] {
            if let value = recorded[name] { request.headerFields[HTTPField.Name(name)!] = value }
        }
        let signed = try OCIPrincipalSigning.sign(request, body: .bytes(raw.body), as: identity)
        #expect(signed.signingString == FederationVectors.text("\(oke)/api-post/signing-string.txt"))
        #expect(Base64.encode(signed.signature) == FederationVectors.text("\(oke)/api-post/signature.txt"))
    }
}

@Suite struct OKEWorkloadIdentityProviderTests {
    @Test func serviceAccountTokenIsReReadForEveryExchange() async throws {
        let fixture = try OKEFixture()
        let clock = TestClock(1388957500)
        let transport = FakeProxymux(clock: clock)
        let provider = try fixture.provider(transport: transport, clock: clock)
        let first = try await provider.identity()
        let rotated = fakeJWT(["exp": 1389999999, "iat": 1388957500, "sub": "rotated"])
        try Data((rotated + "\n").utf8).write(to: URL(fileURLWithPath: fixture.tokenPath))
        let second = try await provider.refresh(afterRejectionOf: first)
        #expect(second.keyID != first.keyID)
        #expect(transport.sent.map { $0.request.headerFields[.authorization] } == ["Bearer " + fixture.serviceAccountToken, "Bearer " + rotated])
        #expect(await provider.exchangeCount == 2)
    }

    @Test func refreshesAtHalfLifeAndAtExpiryNotBefore() async throws {
        let fixture = try OKEFixture()
        let clock = TestClock(1388957500)
        let transport = FakeProxymux(clock: clock, lifetime: 3600)
        let provider = try fixture.provider(transport: transport, clock: clock)
        let first = try await provider.identity()
        clock.set(1388957500 + 1799)
        #expect(try await provider.identity().keyID == first.keyID)
        clock.set(1388957500 + 1800)  // Python: valid while now + half < exp
        let second = try await provider.identity()
        #expect(second.keyID != first.keyID)
        #expect(transport.sent.count == 2)
    }

    @Test func withoutHalfLifeOnlyExpiryOrA401Refreshes() async throws {
        let fixture = try OKEFixture()
        let clock = TestClock(1388957500)
        let transport = FakeProxymux(clock: clock, lifetime: 3600)
        let provider = try fixture.provider(transport: transport, clock: clock) { $0.refreshAtHalfLife = false }
        let first = try await provider.identity()
        clock.set(1388957500 + 3599)
        #expect(try await provider.identity().keyID == first.keyID)
        let after401 = try await provider.refresh(afterRejectionOf: first)
        #expect(after401.keyID != first.keyID)
        #expect(try await provider.refresh(afterRejectionOf: first).keyID == after401.keyID, "a second caller with the old identity shares the new one")
        #expect(transport.sent.count == 2)
    }

    @Test func concurrentCallersShareOneExchange() async throws {
        let fixture = try OKEFixture()
        let transport = FakeProxymux(clock: TestClock(1388957500), delay: .milliseconds(50))
        let provider = try fixture.provider(transport: transport, clock: TestClock(1388957500))
        let keyIDs = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<16 { group.addTask { try await provider.identity().keyID } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(keyIDs.count == 1)
        #expect(transport.sent.count == 1)
    }

    @Test func expiredServiceAccountTokenIsRefusedBeforeAnythingIsSent() async throws {
        let fixture = try OKEFixture()
        let transport = FakeProxymux(clock: TestClock(1389043900))
        let provider = try fixture.provider(transport: transport, clock: TestClock(1389043900))
        let error = await #expect(throws: OCISigningError.self) { try await provider.identity() }
        #expect(error?.code == .identityExpired)
        #expect(error?.reason.contains(fixture.tokenPath) == true)
        #expect(error?.reason.contains("OCI_KUBERNETES_SERVICE_ACCOUNT_TOKEN_PATH") == true)
        #expect(error?.reason.contains(fixture.serviceAccountToken) == false)
        #expect(transport.sent.isEmpty)
    }

    @Test(arguments: ["not-a-jwt", "a.b", "a.b.c!", "\n\n"])
    func serviceAccountTokenThatIsNotAJWT(token: String) async throws {
        let fixture = try OKEFixture()
        try Data(token.utf8).write(to: URL(fileURLWithPath: fixture.tokenPath))
        let transport = FakeProxymux()
        let error = await #expect(throws: OCISigningError.self) { try await fixture.provider(transport: transport).identity() }
        #expect(error?.code == .invalidSecurityToken)
        #expect(error?.reason.contains(fixture.tokenPath) == true)
        #expect(transport.sent.isEmpty)
    }

    @Test func missingServiceAccountTokenFileNamesIt() async throws {
        let fixture = try OKEFixture()
        try FileManager.default.removeItem(atPath: fixture.tokenPath)
        let error = await #expect(throws: OCISigningError.self) { try await fixture.provider(transport: FakeProxymux()).identity() }
        #expect(error?.code == .fileUnreadable)
        #expect(error?.reason.contains(fixture.tokenPath) == true)
    }

    @Test(arguments: [
        ("eyJ0b2tlbiI6ICJTVCRhLmIuYyJ9", "quoted base64 string"),     // base64 without the quotes
        ("{\"token\": \"ST$a.b.c\"}", "quoted base64 string"),         // plain JSON
        ("\"!!!not base64!!!\"", "not the base64 of a JSON object"),
        ("\"" + Data("{\"other\": 1}".utf8).base64EncodedString() + "\"", "no 'token'"),
        ("\"" + Data("{\"token\": \"a.b.c\"}".utf8).base64EncodedString() + "\"", "does not start with 'ST$'"),
    ])
    func proxymuxAnswersNotInTheQuotedBase64Form(body: String, expected: String) async throws {
        let fixture = try OKEFixture()
        let provider = try fixture.provider(transport: FakeProxymux(answer: OCIHTTPResponse(status: 200, body: Array(body.utf8))))
        let error = await #expect(throws: OCISigningError.self) { try await provider.identity() }
        #expect(error?.code == .workloadIdentityExchangeFailed)
        #expect(error?.reason.contains("POST https://10.96.0.1:12250/resourcePrincipalSessionTokens") == true)
        #expect(error?.reason.contains(expected) == true, "\(error?.reason ?? "")")
        #expect(error?.reason.contains(fixture.serviceAccountToken) == false)
    }

    @Test func anRPSTThatIsNotAJWTIsRefused() async throws {
        let fixture = try OKEFixture()
        let body = "\"" + Data("{\"token\": \"ST$garbage\"}".utf8).base64EncodedString() + "\""
        let provider = try fixture.provider(transport: FakeProxymux(answer: OCIHTTPResponse(status: 200, body: Array(body.utf8))))
        let error = await #expect(throws: OCISigningError.self) { try await provider.identity() }
        #expect(error?.code == .invalidSecurityToken)
    }

    @Test(arguments: [(403, "enhanced"), (401, "HTTP 401"), (500, "HTTP 500")])
    func proxymuxErrorStatuses(status: Int, expected: String) async throws {
        let fixture = try OKEFixture()
        let provider = try fixture.provider(transport: FakeProxymux(answer: OCIHTTPResponse(status: status, body: Array("{\"code\":\"x\"}".utf8))))
        let error = await #expect(throws: OCISigningError.self) { try await provider.identity() }
        #expect(error?.code == .workloadIdentityExchangeFailed)
        #expect(error?.reason.contains(expected) == true)
    }

    @Test func missingKubernetesServiceHostNamesTheVariable() throws {
        let fixture = try OKEFixture()
        let error = #expect(throws: OCISigningError.self) {
            try fixture.provider(transport: FakeProxymux()) { $0.environment["KUBERNETES_SERVICE_HOST"] = nil }
        }
        #expect(error?.code == .missingConfigValue)
        #expect(error?.reason.contains("KUBERNETES_SERVICE_HOST") == true)
    }

    @Test func portFromParameterThenVariableThenDefault() throws {
        var configuration = OCIOKEWorkloadIdentityConfiguration(environment: ["KUBERNETES_SERVICE_HOST": "10.0.0.1"])
        #expect(try configuration.resolvedEndpoint() == "https://10.0.0.1:12250/resourcePrincipalSessionTokens")
        configuration.environment["OCI_KUBERNETES_PROXYMUX_SERVICE_PORT"] = "47113"
        #expect(try configuration.resolvedEndpoint() == "https://10.0.0.1:47113/resourcePrincipalSessionTokens")
        configuration.port = 443
        #expect(try configuration.resolvedEndpoint() == "https://10.0.0.1:443/resourcePrincipalSessionTokens")
        configuration.port = nil
        configuration.environment["OCI_KUBERNETES_PROXYMUX_SERVICE_PORT"] = "http"
        #expect(throws: OCISigningError.self) { try configuration.resolvedEndpoint() }
        configuration.environment = ["KUBERNETES_SERVICE_HOST": "fd00::1"]
        #expect(try configuration.resolvedEndpoint() == "https://[fd00::1]:12250/resourcePrincipalSessionTokens")
        #expect(configuration.resolvedCertificateAuthorityPath.path == OCIOKEWorkloadIdentityConfiguration.defaultCertificateAuthorityPath)
        #expect(configuration.resolvedServiceAccountTokenPath.path == OCIOKEWorkloadIdentityConfiguration.defaultServiceAccountTokenPath)
    }

    @Test func requestIDsHavePythonsShape() {
        let id = OCIOKEWorkloadIdentityProvider.pythonRequestID()
        let groups = id.split(separator: "/")
        #expect(groups.count == 3)
        #expect(groups.allSatisfy { $0.count == 32 && $0.allSatisfy { "0123456789abcdef".contains($0) } })
        #expect(OCIOKEWorkloadIdentityProvider.pythonRequestID() != id)
    }

    #if !AsyncHTTPClient
    @Test func defaultBuildRefusesAndSaysHowToGetIt() throws {
        let fixture = try OKEFixture()
        let error = #expect(throws: OCISigningError.self) {
            try OCIOKEWorkloadIdentityProvider(configuration: fixture.configuration())
        }
        #expect(error?.code == .unsupportedAuthMethod)
        #expect(error?.reason.contains("swift build --traits AsyncHTTPClient") == true)
        #expect(error?.reason.contains("\n") == false)
    }
    #endif
}

/// `OCI_OKE_WORKLOAD_REFRESH_ENABLED`: Python's `base_client` retries after a 401 only when
/// `value.lower() == "true"` (default `"True"`).
@Suite struct OKERefreshEnabledTests {
    @Test(arguments: ["false", "FALSE", "False", "fAlSe"])
    func disabledA401ReturnsTheRejectedIdentityAndSaysWhy(value: String) async throws {
        let fixture = try OKEFixture()
        let transport = FakeProxymux(clock: TestClock(1388957500))
        let log = LogLines()
        let provider = try fixture.provider(transport: transport, logger: log.logger) {
            $0.environment["OCI_OKE_WORKLOAD_REFRESH_ENABLED"] = value
        }
        let first = try await provider.identity()
        let after401 = try await provider.refresh(afterRejectionOf: first)
        #expect(!after401.differs(from: first), "nothing to retry with: adapters do not retry")
        #expect(after401.keyID == first.keyID)
        #expect(transport.sent.count == 1)
        #expect(await provider.exchangeCount == 1)
        let line = log.lines.first { $0.contains("not re-exchanging") }
        #expect(line?.contains("OCI_OKE_WORKLOAD_REFRESH_ENABLED") == true)
        #expect(log.lines.allSatisfy { !$0.contains(String(first.keyID.dropFirst(3))) }, "no token in a log line")
    }

    @Test(arguments: [nil, "true", "TRUE", "True"] as [String?])
    func enabledByDefaultAndByTrueInAnyCase(value: String?) async throws {
        let fixture = try OKEFixture()
        let transport = FakeProxymux(clock: TestClock(1388957500))
        let provider = try fixture.provider(transport: transport) { $0.environment["OCI_OKE_WORKLOAD_REFRESH_ENABLED"] = value }
        let first = try await provider.identity()
        let after401 = try await provider.refresh(afterRejectionOf: first)
        #expect(after401.differs(from: first))
        #expect(transport.sent.count == 2)
    }

    /// Values Python would silently take as "disabled" are refused, naming the variable.
    @Test(arguments: ["0", "1", "no", "yes", "", " true", "true\n", "enabled"])
    func otherValuesAreRefusedNamingTheVariable(value: String) throws {
        let fixture = try OKEFixture()
        let error = #expect(throws: OCISigningError.self) {
            try fixture.provider(transport: FakeProxymux()) { $0.environment["OCI_OKE_WORKLOAD_REFRESH_ENABLED"] = value }
        }
        #expect(error?.code == .invalidConfigValue)
        #expect(error?.reason.contains("OCI_OKE_WORKLOAD_REFRESH_ENABLED") == true)
        #expect(error?.reason.contains("\n") == false, "one line")
    }

    @Test func theParameterWinsOverTheVariable() async throws {
        let fixture = try OKEFixture()
        let transport = FakeProxymux(clock: TestClock(1388957500))
        let provider = try fixture.provider(transport: transport) {
            $0.environment["OCI_OKE_WORKLOAD_REFRESH_ENABLED"] = "not a boolean"
            $0.refreshAfterRejection = false
        }
        let first = try await provider.identity()
        #expect(try await provider.refresh(afterRejectionOf: first).keyID == first.keyID)
        #expect(transport.sent.count == 1)
        var configuration = fixture.configuration { $0.environment["OCI_OKE_WORKLOAD_REFRESH_ENABLED"] = "false" }
        configuration.refreshAfterRejection = true
        #expect(try configuration.resolvedRefreshAfterRejection())
    }

    @Test func disabledStillRefreshesAtHalfLife() async throws {
        let fixture = try OKEFixture()
        let clock = TestClock(1388957500)
        let transport = FakeProxymux(clock: clock, lifetime: 3600)
        let provider = try fixture.provider(transport: transport, clock: clock) { $0.environment["OCI_OKE_WORKLOAD_REFRESH_ENABLED"] = "false" }
        let first = try await provider.identity()
        clock.set(1388957500 + 1800)
        #expect(try await provider.identity().keyID != first.keyID, "only the 401 path is switched off, as in Python")
    }
}

/// Collects log lines (message and metadata).
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    var lines: [String] { lock.withLock { stored } }
    var logger: Logger {
        var logger = Logger(label: "test") { _ in Handler(sink: self) }
        logger.logLevel = .trace
        return logger
    }

    struct Handler: LogHandler {
        let sink: LogLines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            sink.lock.withLock { sink.stored.append("\(event.message) \(event.metadata ?? [:])") }
        }
    }
}

@Suite struct OKEChainTests {
    func chain(_ fixture: OKEFixture, _ variables: [String: String], method: OCIAuthMethod? = nil) -> OCIDefaultIdentityChain {
        let environment = CredentialEnvironment(variables: variables, homeDirectory: fixture.dir)
        var options = OCIDefaultIdentityChain.Options(method: method, configFile: nil, environment: environment,
                                                      probeTimeout: .milliseconds(200), transport: FakeProxymux(),
                                                      clock: { HTTPDate(secondsSince1970: 1388957500) })
        options.instancePrincipal.metadataBaseURL = "http://127.0.0.1:9/opc/v2"
        options.okeTransportFactory = { _ throws(OCISigningError) in FakeProxymux() }
        return OCIDefaultIdentityChain(options)
    }

    @Test func detectedByItsEnvironment() async throws {
        let fixture = try OKEFixture()
        let resolution = try await chain(fixture, fixture.environment).resolve()
        #expect(resolution.method == .okeWorkloadIdentity)
        #expect(resolution.provider is OCIOKEWorkloadIdentityProvider)
        #expect(resolution.source.contains("https://10.96.0.1:12250/resourcePrincipalSessionTokens"))
    }

    @Test func aPlainKubernetesPodOrAnRPSTIsNotOKE() async throws {
        let fixture = try OKEFixture()
        var plain = fixture.environment
        plain["OCI_RESOURCE_PRINCIPAL_REGION"] = nil
        var rp = fixture.environment
        rp["OCI_RESOURCE_PRINCIPAL_RPST"] = "/x/rpst"
        for variables in [plain, rp] {
            let error = await #expect(throws: OCISigningError.self) { try await chain(fixture, variables).resolve() }
            #expect(error?.reason.contains("OKE workload identity") == true)
            #expect(error?.reason.contains("not configured here") == true)
        }
    }

    @Test func explicitMethodParsesAndResolves() async throws {
        #expect(try OCIAuthMethod(parsing: "oke_workload_identity") == .okeWorkloadIdentity)
        let fixture = try OKEFixture()
        var variables = fixture.environment
        variables["OCI_RESOURCE_PRINCIPAL_REGION"] = nil  // explicit: no detection needed
        let resolution = try await chain(fixture, variables, method: .okeWorkloadIdentity).resolve()
        #expect(resolution.provider is OCIOKEWorkloadIdentityProvider)
    }
}

/// A temporary pod layout: the recorded service-account token and cluster CA, and the
/// variables an OKE pod sees.
struct OKEFixture {
    let dir: String
    let tokenPath: String
    let caPath: String
    let serviceAccountToken: String

    init() throws {
        dir = NSTemporaryDirectory() + "oke-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        tokenPath = dir + "/token"
        caPath = dir + "/ca.crt"
        let recorded = FederationVectors.bytes("oke-workload-identity/service-account-token")
        try Data(recorded).write(to: URL(fileURLWithPath: tokenPath))
        try Data(FederationVectors.bytes("oke-workload-identity/ca.crt")).write(to: URL(fileURLWithPath: caPath))
        serviceAccountToken = String(decoding: recorded, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    var environment: [String: String] {
        ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "OCI_KUBERNETES_SERVICE_ACCOUNT_TOKEN_PATH": tokenPath,
         "OCI_KUBERNETES_SERVICE_ACCOUNT_CERT_PATH": caPath, "OCI_RESOURCE_PRINCIPAL_REGION": "phx"]
    }

    func configuration(_ change: (inout OCIOKEWorkloadIdentityConfiguration) -> Void = { _ in }) -> OCIOKEWorkloadIdentityConfiguration {
        var configuration = OCIOKEWorkloadIdentityConfiguration(environment: environment)
        change(&configuration)
        return configuration
    }

    /// A provider over `transport`; by default with the KAT's host, port, session key and request id.
    func provider(transport: FakeProxymux, clock: TestClock = TestClock(1388957500), kat: Bool = false, logger: Logger? = nil,
                  _ change: (inout OCIOKEWorkloadIdentityConfiguration) -> Void = { _ in }) throws -> OCIOKEWorkloadIdentityProvider {
        let meta = FederationVectors.json("oke-workload-identity/case.json")
        var configuration = self.configuration(change)
        if kat {
            configuration.environment["KUBERNETES_SERVICE_HOST"] = meta["host"] as? String
            configuration.port = (meta["port"] as? NSNumber)?.intValue
        }
        let sessionKey = try OCIPrivateKey(pem: FederationVectors.bytes("oke-workload-identity/session-key.pem"))
        let requestID = meta["opcRequestId"] as! String
        return try OCIOKEWorkloadIdentityProvider(
            configuration: configuration,
            transportFactory: { (file: String) throws(OCISigningError) -> any OCIHTTPTransport in transport.trusting(file) },
            clock: { clock.now }, sessionKeys: { () throws(OCISigningError) in kat ? sessionKey : try .generateRSA(bits: 2048) },
            requestIDs: { kat ? requestID : OCIOKEWorkloadIdentityProvider.pythonRequestID() }, logger: logger)
    }
}

/// An in-process proxymux: answers `answer`, or mints a fake RPST (valid `lifetime` s from
/// `clock`) wrapped as the real one is: a JSON string holding base64 of `{"token": "ST$…"}`.
final class FakeProxymux: OCIHTTPTransport, @unchecked Sendable {
    struct Sent: Sendable { let request: HTTPRequest; let body: [UInt8] }
    private let lock = NSLock()
    let answer: OCIHTTPResponse?
    let clock: TestClock?
    let lifetime: Int64
    let delay: Duration
    private var sentRequests: [Sent] = []
    private var files: [String] = []

    init(answer: OCIHTTPResponse? = nil, clock: TestClock? = nil, lifetime: Int64 = 3600, delay: Duration = .zero) {
        self.answer = answer
        self.clock = clock
        self.lifetime = lifetime
        self.delay = delay
    }

    var sent: [Sent] { lock.withLock { sentRequests } }
    var trustedFiles: [String] { lock.withLock { files } }

    func trusting(_ file: String) -> FakeProxymux {
        lock.withLock { files.append(file) }
        return self
    }

    func send(_ request: HTTPRequest, body: [UInt8], timeout: Duration) async throws(OCISigningError) -> OCIHTTPResponse {
        // IMDS probes of the chain find nothing here.
        if request.method == .get { return OCIHTTPResponse(status: 404) }
        lock.withLock { sentRequests.append(Sent(request: request, body: body)) }
        if delay > .zero { try? await Task.sleep(for: delay) }
        if let answer { return answer }
        let now = clock?.now.secondsSince1970 ?? 1388957500
        let rpst = fakeJWT(["iat": now, "exp": now + lifetime, "jti": UUID().uuidString, "res_tenant": "ocid1.tenancy.oc1..fake"])
        let wrapped = Data("{\"token\": \"ST$\(rpst)\"}".utf8).base64EncodedString()
        return OCIHTTPResponse(status: 200, body: Array("\"\(wrapped)\"".utf8))
    }
}
