/// Per-host clock offsets learnt from `401` responses, for ``OCISendPolicy/clockSkew``.
///
/// OCI refuses a signature whose date is more than five minutes from its own clock. When a
/// `401` carries a `Date` at least ``minimumOffset`` seconds from the local clock, the offset is
/// recorded for that host and later dates for it are shifted by it. Offsets larger than
/// ``maximumOffset`` are ignored (a clock that far off needs fixing, not hiding), and at most
/// ``maximumHosts`` hosts are remembered.
public actor OCIClockSkewCorrection {
    /// Offsets smaller than this (seconds) are not treated as skew.
    public let minimumOffset: Int64
    /// Offsets larger than this (seconds) are not applied.
    public let maximumOffset: Int64
    /// How many hosts are remembered; the table is emptied when a new host would exceed it.
    public let maximumHosts: Int
    private var offsets: [String: Int64] = [:]

    /// Creates an empty table.
    ///
    /// - Parameters:
    ///   - minimumOffset: Smallest offset treated as skew (default 60 s).
    ///   - maximumOffset: Largest offset applied (default 900 s).
    ///   - maximumHosts: Hosts remembered (default 256).
    public init(minimumOffset: Int64 = 60, maximumOffset: Int64 = 900, maximumHosts: Int = 256) {
        self.minimumOffset = minimumOffset
        self.maximumOffset = maximumOffset
        self.maximumHosts = maximumHosts
    }

    /// What ``record(serverDate:localDate:host:)`` did.
    public enum Outcome: Sendable, Hashable {
        /// A new offset is applied from now on.
        case corrected(Int64)
        /// The offset exceeds ``maximumOffset``; nothing changed.
        case outOfBounds(Int64)
        /// The offset is small, or the one already recorded: a retry would not help.
        case unchanged
    }

    /// The recorded offset for `host` in seconds (0 when none).
    public func offset(for host: String) -> Int64 { offsets[host] ?? 0 }

    /// `now` shifted by the host's offset.
    public func correctedDate(_ now: HTTPDate, host: String) -> HTTPDate {
        HTTPDate(secondsSince1970: now.secondsSince1970 + offset(for: host))
    }

    /// Records the offset between a server's `Date` and the local clock at the time of the answer.
    public func record(serverDate: HTTPDate, localDate: HTTPDate, host: String) -> Outcome {
        let measured = serverDate.secondsSince1970 - localDate.secondsSince1970
        guard abs(measured) <= maximumOffset else { return .outOfBounds(measured) }
        let previous = offsets[host] ?? 0
        // Dates already carried the previous offset: what is left is what still needs fixing.
        guard abs(measured - previous) >= minimumOffset else { return .unchanged }
        if offsets[host] == nil && offsets.count >= maximumHosts { offsets.removeAll(keepingCapacity: true) }
        offsets[host] = measured
        return .corrected(measured)
    }
}
