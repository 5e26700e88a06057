#if IntegrationTests
import AsyncHTTPClient
import Foundation
import OCILoopbackServer
import Testing

/// The Docs/async-http-client.md snippet: quoted verbatim by the page, and working against the
/// loopback server.
@Suite(.timeLimit(.minutes(1))) struct AsyncHTTPClientDocSnippetTests {
    @Test func documentationQuotesTheCompiledSnippet() throws {
        let source = try Repo.text("Tests/IntegrationTests/DocSnippets/AsyncHTTPClientSnippet.swift")
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let begin = try #require(lines.firstIndex(of: "// snippet:begin"))
        let end = try #require(lines.firstIndex(of: "// snippet:end"))
        let quoted = lines[(begin + 1)..<end].joined(separator: "\n")
        #expect(try Repo.text("Docs/async-http-client.md").contains("```swift\n" + quoted + "\n```"))
    }

    @Test func theSnippetWorksAgainstTheServer() async throws {
        let server = try Loopback.server()
        try await server.withRunningServer { port in
            let response = try await createVolumeBackupUsingAsyncHTTPClient(
                signer: try Loopback.signer(), endpoint: "http://127.0.0.1:\(port)", json: Loopback.referenceBody)
            #expect(response.status == .ok)
            #expect(await server.log.last?.verification.isValid == true)
        }
    }
}
#endif
