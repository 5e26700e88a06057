import Foundation
import OCICredentials
import OCISigning

/// One `OCI_RESOURCE_PRINCIPAL_*` variable, read by the Python and Go SDKs' rule: a value that
/// is an **absolute path** names a file holding the value; anything else is the value itself.
///
/// Descriptions name the variable and, for a file, its path; never the value (a token, a key or
/// a pass phrase).
struct OCIResourcePrincipalSetting: Sendable {
    /// The variable's name (`OCI_RESOURCE_PRINCIPAL_RPST`).
    let variable: String
    /// What the variable holds, untouched.
    let raw: String

    /// The variable from `environment`, `nil` when unset, empty or only whitespace (the SDKs
    /// treat an empty value as "not provided").
    init?(_ variable: String, in environment: [String: String]) {
        guard let raw = environment[variable], !raw.trimmingPythonWhitespace().isEmpty else { return nil }
        self.variable = variable
        self.raw = raw
    }

    /// The variable, or `missingConfigValue` naming it and what needs it.
    static func required(_ variable: String, in environment: [String: String], for purpose: String) throws(OCISigningError) -> OCIResourcePrincipalSetting {
        guard let setting = OCIResourcePrincipalSetting(variable, in: environment) else {
            throw OCISigningError(.missingConfigValue, "\(variable) is not set; \(purpose) needs it (resource principals are only available where an OCI service sets these variables: Functions, Data Science, Data Flow, container instances)")
        }
        return setting
    }

    /// Whether the value names a file (an absolute path).
    var isFile: Bool { raw.hasPrefix("/") }

    /// `OCI_RESOURCE_PRINCIPAL_RPST (file /run/rpst)` or `OCI_RESOURCE_PRINCIPAL_RPST (inline value)`.
    var origin: String { isFile ? "\(variable) (file \(raw))" : "\(variable) (inline value)" }

    /// The bytes: the file's contents (bounded, regular files only) or the value's UTF-8.
    func bytes(limit: Int) throws(OCISigningError) -> [UInt8] {
        guard isFile else { return Array(raw.utf8) }
        do {
            return try BoundedFile.read(raw, limit: limit, what: "the file named by \(variable)")
        } catch {
            throw OCISigningError(error.code, "\(variable) names the file \(raw): \(error.reason)", path: raw)
        }
    }

    /// A security token: the value or file with surrounding whitespace removed. The Python SDK
    /// reads a token file without stripping it, so the newline most editors and `echo` add makes
    /// the token invalid there ("Invalid crypto padding"); what it meant is the token.
    func token() throws(OCISigningError) -> (token: String, claims: OCISecurityTokenClaims) {
        let text = String(decoding: try bytes(limit: BoundedFile.Limit.token), as: UTF8.self).trimmingPythonWhitespace()
        do {
            return (text, try OCISecurityTokenClaims(token: text, source: origin))
        } catch where !isFile && looksLikeRelativePath(text) {
            throw OCISigningError(.invalidConfigValue, "\(variable) holds neither a token nor an absolute path: '\(text)' looks like a relative path, and files must be named by an absolute path")
        }
    }

    /// A pass phrase: the value, or the file's contents without the trailing line break (a
    /// file written by `echo` or an editor ends with one; spaces are kept, they may be part of
    /// the phrase). The Python SDK cannot read a pass-phrase file at all (it opens it with
    /// mode `"b"`); what it meant is this.
    func passphrase() throws(OCISigningError) -> [UInt8] {
        var bytes = try bytes(limit: 64 * 1024)
        if isFile {
            while let last = bytes.last, last == 0x0A || last == 0x0D { bytes.removeLast() }
        }
        return bytes
    }

    /// Whether `text` is a plausible relative file name (short, one line, no spaces, a `/` or a
    /// file-like suffix, or an existing file): used only to explain a refusal, which quotes it.
    /// Anything longer than a path could be a pasted token or key body and is never quoted.
    func looksLikeRelativePath(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 256, !text.contains("\n"), !text.contains(" ") else { return false }
        return text.contains("/") || [".pem", ".txt", ".key", ".jwt", ".token"].contains { text.hasSuffix($0) }
            || FileManager.default.fileExists(atPath: text)
    }
}
