import HTTPTypes

/// Builds `HTTPFields` one field at a time, refusing the field that takes the request over
/// ``OCIHeaderLimits`` with a typed error instead of letting `HTTPFields` trap.
///
/// Every conversion into `HTTPFields` in this package goes through this type, so each one
/// refuses the same requests the same way.
public struct BoundedHTTPFields: Sendable {
    /// The fields appended so far.
    public private(set) var fields = HTTPFields()
    private var totalBytes = 0

    /// An empty builder.
    public init() {}

    /// Appends one field.
    ///
    /// - Parameters:
    ///   - field: The field to add.
    ///   - line: The field's line in a raw request, named in the error.
    /// - Throws: ``OCISigningError/Code/tooManyHeaders`` when the field is one too many or its
    ///   bytes take the total over ``OCIHeaderLimits/maxTotalBytes``.
    public mutating func append(_ field: HTTPField, line: Int? = nil) throws(OCISigningError) {
        totalBytes += OCIHeaderLimits.bytes(name: field.name.rawName.utf8.count, value: field.value.utf8.count)
        try OCIHeaderLimits.check(count: fields.count + 1, bytes: totalBytes, line: line)
        fields.append(field)
    }
}
