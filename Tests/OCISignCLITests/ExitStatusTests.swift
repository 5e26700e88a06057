import ArgumentParser
import Foundation
import OCISignCLI
import OCISigning
import Testing

/// Every exit status Docs/cli.md documents, each reached on purpose: 0 done, 1 a file failed,
/// 2 a key or option value unusable, 64 a usage error (missing or contradictory options).
@Suite struct ExitStatusTests {
    /// Parses like `oci-sign` and runs in-process; ArgumentParser's own usage errors map to
    /// its exit code, as `oci-sign` would exit.
    func run(_ arguments: [String]) -> (status: Int32, terminal: Terminal) {
        let terminal = Terminal.capturing()
        do {
            guard let command = try OCISignCommand.parseAsRoot(arguments) as? any TerminalCommand else { return (-1, terminal) }
            return (command.execute(terminal: terminal).rawValue, terminal)
        } catch {
            return (OCISignCommand.exitCode(for: error).rawValue, terminal)
        }
    }

    var signedGet: String { DebugFixtures.file(Array((try! DebugFixtures.signed(DebugFixtures.getRequest)).utf8)) }

    @Test("64: verify and explain without a key, or with both key options")
    func verificationKeyUsage() {
        for command in ["verify", "explain"] {
            let none = run([command, "--now", DebugFixtures.vectorDate, signedGet])
            #expect(none.status == 64)
            #expect(none.terminal.errorOutput == "oci-sign: no key given: pass --public-key PUB (or --key-file PEM to use its public half) [usage]\n")
            let both = run([command, "--public-key", DebugFixtures.publicKeyFile, "--key-file", DebugFixtures.privateKeyFile, signedGet])
            #expect(both.status == 64)
            #expect(both.terminal.errorOutput.contains("not both"))
        }
    }

    @Test("64: a negative --max-skew is read as a value and refused, not 'missing value'")
    func negativeSkew() throws {
        for command in ["verify", "explain"] {
            let negative = run([command, "--public-key", DebugFixtures.publicKeyFile, "--max-skew", "-1", signedGet])
            #expect(negative.status == 64)
            let message = "\(negative.terminal.errorOutput)"
            #expect(!message.contains("Missing value"))
            #expect(throws: (any Error).self) { try OCISignCommand.parseAsRoot([command, "--public-key", "k", "--max-skew", "-9223372036854775808", "f"]) }
        }
        let parsed = try OCISignCommand.parseAsRoot(["verify", "--public-key", "k", "--max-skew", "0", "f"])
        #expect(parsed is any TerminalCommand)
    }

    @Test("64: sign with half a key, or a key and a profile")
    func signKeyUsage() {
        let request = DebugFixtures.file(Array(DebugFixtures.getRequest.utf8))
        let noID = run(["sign", "--key-file", DebugFixtures.privateKeyFile, "--allow-weak-key", request])
        #expect(noID.status == 64)
        #expect(noID.terminal.errorOutput.contains("no key id given") && noID.terminal.errorOutput.hasSuffix("[usage]\n"))
        let noFile = run(["sign", "--key-id", DebugFixtures.keyID, request])
        #expect(noFile.status == 64)
        let both = run(["sign", "--key-file", DebugFixtures.privateKeyFile, "--key-id", "k", "--profile", "DEFAULT", request])
        #expect(both.status == 64)
        #expect(noID.terminal.output.isEmpty && noFile.terminal.output.isEmpty && both.terminal.output.isEmpty)
    }

    @Test("64: ArgumentParser's own usage errors (unknown option, missing argument)")
    func parserUsage() {
        #expect(run(["sign", "--no-such-option"]).status == 64)
        #expect(run(["verify", "--allow-weak-key", "--public-key", DebugFixtures.publicKeyFile]).status == 64)
    }

    @Test("2: a key or option value that cannot be used")
    func keyOrOptionValue() {
        #expect(run(["verify", "--allow-weak-key", "--public-key", DebugFixtures.privateKeyFile, signedGet]).status == 2)
        #expect(run(["verify", "--allow-weak-key", "--public-key", DebugFixtures.publicKeyFile, "--now", "yesterday", signedGet]).status == 2)
        #expect(run(["sign", "--key-file", DebugFixtures.privateKeyFile, "--key-id", DebugFixtures.keyID, signedGet]).status == 2)  // weak key
    }

    @Test("1: a file failed; 0: all done")
    func fileStatuses() {
        let key = ["--key-file", DebugFixtures.privateKeyFile, "--key-id", DebugFixtures.keyID, "--allow-weak-key"]
        #expect(run(["sign"] + key + ["/nonexistent/request.http"]).status == 1)
        #expect(run(["verify", "--allow-weak-key", "--public-key", DebugFixtures.publicKeyFile, signedGet]).status == 1)  // 2014 date, today's clock
        #expect(run(["sign"] + key + [signedGet]).status == 0)
        #expect(run(["verify", "--allow-weak-key", "--public-key", DebugFixtures.publicKeyFile, "--now", DebugFixtures.vectorDate, signedGet]).status == 0)
    }
}
