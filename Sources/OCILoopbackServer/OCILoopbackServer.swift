#if IntegrationTests
import Foundation
import Hummingbird
import HTTPTypes
import Logging
import OCISigning
import ServiceLifecycle
import UnixSignals

/// A small OCI-style HTTP server on 127.0.0.1 that authenticates every request the way OCI does
/// and implements one operation, CreateVolumeBackup, for end-to-end tests and the examples.
///
/// Every request is verified with `OCIRequestVerifier` before it is routed:
/// - a failure answers `401` with OCI's error body `{"code":"NotAuthenticated","message":…}`,
///   the message being the verifier's reason;
/// - `POST /20160918/volumeBackups` answers `200` with a `VolumeBackup` in `CREATING`;
/// - anything else answers `404` `NotAuthorizedOrNotFound`, as OCI does.
/// Every response carries an `opc-request-id`; every request is recorded in ``log``.
///
/// ```swift
/// let server = OCILoopbackServer(verifier: OCIRequestVerifier(publicKey: key))
/// try await server.withRunningServer { port in
///     // send signed requests to http://127.0.0.1:\(port)
/// }
/// ```
public struct OCILoopbackServer: Sendable {
    /// Checks each request's signature.
    public let verifier: OCIRequestVerifier
    /// The verifier's options (clock skew window, clock).
    public let verificationOptions: VerificationOptions
    /// Every request received, in order.
    public let log = ReceivedRequestLog()
    /// The largest body accepted (1 MiB); larger bodies answer `413`.
    public static let maxBodySize = 1 << 20

    private let requestCounter = RequestCounter()
    private let logger: Logger
    private let onRequest: (@Sendable (ReceivedRequest) -> Void)?

    /// Creates a server (not yet listening).
    ///
    /// - Parameters:
    ///   - verifier: The verifier every request must pass.
    ///   - verificationOptions: Skew window and clock for the verifier.
    ///   - logLevel: Hummingbird's log level (`.warning` keeps test output quiet).
    ///   - onRequest: Called after each request is answered (for printing a request log).
    public init(verifier: OCIRequestVerifier, verificationOptions: VerificationOptions = .init(), logLevel: Logger.Level = .warning,
                onRequest: (@Sendable (ReceivedRequest) -> Void)? = nil) {
        self.verifier = verifier
        self.verificationOptions = verificationOptions
        self.onRequest = onRequest
        var logger = Logger(label: "oci-loopback-server")
        logger.logLevel = logLevel
        self.logger = logger
    }

    /// Starts the server on `127.0.0.1:port`, runs `body` with the bound port, then shuts the
    /// server down gracefully, whether `body` returned or threw.
    ///
    /// - Parameters:
    ///   - port: The port to bind; 0 (the default) picks a free ephemeral port.
    ///   - body: The client side; receives the port actually bound.
    /// - Returns: What `body` returned.
    /// - Throws: What `body` threw, or the server's startup error (for example a port in use).
    public func withRunningServer<Result>(port: Int = 0, _ body: (Int) async throws -> Result) async throws -> Result {
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let group = makeServiceGroup(port: port) { portContinuation.yield($0) }
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                // A server that fails to start finishes the stream, so the wait below ends.
                defer { portContinuation.finish() }
                try await group.run()
            }
            var iterator = ports.makeAsyncIterator()
            guard let boundPort = await iterator.next() else {
                try await tasks.waitForAll()   // rethrows the startup error
                throw LoopbackServerError.didNotStart
            }
            let outcome: Swift.Result<Result, any Error>
            do {
                outcome = .success(try await body(boundPort))
            } catch {
                outcome = .failure(error)
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return try outcome.get()
        }
    }

    /// Runs the server on `127.0.0.1:port` until the task is cancelled or the process receives
    /// SIGINT/SIGTERM (for command-line use).
    ///
    /// - Parameters:
    ///   - port: The port to bind; 0 picks a free ephemeral port.
    ///   - onListening: Called once with the port actually bound.
    public func run(port: Int, onListening: @escaping @Sendable (Int) -> Void) async throws {
        let group = makeServiceGroup(port: port, signals: [.sigint, .sigterm], onListening: onListening)
        try await group.run()
    }

    private func makeServiceGroup(port: Int, signals: [UnixSignal] = [], onListening: @escaping @Sendable (Int) -> Void) -> ServiceGroup {
        let server = self
        let app = Application(
            responder: CallbackResponder<BasicRequestContext> { request, _ in try await server.respond(to: request) },
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: nil),
            onServerRunning: { channel in onListening(channel.localAddress?.port ?? port) },
            logger: logger)
        return ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: signals, logger: logger))
    }

    /// Verifies, routes and records one request.
    func respond(to request: Request) async throws -> Response {
        let requestID = await requestCounter.next()
        var bodyBuffer: ByteBuffer
        do {
            bodyBuffer = try await request.body.collect(upTo: Self.maxBodySize)
        } catch {
            return Self.json(.contentTooLarge, OCIErrorBody(code: "RequestEntityTooLarge", message: "the body exceeds \(Self.maxBodySize) bytes"), requestID: requestID)
        }
        let body = bodyBuffer.readBytes(length: bodyBuffer.readableBytes) ?? []
        let head = request.head
        let verification = verifier.verify(head, body: .bytes(body), options: verificationOptions)

        let response: Response
        switch verification {
        case .invalid(let failure):
            response = Self.json(.unauthorized, OCIErrorBody(code: "NotAuthenticated", message: failure.description), requestID: requestID)
        case .valid:
            response = route(head, body: body, requestID: requestID)
        }
        let received = ReceivedRequest(
            method: head.method, target: head.path ?? "", authority: head.authority, headerFields: head.headerFields,
            body: body, verification: verification, status: response.status, opcRequestID: requestID)
        await log.append(received)
        onRequest?(received)
        return response
    }

    private func route(_ head: HTTPRequest, body: [UInt8], requestID: String) -> Response {
        let path = (head.path ?? "").split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard head.method == .post && path == "/20160918/volumeBackups" else {
            return Self.json(.notFound, OCIErrorBody(code: "NotAuthorizedOrNotFound", message: "Authorization failed or requested resource not found."), requestID: requestID)
        }
        let details: CreateVolumeBackupDetails
        do {
            details = try JSONDecoder().decode(CreateVolumeBackupDetails.self, from: Data(body))
        } catch {
            return Self.json(.badRequest, OCIErrorBody(code: "InvalidParameter", message: "the body is not a valid CreateVolumeBackupDetails: \(error)"), requestID: requestID)
        }
        let backup = VolumeBackupResource(
            id: "ocid1.volumebackup.oc1.loopback.\(requestID.lowercased())",
            compartmentId: "ocid1.compartment.oc1..loopback",
            displayName: details.displayName ?? "volume-backup-\(requestID.suffix(8).lowercased())",
            lifecycleState: "CREATING",
            type: details.type ?? "INCREMENTAL",
            sourceType: "MANUAL",
            volumeId: details.volumeId,
            timeCreated: Self.timestamp(),
            freeformTags: details.freeformTags ?? [:],
            definedTags: details.definedTags ?? [:])
        var response = Self.json(.ok, backup, requestID: requestID)
        response.headers[HTTPField.Name("etag")!] = "\"\(requestID.suffix(16))\""
        return response
    }

    static func json(_ status: HTTPResponse.Status, _ value: some Encodable, requestID: String) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[HTTPField.Name("opc-request-id")!] = requestID
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}

/// Why ``OCILoopbackServer/withRunningServer(port:_:)`` could not run its body.
public enum LoopbackServerError: Error, Sendable {
    /// The server stopped before it reported a bound port.
    case didNotStart
}

/// Hands out `opc-request-id` values: unique per server, sortable, 32 hex digits like OCI's.
actor RequestCounter {
    private var count = 0
    private let prefix = String(UInt64.random(in: 0...UInt64.max), radix: 16, uppercase: true)

    func next() -> String {
        count += 1
        let suffix = String(count, radix: 16, uppercase: true)
        let padded = String(repeating: "0", count: max(0, 16 - prefix.count)) + prefix
            + String(repeating: "0", count: max(0, 16 - suffix.count)) + suffix
        return padded
    }
}
#endif
