import Foundation
import OCISignCLI
import OCISigning
import Testing
import TestSupport

/// Request files larger than memory should hold: the head is parsed, the body hashed and copied
/// as a stream; standard input is bounded. Expected digests come from `openssl dgst`.
@Suite struct StreamedRequestFileTests {
    let keyID = "ocid1.tenancy.oc1..aaaaaaaaba3pv6wkcr4jqae5f15p2b2m2yt2j6rx32uzr4h25vqstifsfdsq/ocid1.user.oc1..aaaaaaaat5nvwcna5j6aqzjcaty5eqbb6qt2jvpkanghtgdaqedqw3rynjq/73:61:a2:21:67:e0:df:be:7e:4b:93:1e:15:98:a5:b7"
    let head = Array("POST /20160918/volumeBackups HTTP/1.1\nHost: iaas.us-phoenix-1.oraclecloud.com\nContent-Type: application/json\n\n".utf8)

    func run(_ arguments: [String], stdin: [UInt8] = []) throws -> (OCISignCLI.ExitStatus, Terminal) {
        let terminal = Terminal.capturing(stdin: stdin)
        let command = try OCISignCommand.parseAsRoot(arguments)
        guard let command = command as? TerminalCommand else { throw CocoaError(.featureUnsupported) }
        return (command.execute(terminal: terminal), terminal)
    }

    /// A sparse file: `prefix`, then zero bytes up to `size`.
    func sparse(_ prefix: [UInt8], size: Int) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("oci-sign-big-\(UUID().uuidString)").path
        try Data(prefix).write(to: URL(fileURLWithPath: path))
        guard truncate(path, off_t(size)) == 0 else { throw CocoaError(.fileWriteUnknown) }
        return path
    }

    var signArguments: [String] {
        ["sign", "--key-file", repoPath("Vectors/keys/doc-sample.pem"), "--key-id", keyID, "--allow-weak-key",
         "--date", "Thu, 05 Jan 2014 21:31:40 GMT"]
    }

    /// 80 MiB body: over the 64 MiB a request file could have when it was read whole.
    @Test func aBodyOverTheOldLimitIsHashedFromTheFile() throws {
        let bodySize = 80 << 20
        let request = try sparse(head, size: head.count + bodySize)
        let body = try sparse([], size: bodySize)
        defer { unlink(request); unlink(body) }
        let expected = Data(try OpenSSLTool.run(["dgst", "-sha256", "-binary", body])).base64EncodedString()
        let (status, terminal) = try run(signArguments + ["--format", "json", request])
        #expect(status == .success, "\(terminal.errorOutput)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(terminal.output.utf8)) as? [String: Any])
        #expect(object["bodyLength"] as? Int == bodySize)
        #expect(object["bodySha256"] as? String == expected)
    }

    /// The http output is the signed head followed by the body bytes, copied from the file.
    @Test func httpOutputCopiesTheBody() throws {
        let body = Array("{\"displayName\":\"x\"}".utf8) + [UInt8](repeating: 0x41, count: 5 << 20)
        let request = try sparse(head + body, size: head.count + body.count)
        defer { unlink(request) }
        let (status, terminal) = try run(signArguments + [request])
        #expect(status == .success, "\(terminal.errorOutput)")
        let output = terminal.outputBytes
        #expect(Array(output.suffix(body.count)) == body)
        #expect(output.count > body.count + head.count)
        #expect(String(decoding: output.prefix(output.count - body.count), as: UTF8.self).hasSuffix("\n\n"))
        // The signed request verifies (the body hashed by the verifier from the file).
        let signed = try sparse(output, size: output.count)
        defer { unlink(signed) }
        let (verified, verifyTerminal) = try run(["verify", "--public-key", repoPath("Vectors/keys/doc-sample.pub.pem"), "--allow-weak-key",
                                                  "--now", "Thu, 05 Jan 2014 21:31:40 GMT", signed])
        #expect(verified == .success, "\(verifyTerminal.output) \(verifyTerminal.errorOutput)")
    }

    @Test func aHeadWithoutAnEmptyLineIsRefusedWithinTheHeadLimit() throws {
        // 5 MiB of header lines without the empty line: refused (too many headers or no end of head), not read whole.
        var text = Array("GET / HTTP/1.1\nHost: a.example\n".utf8)
        let line = Array("x-a: \(String(repeating: "v", count: 4000))\n".utf8)
        while text.count < 5 << 20 { text += line }
        let request = try sparse(text, size: text.count)
        defer { unlink(request) }
        let (status, terminal) = try run(signArguments + [request])
        #expect(status == .failure)
        #expect(terminal.errorOutput.contains("[tooManyHeaders]") || terminal.errorOutput.contains("[malformedRequest]"), "\(terminal.errorOutput)")
        #expect(terminal.errorOutput.utf8.count < 1024)
    }

    @Test func standardInputOverTheLimitIsRefusedTyped() throws {
        let big = head + [UInt8](repeating: 0x41, count: (64 << 20) + 1 - head.count + 1)
        let (status, terminal) = try run(signArguments + ["-"], stdin: big)
        #expect(status == .failure)
        #expect(terminal.errorOutput.contains("<stdin>"), "\(terminal.errorOutput)")
        #expect(terminal.errorOutput.contains("[fileTooLarge]"), "\(terminal.errorOutput)")
    }

    @Test func aRequestFileThatIsAFIFOIsRefusedWithoutBlocking() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("oci-sign-fifo-\(UUID().uuidString)").path
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        let (status, terminal) = try run(signArguments + [path])
        #expect(status == .failure)
        #expect(terminal.errorOutput.contains("FIFO"), "\(terminal.errorOutput)")
    }
}
