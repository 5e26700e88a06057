import HTTPTypes

/// An OCI operation whose body is left out of the signature (spec §2.2): Oracle's SDKs sign only
/// `date`, `(request-target)` and `host` for it, and OCI verifies it that way. Recognised from
/// the method and the path sent, for tools that see a bare request (`oci-sign request`, a proxy).
///
/// A path pattern is matched segment by segment: `*` matches one segment, a final `**` matches
/// one segment or more; other segments match literally. Only operations whose path is specific
/// enough not to catch an ordinary body operation are listed; the other exclude-body operations
/// (Data Science artifacts, Log Analytics uploads, Generic Artifacts content, APM data files…)
/// must be marked explicitly (`--exclude-body`, ``SigningOptions/excludeBody``).
///
/// ```swift
/// OCIExcludeBodyOperation.matching(method: .put, path: "/n/ns/b/bucket/o/a.txt")?.name  // "PutObject"
/// ```
public struct OCIExcludeBodyOperation: Sendable, Hashable, CustomStringConvertible {
    /// The operation's name in Oracle's API reference, e.g. `PutObject`.
    public let name: String
    /// The service, e.g. `Object Storage`.
    public let service: String
    /// The method it is sent with.
    public let method: HTTPRequest.Method
    /// The path pattern, e.g. `/n/*/b/*/o/**`.
    public let pathPattern: String

    /// Creates an operation description.
    public init(name: String, service: String, method: HTTPRequest.Method, pathPattern: String) {
        self.name = name
        self.service = service
        self.method = method
        self.pathPattern = pathPattern
    }

    /// The operations recognised by ``matching(method:path:)``.
    public static let known: [OCIExcludeBodyOperation] = [
        OCIExcludeBodyOperation(name: "PutObject", service: "Object Storage", method: .put, pathPattern: "/n/*/b/*/o/**"),
        OCIExcludeBodyOperation(name: "UploadPart", service: "Object Storage", method: .put, pathPattern: "/n/*/b/*/u/**"),
        OCIExcludeBodyOperation(name: "PutMessages", service: "Streaming", method: .post, pathPattern: "/20180418/streams/*/messages"),
    ]

    /// The known operation sent as `method` to `path` (the path without the query), or nil.
    public static func matching(method: HTTPRequest.Method, path: String) -> OCIExcludeBodyOperation? {
        let pathOnly = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? path
        return known.first { $0.matches(method: method, path: pathOnly) }
    }

    /// Whether `method` and `path` (without the query) are this operation's.
    public func matches(method: HTTPRequest.Method, path: String) -> Bool {
        guard method == self.method else { return false }
        let pattern = pathPattern.split(separator: "/", omittingEmptySubsequences: false)
        return Self.match(pattern[...], path.split(separator: "/", omittingEmptySubsequences: false)[...])
    }

    /// Segment matching: `*` one segment, a final `**` one or more.
    static func match(_ pattern: ArraySlice<Substring>, _ segments: ArraySlice<Substring>) -> Bool {
        guard let head = pattern.first else { return segments.isEmpty }
        if head == "**" && pattern.count == 1 { return segments.contains { !$0.isEmpty } }
        guard let segment = segments.first, !segment.isEmpty || head.isEmpty, head == "*" || head == segment else { return false }
        return match(pattern.dropFirst(), segments.dropFirst())
    }

    /// `PutObject (Object Storage, PUT /n/*/b/*/o/**)`.
    public var description: String { "\(name) (\(service), \(method.rawValue) \(pathPattern))" }
}
