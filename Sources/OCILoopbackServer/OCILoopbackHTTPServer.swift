#if IntegrationTests
import Hummingbird
import HTTPTypes
import Logging
import ServiceLifecycle

/// A plain HTTP server on 127.0.0.1 whose answers come from a closure, for fakes of the other
/// endpoints an OCI client talks to (the instance metadata service, the auth service).
///
/// Unlike ``OCILoopbackServer`` it verifies nothing itself: the handler sees each request head
/// and its body (at most ``OCILoopbackServer/maxBodySize`` bytes) and returns the answer.
///
/// ```swift
/// let imds = OCILoopbackHTTPServer { request, _ in
///     request.path == "/opc/v2/instance/region" ? .init(status: .ok, body: Array("phx".utf8)) : .init(status: .notFound)
/// }
/// try await imds.withRunningServer { port in /* OCI_METADATA_BASE_URL=http://127.0.0.1:\(port)/opc/v2 */ }
/// ```
public struct OCILoopbackHTTPServer: Sendable {
    /// One answer.
    public struct Answer: Sendable {
        /// The status.
        public var status: HTTPResponse.Status
        /// The header fields.
        public var headerFields: HTTPFields
        /// The body.
        public var body: [UInt8]

        /// Creates an answer.
        public init(status: HTTPResponse.Status, headerFields: HTTPFields = [:], body: [UInt8] = []) {
            self.status = status
            self.headerFields = headerFields
            self.body = body
        }
    }

    /// Answers one request: its head and its whole body.
    public typealias Handler = @Sendable (HTTPRequest, [UInt8]) async -> Answer

    private let handler: Handler
    private let logger: Logger

    /// Creates a server (not yet listening).
    ///
    /// - Parameters:
    ///   - logLevel: Hummingbird's log level (`.warning` keeps test output quiet).
    ///   - handler: Answers each request.
    public init(logLevel: Logger.Level = .warning, handler: @escaping Handler) {
        self.handler = handler
        var logger = Logger(label: "oci-loopback-http-server")
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
    /// - Throws: What `body` threw, or the server's startup error.
    public func withRunningServer<Result>(port: Int = 0, _ body: (Int) async throws -> Result) async throws -> Result {
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let handler = handler
        let app = Application(
            responder: CallbackResponder<BasicRequestContext> { request, _ in
                let bytes: [UInt8]
                do {
                    var buffer = try await request.body.collect(upTo: OCILoopbackServer.maxBodySize)
                    bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
                } catch {
                    return Response(status: .contentTooLarge)
                }
                let answer = await handler(request.head, bytes)
                return Response(status: answer.status, headers: answer.headerFields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
            },
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: nil),
            onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? port) },
            logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                defer { portContinuation.finish() }   // a server that fails to start ends the wait below
                try await group.run()
            }
            var iterator = ports.makeAsyncIterator()
            guard let boundPort = await iterator.next() else {
                try await tasks.waitForAll()
                throw LoopbackServerError.didNotStart
            }
            let outcome: Swift.Result<Result, any Error>
            do { outcome = .success(try await body(boundPort)) } catch { outcome = .failure(error) }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return try outcome.get()
        }
    }
}
#endif
