import Dispatch
import Foundation
import HTTPTypes
import OCISigning
import Testing
@testable import OCIPrincipals

/// A task executor on one serial queue, which it marks so code can tell it runs there.
final class MarkedQueueExecutor: TaskExecutor, @unchecked Sendable {
    static let key = DispatchSpecificKey<Bool>()
    private let queue = DispatchQueue(label: "provider-executor-test")
    init() { queue.setSpecific(key: Self.key, value: true) }
    static var onQueue: Bool { DispatchQueue.getSpecific(key: key) == true }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}

/// Records, for every request, whether it was sent from the marked queue.
final class ExecutorRecordingTransport: OCIHTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private let base: any OCIHTTPTransport
    private(set) var sentOnQueue: [Bool] = []
    init(_ base: any OCIHTTPTransport) { self.base = base }
    var everyRequestOnQueue: Bool { lock.withLock { !sentOnQueue.isEmpty && sentOnQueue.allSatisfy { $0 } } }

    func send(_ request: HTTPRequest, body: [UInt8], timeout: Duration) async throws(OCISigningError) -> OCIHTTPResponse {
        let onQueue = MarkedQueueExecutor.onQueue
        lock.withLock { sentOnQueue.append(onQueue) }
        return try await base.send(request, body: body, timeout: timeout)
    }
}

/// The providers' loads run in their caller's task, so they keep its executor preference and
/// never need a thread of the global pool. A caller that blocks pool threads while it waits
/// (the CLI's synchronous bridge from a test, on a two-core machine) would otherwise wait
/// forever for a load queued on the pool it has exhausted.
@Suite struct ProviderExecutorTests {
    func onMarkedExecutor<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await Task(executorPreference: MarkedQueueExecutor()) { try await body() }.value
    }

    @Test func instancePrincipalFederatesOnTheCallersExecutor() async throws {
        let transport = ExecutorRecordingTransport(FakeOCITransport())
        let provider = try OCIInstancePrincipalProvider(configuration: testConfiguration(), transport: transport, clock: { FederationVectors.date })
        _ = try await onMarkedExecutor { try await provider.identity() }
        #expect(transport.everyRequestOnQueue, "\(transport.sentOnQueue)")
    }

    @Test func resourcePrincipalV11ExchangesOnTheCallersExecutor() async throws {
        let transport = ExecutorRecordingTransport(ScriptedTransport.v11KnownAnswers())
        var configuration = OCIResourcePrincipalConfiguration(environment: RPV11Vectors.environment)
        configuration.exchangeRetry = .none
        configuration.instancePrincipal = testConfiguration { $0.environment = RPV11Vectors.environment }
        let date = RPV11Vectors.date
        let provider = try OCIResourcePrincipalProvider(configuration: configuration, transport: transport, clock: { date },
                                                        sessionKeys: RPV11Vectors.keys().next)
        _ = try await onMarkedExecutor { try await provider.identity() }
        #expect(transport.sentOnQueue.count > 3)  // IMDS reads, the federation, the RPT GET, the RPST POST
        #expect(transport.everyRequestOnQueue, "\(transport.sentOnQueue)")
    }

    @Test func concurrentCallersStillShareOneLoad() async throws {
        let fake = FakeOCITransport()
        fake.update { $0.federationDelay = .milliseconds(100) }
        let provider = try OCIInstancePrincipalProvider(configuration: testConfiguration(), transport: fake, clock: { FederationVectors.date })
        let keys = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<12 { group.addTask { try await provider.identity().keyID } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(keys.count == 1)
        #expect(fake.federations.count == 1)
    }
}
