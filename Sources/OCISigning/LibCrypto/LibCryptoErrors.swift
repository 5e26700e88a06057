internal import CLibCrypto

/// Reads and empties libcrypto's thread-local error queue.
///
/// OpenSSL reports failures through a per-thread queue; we drain it after every failing call so a
/// stale entry never leaks into the next operation's diagnosis.
enum LibCryptoErrors {
    /// Clears the queue before an operation whose failure we will want to classify.
    static func clear() { ERR_clear_error() }

    /// Drains the queue and returns OpenSSL's short reason strings, oldest first.
    static func drain() -> [String] {
        var messages: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            if let reason = ERR_reason_error_string(code) {
                messages.append(String(cString: reason))
            } else {
                messages.append("error \(code)")
            }
        }
        return messages
    }

    /// Drains the queue and turns it into a `cryptoFailure` error about `operation`.
    static func failure(_ operation: String) -> OCISigningError {
        let detail = drain()
        let suffix = detail.isEmpty ? "" : " (libcrypto: \(detail.joined(separator: "; ")))"
        return OCISigningError(.cryptoFailure, "\(operation) failed\(suffix)")
    }
}
