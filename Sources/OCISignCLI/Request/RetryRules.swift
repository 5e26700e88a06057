import Foundation
import OCISigning

/// When `oci-sign request --retry N` sends again, and how long it waits first.
///
/// Only requests that are safe to repeat are retried: idempotent methods (GET, HEAD, PUT,
/// DELETE) and any request carrying `opc-retry-token`, which OCI uses to recognise a repeat.
/// The retried answers are those a later attempt can change: no response at all, 408, 429 and
/// 5xx except 501. Every attempt is signed again with a new date.
struct RetryRules: Sendable {
    /// Further attempts allowed after the first.
    var retries: Int
    /// The longest wait honoured from a `Retry-After` (seconds).
    var maximumWait: Int
    /// Whether this request may be sent twice.
    var repeatable: Bool

    static let retriedStatuses: Set<Int> = [408, 429, 500, 502, 503, 504]

    init(retries: Int, maximumWait: Int, method: String, headerNames: [String]) {
        self.retries = retries
        self.maximumWait = maximumWait
        let idempotent = ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"].contains(method.uppercased())
        self.repeatable = idempotent || headerNames.contains { $0.lowercased() == "opc-retry-token" }
    }

    /// Whether attempt `number` (1-based) is followed by another after `status` (nil: no response).
    func retries(after status: Int?, attempt number: Int) -> Bool {
        guard repeatable, number <= retries else { return false }
        guard let status else { return true }
        return Self.retriedStatuses.contains(status)
    }

    /// Why a failed attempt is not retried although `--retry` was given, or nil.
    func refusal(after status: Int?) -> String? {
        guard retries > 0, !repeatable else { return nil }
        guard status.map(Self.retriedStatuses.contains) ?? true else { return nil }
        return "not retried: POST/PATCH are retried only with an opc-retry-token header"
    }

    /// Seconds to wait before attempt `number + 1`: `Retry-After` (delta-seconds or an HTTP
    /// date) bounded by ``maximumWait``, else 1, 2, 4… seconds, also bounded.
    func delay(retryAfter: String?, attempt number: Int, now: HTTPDate = .now()) -> Int {
        if let seconds = Self.seconds(retryAfter: retryAfter, now: now) {
            return min(max(seconds, 0), maximumWait)
        }
        return min(1 << min(number - 1, 10), maximumWait)
    }

    /// `Retry-After` in seconds from `now`, or nil when absent or unreadable.
    static func seconds(retryAfter: String?, now: HTTPDate) -> Int? {
        guard let text = retryAfter?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if let seconds = Int(text) { return seconds }
        guard let date = try? HTTPDate(imfFixdate: text) else { return nil }
        return Int(clamping: date.secondsSince1970 - now.secondsSince1970)
    }
}
