/// Rewrites of a request-target that the target variants try, and the line edit they share.
enum TargetEditing {
    /// `candidate` with its request-target rewritten by `edit` (nothing when `edit` declines).
    static func edit(_ candidate: SignatureCandidate, _ edit: (String) -> String?) -> [SignatureCandidate] {
        guard let value = candidate.value("(request-target)"), let space = value.firstIndex(of: " ") else { return [] }
        let target = String(value[value.index(after: space)...])
        guard let edited = edit(target) else { return [] }
        let (signed, received) = excerpts(edited, target)
        return [candidate.replacing("(request-target)", with: value[...space] + edited, "target '\(signed)' instead of '\(received)'")].compactMap { $0 }
    }

    /// The request-target of a candidate's `(request-target)` line (after the method).
    static func target(of candidate: SignatureCandidate) -> String? {
        guard let value = candidate.value("(request-target)"), let space = value.firstIndex(of: " ") else { return nil }
        return String(value[value.index(after: space)...])
    }

    /// `edited`, or nil when it is `original` unchanged.
    static func changed(_ original: String, _ edited: String) -> String? { edited == original ? nil : edited }

    /// The differing middle of two strings with a little context, so long targets stay readable.
    static func excerpts(_ a: String, _ b: String, context: Int = 12) -> (String, String) {
        let x = Array(a), y = Array(b)
        var prefix = 0
        while prefix < min(x.count, y.count), x[prefix] == y[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < min(x.count, y.count) - prefix, x[x.count - 1 - suffix] == y[y.count - 1 - suffix] { suffix += 1 }
        func cut(_ chars: [Character]) -> String {
            let start = max(0, prefix - context), end = min(chars.count, chars.count - suffix + context)
            return (start > 0 ? "…" : "") + String(chars[start..<end]) + (end < chars.count ? "…" : "")
        }
        return (cut(x), cut(y))
    }

    /// Every `%xx` escape with its hex digits in upper (or lower) case.
    static func recaseEscapes(_ text: String, upper: Bool) -> String {
        var bytes = Array(text.utf8)
        var index = 0
        while index + 2 < bytes.count {
            guard bytes[index] == UInt8(ascii: "%") else { index += 1; continue }
            for offset in 1...2 {
                let byte = bytes[index + offset]
                if upper, (0x61...0x66).contains(byte) { bytes[index + offset] = byte - 0x20 }
                if !upper, (0x41...0x46).contains(byte) { bytes[index + offset] = byte + 0x20 }
            }
            index += 3
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text with every `%XX` escape decoded (and `+` read as a space when `plusAsSpace`).
    static func percentDecoded(_ text: String, plusAsSpace: Bool) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
               bytes[(index + 1)...(index + 2)].allSatisfy({ UnicodeScalar($0).properties.isASCIIHexDigit }),
               let value = UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                out.append(value)
                index += 3
            } else {
                out.append(plusAsSpace && bytes[index] == UInt8(ascii: "+") ? 0x20 : bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The text with the reserved characters some encoders escape written as `%XX`.
    static func encodingReserved(_ target: String) -> String {
        var out = ""
        for character in target {
            switch character {
            case ":", "@", "!", "$", "'", "(", ")", "*", ",", ";", "[", "]":
                out += "%" + VisibleBytes.hex2(character.asciiValue ?? 0)
            default:
                out.append(character)
            }
        }
        return out
    }

    /// The target with its query parameters sorted by name; nil when already sorted or no query.
    static func sortingQuery(_ target: String) -> String? {
        guard let question = target.firstIndex(of: "?") else { return nil }
        let items = target[target.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false)
        let sorted = items.sorted { ($0.split(separator: "=", maxSplits: 1).first ?? "") < ($1.split(separator: "=", maxSplits: 1).first ?? "") }
        guard sorted != items else { return nil }
        return String(target[...question]) + sorted.joined(separator: "&")
    }
}
