import Testing

/// Docs/urlsession.md must quote the compiled snippet verbatim.
@Suite struct URLSessionDocSnippetTests {
    @Test func documentationQuotesTheCompiledSnippet() throws {
        let source = try Repo.text("Tests/OCISigningFoundationTests/DocSnippets/URLSessionSnippet.swift")
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let begin = try #require(lines.firstIndex(of: "// snippet:begin"))
        let end = try #require(lines.firstIndex(of: "// snippet:end"))
        let quoted = lines[(begin + 1)..<end].joined(separator: "\n")
        #expect(try Repo.text("Docs/urlsession.md").contains("```swift\n" + quoted + "\n```"))
    }
}
