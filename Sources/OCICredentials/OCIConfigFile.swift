import Foundation
import OCISigning

/// One `key=value` line of a config file.
public struct OCIConfigEntry: Sendable, Hashable {
    /// The key, trimmed and lowercased (`Key_File` → `key_file`).
    public let key: String
    /// The value, trimmed; may contain `=` and `#`; may be empty.
    public let value: String
    /// The 1-based line number.
    public let line: Int
}

/// One `[PROFILE]` section, in file order.
public struct OCIConfigSection: Sendable, Hashable {
    /// The profile name, trimmed (`[ dev ]` → `dev`); case-sensitive.
    public let name: String
    /// The line of the `[name]` header.
    public let line: Int
    /// The entries in file order; keys are unique within a section.
    public let entries: [OCIConfigEntry]
    /// Position of each key in ``entries``: `entry(_:)` is a lookup, not a scan, so listing
    /// every value of a 50,000-key profile stays linear.
    private let positions: [String: Int]

    init(name: String, line: Int, entries: [OCIConfigEntry]) {
        self.name = name
        self.line = line
        self.entries = entries
        var positions: [String: Int] = [:]
        positions.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() where positions[entry.key] == nil { positions[entry.key] = index }
        self.positions = positions
    }

    /// The entry for `key` (lowercase), if this section has it.
    public func entry(_ key: String) -> OCIConfigEntry? { positions[key].map { entries[$0] } }
}

/// A parsed OCI config file (`~/.oci/config`).
///
/// Parsing follows the Java/TypeScript SDK rules, as the spec (§6.3) recommends, plus lowercased
/// keys (as Python and Go match keys). `Docs/credentials.md` lists every rule; in short:
/// lines are trimmed; blank lines and lines starting with `#` or `;` are skipped; `[name]` starts a
/// profile; every other line is `key=value` split at the first `=`; there are no inline comments
/// and no continuation lines. A key outside any profile, a line without `=`, an empty key or
/// profile name, and a repeated key or profile are errors naming the file and line.
public struct OCIConfigFile: Sendable {
    /// The file the text came from (for messages).
    public let path: String
    /// The profiles in file order.
    public let sections: [OCIConfigSection]

    /// The profile every other profile falls back to, key by key.
    public static let defaultProfileName = "DEFAULT"

    /// Parses config text.
    /// - Throws: `OCISigningError` with code `malformedConfig`, naming `path` and the line.
    ///   The offending line's text is never quoted (it might be a secret pasted in by mistake).
    public init(parsing bytes: [UInt8], path: String) throws(OCISigningError) {
        self.path = path
        var sections: [OCIConfigSection] = []
        var current: (name: String, line: Int, entries: [OCIConfigEntry])?
        // Where each profile and each key of the current profile was first seen: a lookup per
        // line instead of a scan, so 100,000 profiles or 50,000 keys parse in linear time.
        var sectionLines: [String: Int] = [:]
        var keyLines: [String: Int] = [:]
        func fail(_ line: Int, _ reason: String) -> OCISigningError {
            OCISigningError(.malformedConfig, reason, line: line, path: path)
        }
        func closeSection() {
            if let section = current { sections.append(OCIConfigSection(name: section.name, line: section.line, entries: section.entries)) }
        }

        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }  // UTF-8 byte order mark
        let lines = body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (index, rawLine) in lines.enumerated() {
            let number = index + 1
            guard let decoded = String(validating: rawLine, as: UTF8.self) else {
                throw fail(number, "the line is not valid UTF-8")
            }
            let line = decoded.trimmingCharacters(in: .whitespacesAndNewlines)  // also drops a CR
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }

            if line.hasPrefix("["), line.hasSuffix("]") {
                let name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else { throw fail(number, "empty profile name '[]'") }
                if let earlier = sectionLines[name] {
                    throw fail(number, "profile [\(name)] is defined twice (first at line \(earlier)); the OCI CLI refuses this too")
                }
                closeSection()
                sectionLines[name] = number
                keyLines = [:]
                current = (name, number, [])
                continue
            }

            guard let equals = line.firstIndex(of: "=") else {
                throw fail(number, "expected key=value or [PROFILE], found a line without '='" + (line.contains(":") ? " (':' is not a separator here; write key=value)" : ""))
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { throw fail(number, "a line starts with '=': the key is missing") }
            guard current != nil else {
                throw fail(number, "\(Self.display(key: key)) appears before any [PROFILE] header; put it under [DEFAULT] or a named profile")
            }
            if let earlier = keyLines[key] {
                throw fail(number, "\(Self.display(key: key)) appears twice in profile [\(current!.name)] (first at line \(earlier))")
            }
            keyLines[key] = number
            current!.entries.append(OCIConfigEntry(key: key, value: value, line: number))
        }
        closeSection()
        self.sections = sections
    }

    /// `key 'region'` for a key that looks like one; otherwise only its length, because a long
    /// or odd "key" is usually pasted text (a PEM line becomes key `miiev…` with value `=`).
    static func display(key: String) -> String {
        let plain = key.count <= 40 && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_-.".contains($0)) }
        return plain ? "key '\(key)'" : "a key of \(key.count) characters"
    }

    /// Parses config text given as a string.
    public init(parsing text: String, path: String) throws(OCISigningError) {
        try self.init(parsing: Array(text.utf8), path: path)
    }

    /// Reads and parses a config file (at most 16 MiB; a FIFO, device or directory is refused
    /// unread).
    ///
    /// - Throws: `configFileNotFound`, `fileUnreadable`, `fileTooLarge` or a parse error.
    public init(contentsOf path: String) throws(OCISigningError) {
        let bytes = try BoundedFile.read(path, limit: BoundedFile.Limit.config, what: "the config file", notFound: .configFileNotFound)
        try self.init(parsing: bytes, path: path)
    }

    /// The section called `name`, if any.
    public func section(_ name: String) -> OCIConfigSection? { sections.first { $0.name == name } }  // once per profile load

    /// The profile `name` with per-key fallback to `[DEFAULT]`.
    /// - Throws: `profileNotFound` naming the file and the profiles it has.
    public func profile(_ name: String) throws(OCISigningError) -> OCIConfigProfile {
        let own = section(name)
        let fallback = name == Self.defaultProfileName ? nil : section(Self.defaultProfileName)
        guard own != nil else {
            let names = sections.map { "[\($0.name)]" }
            let available = names.isEmpty ? "the file has no profiles" : "profiles in the file: \(names.joined(separator: ", "))"
            throw OCISigningError(.profileNotFound, "profile [\(name)] not found; \(available)", path: path)
        }
        return OCIConfigProfile(name: name, path: path, own: own, fallback: fallback)
    }
}
