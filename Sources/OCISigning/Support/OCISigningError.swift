/// The error every part of the engine throws.
///
/// Match on ``code``; read ``description`` for a sentence that says what was wrong and where
/// (file, line, header). An error never contains key material, a pass phrase or a token.
///
/// Two errors are equal when their codes are: the reason, header, line and path describe one
/// occurrence, the code says what kind of failure it is, and that is what callers compare
/// (`error == OCISigningError(.missingHost, "")`, a `Set` of the kinds seen).
public struct OCISigningError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public let code: Code
    /// A human-readable sentence; never contains secrets.
    public let reason: String
    /// The header concerned, lowercased, when there is one.
    public var header: String?
    /// The 1-based line of the input concerned, when known.
    public var line: Int?
    /// The file concerned, when known.
    public var path: String?

    /// Creates an error.
    public init(_ code: Code, _ reason: String, header: String? = nil, line: Int? = nil, path: String? = nil) {
        self.code = code
        self.reason = reason
        self.header = header
        self.line = line
        self.path = path
    }

    /// `path:line: reason (code)`, omitting what is unknown.
    public var description: String {
        var location = ""
        if let path { location += Self.displayPath(path) }
        if let line { location += location.isEmpty ? "line \(line)" : ":\(line)" }
        if !location.isEmpty { location += ": " }
        return "\(location)\(reason) [\(code.rawValue)]"
    }

    /// A path as shown in ``description``: control bytes (C0, DEL, C1) as `\xNN`, so a file name
    /// with ESC or BEL cannot drive the terminal; other characters as they are; clipped to
    /// 1 KiB.
    static func displayPath(_ path: String) -> String {
        var out = ""
        var bytes = 0
        for scalar in path.unicodeScalars {
            bytes += scalar.utf8.count
            if bytes > 1024 { return out + "…" }
            if scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0) {
                out += "\\x" + OCIDisplayText.hexDigits(UInt8(truncatingIfNeeded: scalar.value))
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The same error with the file it came from filled in.
    public func at(path: String) -> OCISigningError {
        var copy = self
        if copy.path == nil { copy.path = path }
        return copy
    }
}

extension OCISigningError {
    /// Equal when the codes are equal, whatever the reasons and locations.
    public static func == (lhs: OCISigningError, rhs: OCISigningError) -> Bool { lhs.code == rhs.code }

    /// Hashes the code only, consistent with ``==(_:_:)``.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
