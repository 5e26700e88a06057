#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A point in time, formatted as the IMF-fixdate OCI signs (`Thu, 05 Jan 2014 21:31:40 GMT`).
///
/// Formatting is done by hand from epoch seconds with fixed English names, so the result never
/// depends on the process locale or time zone (a known cause of `401`s in other Swift signers).
public struct HTTPDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Whole seconds since 1970-01-01T00:00:00Z.
    public let secondsSince1970: Int64

    /// The text this date was parsed from, kept because OCI signs the header text verbatim:
    /// Oracle's own test date "Thu, 05 Jan 2014" has a wrong weekday and must survive a round trip.
    private let parsedText: String?

    /// A date from epoch seconds.
    public init(secondsSince1970: Int64) {
        self.secondsSince1970 = secondsSince1970
        self.parsedText = nil
    }

    /// The current time from the system clock (whole seconds).
    public static func now() -> HTTPDate {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return HTTPDate(secondsSince1970: Int64(spec.tv_sec))
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The first and last instants an IMF-fixdate can write (years 0000 to 9999).
    static let representable: ClosedRange<Int64> = -62_167_219_200...253_402_300_799

    /// Whether ``imfFixdate`` can show this instant exactly (years 0000 to 9999).
    var isRepresentable: Bool { Self.representable.contains(secondsSince1970) }

    /// The IMF-fixdate text, e.g. `Sun, 05 Jan 2014 21:31:40 GMT`: the parsed text verbatim for a
    /// date made by ``init(imfFixdate:)``, otherwise formatted from ``secondsSince1970``.
    /// Instants before year 0000 or after 9999 are written as the nearest representable one (the
    /// signer refuses them).
    public var imfFixdate: String {
        if let parsedText { return parsedText }
        // Four year digits always (a year under 1000 written "503" is accepted by no parser),
        // and the instant clamped first so extreme values cannot overflow the calendar arithmetic.
        let seconds = min(max(secondsSince1970, Self.representable.lowerBound), Self.representable.upperBound)
        let days = Self.floorDiv(seconds, 86_400)
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = Self.civil(fromDays: days)
        let weekday = Int(((days % 7) + 11) % 7)  // 1970-01-01 was a Thursday (index 4).
        // Signed on every request: written into the string's own 29-byte buffer, one allocation.
        return String(unsafeUninitializedCapacity: 29) { out in
            var o = 0
            func put(_ text: String) { for byte in text.utf8 { out[o] = byte; o += 1 } }
            func digits(_ value: Int, _ width: Int) {
                var divisor = 1
                for _ in 1..<width { divisor *= 10 }
                while divisor > 0 { out[o] = UInt8(ascii: "0") + UInt8(value / divisor % 10); o += 1; divisor /= 10 }
            }
            put(Self.weekdays[weekday]); put(", "); digits(day, 2); put(" "); put(Self.months[month - 1]); put(" ")
            digits(year, 4); put(" "); digits(secondOfDay / 3600, 2); put(":"); digits(secondOfDay / 60 % 60, 2)
            put(":"); digits(secondOfDay % 60, 2); put(" GMT")
            return o
        }
    }

    /// The IMF-fixdate text.
    public var description: String { imfFixdate }

    /// Parses an IMF-fixdate strictly. The weekday must be one of the English names but is not
    /// checked against the date: OCI signs the header text verbatim, and Oracle's own test
    /// vector uses a wrong weekday.
    ///
    /// - Throws: `invalidDate` naming what is wrong.
    public init(imfFixdate text: String) throws(OCISigningError) {
        let bytes = Array(text.utf8)
        func fail(_ what: String) -> OCISigningError {
            OCISigningError(.invalidDate, "'\(OCIDisplayText.visible(Array(text.utf8)))' is not an IMF-fixdate like 'Thu, 05 Jan 2014 21:31:40 GMT': \(what)")
        }
        guard bytes.count == 29 else { throw fail("expected 29 characters, got \(bytes.count)") }
        func slice(_ from: Int, _ to: Int) -> String { String(decoding: bytes[from..<to], as: UTF8.self) }
        func number(_ from: Int, _ to: Int) -> Int? {
            var value = 0
            for b in bytes[from..<to] {
                guard b >= 0x30 && b <= 0x39 else { return nil }
                value = value * 10 + Int(b - 0x30)
            }
            return value
        }
        guard Self.weekdays.contains(slice(0, 3)) else { throw fail("unknown weekday") }
        guard slice(3, 5) == ", ", bytes[7] == 0x20, bytes[11] == 0x20, bytes[16] == 0x20,
              bytes[19] == 0x3A, bytes[22] == 0x3A, slice(25, 29) == " GMT"
        else { throw fail("wrong separators") }
        guard let day = number(5, 7), let year = number(12, 16), let hour = number(17, 19),
              let minute = number(20, 22), let second = number(23, 25)
        else { throw fail("non-digit in a numeric field") }
        guard let monthIndex = Self.months.firstIndex(of: slice(8, 11)) else { throw fail("unknown month") }
        let month = monthIndex + 1
        guard day >= 1, day <= Self.daysIn(month: month, year: year), hour < 24, minute < 60, second < 61 else {
            throw fail("field out of range")
        }
        let days = Self.days(fromCivil: year, month, day)
        self.secondsSince1970 = days * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59))
        self.parsedText = text
    }

    /// Dates are equal when they denote the same second, whatever text they were parsed from.
    public static func == (lhs: HTTPDate, rhs: HTTPDate) -> Bool { lhs.secondsSince1970 == rhs.secondsSince1970 }

    /// Hashes the instant only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(secondsSince1970) }

    /// Compares instants.
    public static func < (lhs: HTTPDate, rhs: HTTPDate) -> Bool { lhs.secondsSince1970 < rhs.secondsSince1970 }

    // MARK: Calendar arithmetic (proleptic Gregorian, after Howard Hinnant's civil algorithms)

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }

    private static func civil(fromDays z0: Int64) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
    }

    private static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
