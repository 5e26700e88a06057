import Foundation
import HTTPTypes
import OCISigning
import OCIRawRequest

/// Reads request files named on the command line (`-` is standard input).
enum InputFiles {
    /// The name errors use for `path`.
    static func displayName(_ path: String) -> String { path == "-" ? "<stdin>" : path }

    /// The bytes of `path`, or of standard input for `-`.
    static func read(_ path: String, terminal: Terminal) throws(OCISigningError) -> [UInt8] {
        if path == "-" { return try terminal.readStandardInput(limit: BoundedFile.Limit.request) }
        do {
            return try BoundedFile.read(path, limit: BoundedFile.Limit.request, what: "the request file")
        } catch where error.reason.hasPrefix("the request file does not exist") {
            throw OCISigningError(.fileUnreadable, "no such file", path: path)
        } catch where error.code == .fileTooLarge {
            // The whole request file is held in memory to be parsed; a large body belongs in a
            // body file, which is hashed as a stream.
            throw OCISigningError(.fileTooLarge, "\(error.reason); a larger body is signed from a body file through the library (RequestBody.file), which hashes it as a stream", path: path)
        }
    }

    /// Parses a raw request file; errors carry the file name.
    static func request(_ path: String, terminal: Terminal) throws(OCISigningError) -> RawHTTPRequest {
        do {
            return try RawHTTPRequest(parsing: read(path, terminal: terminal))
        } catch {
            throw error.at(path: displayName(path))
        }
    }

    /// Parses a request capture (a raw request, a `curl -v` trace or `oci --debug` output,
    /// detected from the bytes), with the body from `bodyFile` when given; errors carry the
    /// file name.
    static func captured(_ path: String, bodyFile: String?, terminal: Terminal) throws(OCISigningError) -> CapturedRequest {
        var body: [UInt8]?
        if let bodyFile {
            do {
                body = try BoundedFile.read(bodyFile, limit: BoundedFile.Limit.request, what: "the body file")
            } catch {
                throw error.at(path: bodyFile)
            }
        }
        do {
            return try CapturedRequest(parsing: read(path, terminal: terminal), body: body)
        } catch {
            throw error.at(path: displayName(path))
        }
    }

    /// A request to sign or verify: a file's head with its body left in the file (streamed,
    /// any size), or standard input read whole (at most `BoundedFile.Limit.request` bytes).
    static func streamedRequest(_ path: String, terminal: Terminal) throws(OCISigningError) -> RequestInput {
        do {
            if path == "-" { return RequestInput(raw: try RawHTTPRequest(parsing: read(path, terminal: terminal)), file: nil) }
            let file = try RawRequestFile(path: path)
            return RequestInput(raw: file.head, file: file)
        } catch where error.reason.hasPrefix("the request file does not exist") {
            throw OCISigningError(.fileUnreadable, "no such file", path: path)
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
