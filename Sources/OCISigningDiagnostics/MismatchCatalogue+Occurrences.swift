import OCISigning

extension MismatchCatalogue {
    static let targetOccurrences = MismatchVariant(
        id: "target-occurrences", title: "a layer re-encoded some occurrences in the target after signing and left others (genuine) alone",
        advice: "a proxy, URL class or HTTP client decoded or re-encoded part of the URL after it was signed; sign the exact bytes sent, after the last layer that touches the URL",
        scope: { candidate, _ in
            guard let target = TargetEditing.target(of: candidate) else { return nil }
            let occurrences = TargetOccurrences(target)
            if occurrences.sites.isEmpty { return "no place in the target a layer re-encodes" }
            let (subsets, exhaustive) = occurrences.subsets()
            return exhaustive
                ? "every subset of the \(occurrences.sites.count) places a layer re-encodes (\(subsets.count) targets)"
                : "\(occurrences.sites.count) places, more than \(TargetOccurrences.maxSubsetSites): each kind's subsets and whole kinds combined (\(subsets.count) targets); mixed subsets across kinds not tried"
        }
    ) { candidate, _ in
        guard let target = TargetEditing.target(of: candidate) else { return [] }
        let occurrences = TargetOccurrences(target)
        return occurrences.subsets().subsets.flatMap { chosen in
            TargetEditing.edit(candidate) { _ in occurrences.rewritten(chosen) }.map { edited in
                var described = edited
                described.details.append("changed after signing: " + occurrences.describe(chosen))
                return described
            }
        }
    }

    static let headersListOmits = MismatchVariant(
        id: "headers-list-omits", title: "headers=\"…\" does not list a required header the signer did sign",
        advice: "the Authorization's headers=\"…\" lost a name (edited, or built from a different list than the signing string); list every header you sign, in order",
        scope: { _, context in
            context.unlistedRequiredLines.isEmpty ? nil
                : "'\(context.unlistedRequiredLines.map(\.name).joined(separator: "', '"))' inserted at every position"
        }
    ) { candidate, context in
        var out: [SignatureCandidate] = []
        for line in context.unlistedRequiredLines {
            for position in 0...candidate.components.count {
                var lines = candidate.components
                lines.insert(line, at: position)
                out.append(candidate.with(lines, "a '\(line.name)' line signed as line \(position + 1), but '\(line.name)' is not in headers=\"…\""))
            }
        }
        if context.unlistedRequiredLines.count > 1 {
            out.append(candidate.with(candidate.components + context.unlistedRequiredLines,
                                      "'\(context.unlistedRequiredLines.map(\.name).joined(separator: "', '"))' lines signed last, not in headers=\"…\""))
        }
        return out
    }

    /// How far the date search reaches each way, in seconds (OCI accepts ±300 s, so an edit
    /// that still passes the clock check lies within this).
    public static let dateSearchSeconds: Int64 = 900

    /// `date` written with the weekday of `sent` when both fall on the same day: a date edited
    /// by a few minutes keeps whatever weekday text was signed (Oracle's test date has a wrong one).
    static func sameWeekdayText(_ date: String, sent: String) -> String {
        guard date.count == 29, sent.count == 29, date.dropFirst(5).prefix(11) == sent.dropFirst(5).prefix(11) else { return date }
        return String(sent.prefix(5)) + date.dropFirst(5)
    }

    static let dateWindow = MismatchVariant(
        id: "date-window", title: "the date header was changed after signing (the signature is for another date)",
        advice: "something set or rewrote the date after the signature was made (a proxy, an HTTP client that adds its own Date, a retry that re-dates without re-signing); sign last, and re-sign every retry",
        scope: { candidate, _ in
            let names = ["date", "x-date"].filter { candidate.value($0).flatMap { try? HTTPDate(imfFixdate: $0) } != nil }
            return names.isEmpty ? nil : "every second within ±\(dateSearchSeconds) s of \(names.joined(separator: " and ")) (\(2 * dateSearchSeconds) each)"
        }
    ) { candidate, _ in
        ["date", "x-date"].flatMap { name -> [SignatureCandidate] in
            guard let value = candidate.value(name), let sent = try? HTTPDate(imfFixdate: value) else { return [] }
            return (-dateSearchSeconds...dateSearchSeconds).compactMap { offset -> SignatureCandidate? in
                guard offset != 0 else { return nil }
                let signed = sameWeekdayText(HTTPDate(secondsSince1970: sent.secondsSince1970 + offset).imfFixdate, sent: value)
                let when = "\(offset.magnitude) s \(offset < 0 ? "before" : "after")"
                return candidate.replacing(name, with: signed, "\(name) '\(signed)' signed, \(when) the '\(value)' sent")
            }
        }
    }
}
