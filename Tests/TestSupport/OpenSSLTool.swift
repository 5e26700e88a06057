import Foundation

/// Shared by the test targets (one copy, not three). Runs the `openssl` command line: the independent source of key files and expected
/// signatures for the key-form tests (never our own code).
public enum OpenSSLTool {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs `openssl args…` with `stdin`, returns standard output; throws on a non-zero exit.
    @discardableResult
    public static func run(_ args: [String], stdin: [UInt8] = []) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + args
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(stdin))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "openssl \(args.joined(separator: " ")) failed: \(String(decoding: err, as: UTF8.self))")
        }
        return Array(out)
    }

    /// `openssl dgst -sha256 -sign KEY` over `message`: RSASSA-PKCS1-v1_5, deterministic.
    public static func signature(keyFile: String, message: [UInt8], passphrase: String? = nil) throws -> [UInt8] {
        var args = ["dgst", "-sha256", "-sign", keyFile]
        if let passphrase { args += ["-passin", "pass:\(passphrase)"] }
        return try run(args, stdin: message)
    }

    /// `openssl rsa -pubout -outform DER -in KEY | openssl md5 -c`, the command Oracle documents.
    public static func fingerprint(keyFile: String, publicInput: Bool = false) throws -> String {
        let der = try run(["pkey"] + (publicInput ? ["-pubin"] : []) + ["-in", keyFile, "-pubout", "-outform", "DER"])
        let line = String(decoding: try run(["md5", "-c"], stdin: der), as: UTF8.self)
        // "MD5(stdin)= 73:61:…"
        return String(line.split(separator: "=").last!.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

/// A temporary directory removed when the value is released.
public final class TemporaryDirectory: @unchecked Sendable {
    public let path: String

    public init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("oci-sign-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = base.path
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    public func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    @discardableResult
    public func write(_ name: String, _ bytes: [UInt8], mode: Int = 0o600) throws -> String {
        let target = file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: target)
        return target
    }

    @discardableResult
    public func write(_ name: String, _ text: String, mode: Int = 0o600) throws -> String {
        try write(name, Array(text.utf8), mode: mode)
    }

    public func read(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: file(name)))) }
}
