import HTTPTypes

/// The OCI operations whose body is not signed (spec §2.2), recognised by method and path:
/// Object Storage PutObject and UploadPart, Streaming PutMessages. A request to one of them is
/// signed with `date (request-target) host` only (``SigningOptions/excludeBody``).
///
/// A pattern is matched segment by segment against the path without its query: `*` matches one
/// segment, a final `**` one segment or more, others literally.
public enum OCIExcludeBodyOperations {
    /// One operation: its name in OCI's API reference, the method and the path pattern.
    public struct Operation: Sendable, Hashable {
        /// The operation's name (`PutObject`).
        public let name: String
        /// The method.
        public let method: HTTPRequest.Method
        /// The path pattern (`/n/*/b/*/o/**`).
        public let pathPattern: String
    }

    /// The operations, in the order they are matched.
    public static let all: [Operation] = [
        Operation(name: "PutObject", method: .put, pathPattern: "/n/*/b/*/o/**"),
        Operation(name: "UploadPart", method: .put, pathPattern: "/n/*/b/*/u/**"),
        Operation(name: "PutMessages", method: .post, pathPattern: "/20180418/streams/*/messages"),
    ]

    /// The operation a request is, when its method and request-target (path and query, as sent)
    /// match one of ``all``.
    public static func operation(method: HTTPRequest.Method, target: String) -> Operation? {
        let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        return all.first { operation in
            operation.method == method
                && matches(operation.pathPattern.split(separator: "/", omittingEmptySubsequences: false)[...], segments[...])
        }
    }

    static func matches(_ pattern: ArraySlice<Substring>, _ segments: ArraySlice<Substring>) -> Bool {
        guard let head = pattern.first else { return segments.isEmpty }
        if head == "**" && pattern.count == 1 { return segments.first.map { !$0.isEmpty } ?? false }
        guard let segment = segments.first, head == "*" ? !segment.isEmpty : head == segment else { return false }
        return matches(pattern.dropFirst(), segments.dropFirst())
    }
}
