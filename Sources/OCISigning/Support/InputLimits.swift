/// Size limits on untrusted request text.
///
/// Far above anything OCI accepts (its front ends refuse request heads of tens of KiB), low
/// enough that a runaway or hostile input is refused with a typed error instead of being
/// copied, signed and echoed in full.
package enum InputLimits {
    /// Longest request-target signed (bytes).
    package static let maxTargetLength = 64 * 1024
    /// Longest signed header value (bytes); OBO tokens, the longest real values, are a few KiB.
    package static let maxSignedValueLength = 64 * 1024
    /// Longest request line or header line in a raw request file (bytes).
    package static let maxRawLineLength = 64 * 1024 + 64
}
