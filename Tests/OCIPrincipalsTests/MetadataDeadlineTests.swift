import Foundation
import OCISigning
import Testing
@testable import OCIPrincipals

/// `OCIRetryPolicy.deadline`: an explicit instance-principal choice with no metadata service
/// gives up within the bound instead of retrying for minutes (the Python SDK's 8 attempts /
/// 180 s), with a typed error naming the step and the URL. Real sockets: a closed loopback port.
@Suite struct MetadataDeadlineTests {
    /// Nothing listens on the discard port of the loopback interface: every connect is refused.
    static let closedMetadataURL = "http://127.0.0.1:9/opc/v2"

    @Test func aClosedMetadataPortFailsWithinTheDeadlineNamingStepAndURL() async throws {
        var configuration = OCIInstancePrincipalConfiguration(metadataBaseURL: Self.closedMetadataURL, environment: [:])
        configuration.metadataRetry.deadline = .seconds(2)   // the Python SDK's policy otherwise: 8 attempts, 180 s
        let provider = try OCIInstancePrincipalProvider(configuration: configuration)
        let error = await #expect(throws: OCISigningError.self) { try await provider.identity() }
        #expect(error?.code == .metadataUnavailable)
        #expect(error?.reason.contains("reading the instance region: GET \(Self.closedMetadataURL)/instance/region failed") == true, "\(error?.reason ?? "")")
        // The deadline, not the 8 attempts, ended it. (Wall time is not asserted: on a busy
        // machine a sleep can overrun; the policy then stops at once, as the next test shows.)
        #expect(error?.reason.contains("(deadline 2.0 s)") == true, "\(error?.reason ?? "")")
        #expect(error?.reason.contains("gave up after 8 attempts") == false)
    }

    @Test func theDeadlineCutsRetriesAndEachAttemptsTimeout() async throws {
        var timeouts: [Duration] = []
        let policy = OCIRetryPolicy(maxAttempts: 8, budget: .seconds(180), baseDelay: .milliseconds(200), maxDelay: .milliseconds(200),
                                    retryableStatuses: [500], deadline: .milliseconds(700))
        let error = await #expect(throws: OCISigningError.self) {
            _ = try await policy.run(timeout: .seconds(10)) { (limit: Duration) async throws(OCISigningError) -> OCIHTTPResponse in
                timeouts.append(limit)
                throw OCISigningError(.connectionFailed, "connection refused")
            }
        }
        #expect(timeouts.count >= 1 && timeouts.count < 8, "\(timeouts)")
        // Never the 10 s per-attempt timeout, never an attempt started past the deadline.
        #expect(timeouts.allSatisfy { $0 <= .milliseconds(700) && $0 > .zero }, "\(timeouts)")
        #expect(error?.code == .connectionFailed)
        #expect(error?.reason.hasPrefix("connection refused; gave up after \(timeouts.count) attempt") == true, "\(error?.reason ?? "")")
    }

    @Test func withoutADeadlineTheSDKPolicyIsUnchanged() {
        #expect(OCIRetryPolicy.metadata.deadline == nil)
        #expect(OCIRetryPolicy.metadata.maxAttempts == 8)
        #expect(OCIRetryPolicy.metadata.budget == .seconds(180))
    }
}
