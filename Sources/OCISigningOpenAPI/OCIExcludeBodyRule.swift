#if OpenAPI
import HTTPTypes
import OCISigning

/// Picks the operations whose body OCI leaves out of the signature (uploads: Object Storage
/// PutObject and UploadPart, Streaming PutMessages…), by operation id or by method and path.
///
/// A path pattern is matched against the path the transport sends (the `baseURL`'s path plus the
/// operation's path, without the query), segment by segment: `*` matches one segment, a final
/// `**` matches whatever follows (one segment or more); other segments match literally.
///
/// ```swift
/// let rules: [OCIExcludeBodyRule] = [.operationID("putObject"), .method(.put, path: "/n/*/b/*/o/**")]
/// ```
public struct OCIExcludeBodyRule: Sendable, Hashable, CustomStringConvertible {
    enum Kind: Sendable, Hashable {
        case operationID(String)
        case methodAndPath(HTTPRequest.Method, [Substring])
    }
    let kind: Kind

    /// Every operation with this id (the `operationId` of the OpenAPI document).
    public static func operationID(_ id: String) -> OCIExcludeBodyRule { OCIExcludeBodyRule(kind: .operationID(id)) }

    /// Every request with this method whose path matches `pattern`.
    public static func method(_ method: HTTPRequest.Method, path pattern: String) -> OCIExcludeBodyRule {
        OCIExcludeBodyRule(kind: .methodAndPath(method, pattern.split(separator: "/", omittingEmptySubsequences: false)))
    }

    /// Oracle's exclude-body operations (spec §2.2) as path rules for their services' default
    /// paths: Object Storage PutObject and UploadPart, Streaming PutMessages — the operations of
    /// `OCIExcludeBodyOperation.known`, which `oci-sign request` recognises too.
    public static let ociUploadOperations: [OCIExcludeBodyRule] =
        OCIExcludeBodyOperation.known.map { .method($0.method, path: $0.pathPattern) }

    /// Whether the rule selects this request.
    ///
    /// - Parameters:
    ///   - method: The request's method.
    ///   - path: The path sent, without the query.
    ///   - operationID: The operation id.
    public func matches(method: HTTPRequest.Method, path: String, operationID: String) -> Bool {
        switch kind {
        case .operationID(let id):
            return id == operationID
        case .methodAndPath(let ruleMethod, let pattern):
            return ruleMethod == method && Self.match(pattern[...], path.split(separator: "/", omittingEmptySubsequences: false)[...])
        }
    }

    static func match(_ pattern: ArraySlice<Substring>, _ segments: ArraySlice<Substring>) -> Bool {
        guard let head = pattern.first else { return segments.isEmpty }
        if head == "**" && pattern.count == 1 { return !segments.isEmpty }
        guard let segment = segments.first, head == "*" || head == segment else { return false }
        return match(pattern.dropFirst(), segments.dropFirst())
    }

    /// `operationID(x)` or `METHOD /pattern`.
    public var description: String {
        switch kind {
        case .operationID(let id): return "operationID(\(id))"
        case .methodAndPath(let method, let pattern): return "\(method.rawValue) \(pattern.joined(separator: "/"))"
        }
    }
}
#endif
