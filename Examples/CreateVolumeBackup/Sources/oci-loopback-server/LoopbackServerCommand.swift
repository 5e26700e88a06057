import ArgumentParser
import Foundation
import OCILoopbackServer
import OCISigning

/// `oci-loopback-server`: an OCI-style server on 127.0.0.1 that verifies every request's
/// signature against one public key and implements CreateVolumeBackup. Stops on Ctrl-C.
@main
struct LoopbackServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oci-loopback-server",
        abstract: "Serve CreateVolumeBackup on 127.0.0.1, answering 401 NotAuthenticated to requests that do not verify.")

    @Option(help: "Public key (PEM) that requests must be signed with.") var publicKey: String = "../../Vectors/keys/rsa2048.pub.pem"
    @Option(help: "Port on 127.0.0.1; 0 picks a free one.") var port: Int = 0

    func run() async throws {
        let key = try OCIPublicKey(pemFile: publicKey)
        let server = OCILoopbackServer(verifier: OCIRequestVerifier(publicKey: key)) { request in
            var line = "\(request.method.rawValue) \(request.target) -> \(request.status.code) opc-request-id: \(request.opcRequestID)"
            if let failure = request.verification.failure { line += "\n    NotAuthenticated: \(failure)" }
            say(line)
        }
        let fingerprint = try key.fingerprint
        try await server.run(port: port) { bound in
            say("listening on http://127.0.0.1:\(bound); requests must be signed with the key \(fingerprint). Ctrl-C stops.")
        }
    }
}

/// Writes a line to stdout unbuffered, so a log redirected to a file is complete even when the
/// server is stopped with a signal.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
