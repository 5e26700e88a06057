import Foundation
import OCISigning
import OCISigningFoundation
import Testing

/// The request-target and host taken from a URL. Expected values are the URL text as written
/// (what URLSession sends, measured on loopback by IntegrationTests/URLSessionLoopbackTests).
@Suite struct URLSessionWireTests {
    static let verbatim: [(url: String, authority: String, target: String)] = [
        ("https://iaas.us-ashburn-1.oraclecloud.com/20160918/volumeBackups", "iaas.us-ashburn-1.oraclecloud.com", "/20160918/volumeBackups"),
        ("http://127.0.0.1:8080/a%3Ab%20c+d%3a/e?q=%3A&r=%20&s=a+b&t=%3a&u=~&v=%7E", "127.0.0.1:8080", "/a%3Ab%20c+d%3a/e?q=%3A&r=%20&s=a+b&t=%3a&u=~&v=%7E"),
        ("https://objectstorage.example/n/ns/b/bk/o/a%2Fb?x=a+b&y=%3a", "objectstorage.example", "/n/ns/b/bk/o/a%2Fb?x=a+b&y=%3a"),
        ("https://h.example//double//slash", "h.example", "//double//slash"),
        ("https://h.example:8443/?", "h.example:8443", "/?"),
        ("https://h.example", "h.example", "/"),
        ("https://h.example?x=1", "h.example", "/?x=1"),
        ("https://h.example/p?x=1#fragment", "h.example", "/p?x=1"),
        ("https://h.example/..a/b..", "h.example", "/..a/b.."),
    ]

    @Test("target and host are the URL's encoded text", arguments: 0..<verbatim.count)
    func verbatimTarget(index: Int) throws {
        let (url, authority, target) = Self.verbatim[index]
        let wire = try URLSessionWire(url: try #require(URL(string: url)))
        #expect(wire.target == target)
        #expect(wire.authority == authority)
    }

    @Test func defaultPortsAreDroppedLikeURLSessionDoes() throws {
        #expect(try URLSessionWire(url: URL(string: "http://h.example:80/x")!).authority == "h.example")
        #expect(try URLSessionWire(url: URL(string: "https://h.example:443/x")!).authority == "h.example")
        #expect(try URLSessionWire(url: URL(string: "https://h.example:80/x")!).authority == "h.example:80")
        #expect(try URLSessionWire(url: URL(string: "http://[::1]:8080/x")!).authority == "[::1]:8080")
    }

    @Test func foundationEncodesBeforeSigningSoTheEncodedFormIsSigned() throws {
        // URL(string:) percent-encodes a space and non-ASCII when the URL is created.
        #expect(try URLSessionWire(url: URL(string: "https://h.example/a b?c d")!).target == "/a%20b?c%20d")
        #expect(try URLSessionWire(url: URL(string: "https://h.example/ü?ä=1")!).target == "/%C3%BC?%C3%A4=1")
        #expect(try URLSessionWire(url: URL(string: "https://h.example/a|b{c}^[d]")!).target == "/a%7Cb%7Bc%7D%5E%5Bd%5D")
    }

    @Test("dot segments are refused (libcurl removes them)", arguments: [
        "https://h.example/a/../b", "https://h.example/a/./b", "https://h.example/..", "https://h.example/a/%2e%2E/b", "https://h.example/%2E/x",
    ])
    func dotSegmentsAreRefused(url: String) throws {
        let error = try #require(throws: OCISigningError.self) { try URLSessionWire(url: URL(string: url)!) }
        #expect(error.code == .invalidTarget)
        #expect(error.reason.contains("dot segment"))
    }

    @Test func userInfoOtherSchemesAndMissingHostsAreRefused() throws {
        #expect(throws: OCISigningError.self) { try URLSessionWire(url: URL(string: "https://user:pw@h.example/x")!) }
        let scheme = try #require(throws: OCISigningError.self) { try URLSessionWire(url: URL(string: "ftp://h.example/x")!) }
        #expect(scheme.code == .unsupportedURL)
        let host = try #require(throws: OCISigningError.self) { try URLSessionWire(url: URL(string: "file:///etc/hosts")!) }
        #expect(host.code == .unsupportedURL)
        let noHost = try #require(throws: OCISigningError.self) { try URLSessionWire(url: URL(string: "https:///x")!) }
        #expect(noHost.code == .missingHost)
    }
}
