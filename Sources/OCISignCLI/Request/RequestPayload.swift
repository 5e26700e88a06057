import OCISigning

/// The body `oci-sign request` sends: nothing, bytes held in memory (`-d`, `--data-binary`
/// text, standard input) or a file streamed from disk (`--data-binary @FILE`, `-T FILE`), which
/// is hashed and sent in chunks and never loaded whole.
enum RequestPayload: Sendable, Equatable {
    case none
    case bytes([UInt8])
    case file(path: String)

    /// The largest `-d @FILE` / standard-input body held in memory; a bigger one is sent with
    /// `--data-binary @FILE` or `-T FILE`, which stream.
    static let inMemoryLimit = 64 << 20

    /// The signer's view of the body.
    var signingBody: RequestBody {
        switch self {
        case .none: return .empty
        case .bytes(let bytes): return .bytes(bytes)
        case .file(let path): return .file(path: path)
        }
    }

    /// Whether a body was given at all (it picks the default method).
    var isPresent: Bool { self != .none }

    /// The body from the three curl-style options; at most one may be given.
    ///
    /// - `-d DATA` sends DATA; `-d @FILE` / `-d @-` the file's or standard input's bytes with
    ///   CR and LF removed, as curl does (use `--data-binary` for the exact bytes).
    /// - `--data-binary @FILE` streams the file as it is; `--data-binary DATA` sends DATA.
    /// - `-T FILE` streams the file; `-T -` sends standard input.
    static func parse(data: [String], dataBinary: [String], uploadFile: String?, terminal: Terminal) throws(OCISigningError) -> RequestPayload {
        let given = data.count + dataBinary.count + (uploadFile == nil ? 0 : 1)
        guard given <= 1 else {
            throw .usage("give one body: -d, --data-binary or -T (\(given) were given)")
        }
        if let text = data.first { return try curlData(text, terminal: terminal) }
        if let text = dataBinary.first { return try binaryData(text, terminal: terminal) }
        if let uploadFile { return try upload(uploadFile, terminal: terminal) }
        return .none
    }

    private static func curlData(_ text: String, terminal: Terminal) throws(OCISigningError) -> RequestPayload {
        guard text.hasPrefix("@") else { return .bytes(Array(text.utf8)) }
        let bytes = try readWhole(String(text.dropFirst()), terminal: terminal, option: "-d")
        return .bytes(bytes.filter { $0 != 0x0A && $0 != 0x0D })
    }

    private static func binaryData(_ text: String, terminal: Terminal) throws(OCISigningError) -> RequestPayload {
        guard text.hasPrefix("@") else { return .bytes(Array(text.utf8)) }
        let path = String(text.dropFirst())
        if path == "-" { return .bytes(try readWhole(path, terminal: terminal, option: "--data-binary")) }
        return .file(path: try checkedFile(path, option: "--data-binary"))
    }

    private static func upload(_ path: String, terminal: Terminal) throws(OCISigningError) -> RequestPayload {
        if path == "-" { return .bytes(try readWhole(path, terminal: terminal, option: "-T")) }
        return .file(path: try checkedFile(path, option: "-T"))
    }

    /// A file or standard input read into memory, bounded by ``inMemoryLimit``.
    private static func readWhole(_ path: String, terminal: Terminal, option: String) throws(OCISigningError) -> [UInt8] {
        if path == "-" {
            do {
                return try terminal.readStandardInput(limit: inMemoryLimit)
            } catch {
                throw OCISigningError(.fileTooLarge, "standard input for \(option) has more than \(inMemoryLimit >> 20) MiB; write it to a file and send it with --data-binary @FILE or -T FILE, which stream", path: "<stdin>")
            }
        }
        do {
            return try BoundedFile.read(path, limit: inMemoryLimit, what: "the \(option) file")
        } catch where error.code == .fileTooLarge {
            throw OCISigningError(.fileTooLarge, "\(error.reason); send it with --data-binary @FILE or -T FILE, which stream it", path: path)
        }
    }

    /// A streamed file must exist and be readable before anything is signed or sent.
    private static func checkedFile(_ path: String, option: String) throws(OCISigningError) -> String {
        do {
            _ = try RequestBody.file(path: path).length()
        } catch {
            throw error.at(path: path)
        }
        return path
    }
}
