import Foundation
import HTTPTypes
import OCISigning

/// Reads request files named on the command line (`-` is standard input).
enum InputFiles {
    /// The name errors use for `path`.
    static func displayName(_ path: String) -> String { path == "-" ? "<stdin>" : path }

    /// The bytes of `path`, or of standard input for `-`.
    static func read(_ path: String, terminal: Terminal) throws(OCISigningError) -> [UInt8] {
        if path == "-" { return terminal.readStandardInput() }
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file"
            throw OCISigningError(.fileUnreadable, reason, path: path)
        }
        return Array(data)
    }

    /// Parses a raw request file; errors carry the file name.
    static func request(_ path: String, terminal: Terminal) throws(OCISigningError) -> RawHTTPRequest {
        do {
            return try RawHTTPRequest(parsing: read(path, terminal: terminal))
        } catch {
            throw error.at(path: displayName(path))
        }
    }

    /// The swift-http-types request of a raw request file; errors carry the file name.
    static func httpRequest(_ raw: RawHTTPRequest, file: String) throws(OCISigningError) -> HTTPRequest {
        do {
            return try raw.httpRequest()
        } catch {
            throw error.at(path: displayName(file))
        }
    }
}
