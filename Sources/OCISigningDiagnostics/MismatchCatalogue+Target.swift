extension MismatchCatalogue {
    /// The request-target encoded differently, and the method's case.
    static let targetVariants = [
        plusAsPercent20, percent20AsPlus, escapesUppercase, escapesLowercase, targetDecoded,
        reservedEncoded, querySorted, targetLowercased,
    ]

    /// The scope of the variants that rewrite every occurrence at once.
    static let allAtOnce: @Sendable (SignatureCandidate, VariantContext) -> String? = { _, _ in
        "every occurrence at once; some occurrences only: target-occurrences"
    }

    static let plusAsPercent20 = MismatchVariant(
        id: "target-plus-as-percent20", title: "the signer's target had '+' where the request has '%20'",
        advice: "the space was form-encoded ('+') on one side and percent-encoded ('%20') on the other; build the encoded URL once and sign those bytes",
        scope: allAtOnce
    ) { candidate, _ in
        TargetEditing.edit(candidate) { $0.contains("%20") ? $0.replacingAll("%20", with: "+") : nil }
    }

    static let percent20AsPlus = MismatchVariant(
        id: "target-percent20-as-plus", title: "the signer's target had '%20' where the request has '+'",
        advice: "the space was percent-encoded on one side and form-encoded on the other; sign the bytes that are sent",
        scope: allAtOnce
    ) { candidate, _ in
        TargetEditing.edit(candidate) { $0.contains("+") ? $0.replacingAll("+", with: "%20") : nil }
    }

    static let escapesUppercase = MismatchVariant(
        id: "target-escapes-uppercase", title: "the signer's target used uppercase escapes where the request has lowercase ones",
        advice: "a layer re-encoded the URL (oci-curl emits %3a, most encoders %3A); the server compares bytes",
        scope: allAtOnce
    ) { candidate, _ in
        TargetEditing.edit(candidate) { TargetEditing.changed($0, TargetEditing.recaseEscapes($0, upper: true)) }
    }

    static let escapesLowercase = MismatchVariant(
        id: "target-escapes-lowercase", title: "the signer's target used lowercase escapes where the request has uppercase ones",
        advice: "a layer re-encoded the URL (oci-curl emits %3a, most encoders %3A); the server compares bytes",
        scope: allAtOnce
    ) { candidate, _ in
        TargetEditing.edit(candidate) { TargetEditing.changed($0, TargetEditing.recaseEscapes($0, upper: false)) }
    }

    static let targetDecoded = MismatchVariant(
        id: "target-decoded", title: "the signer signed the percent-decoded target",
        advice: "the signer took a decoded URL path/query (e.g. URL.path); sign the encoded request-target as sent",
        scope: allAtOnce
    ) { candidate, _ in
        let decoded = TargetEditing.edit(candidate) { TargetEditing.changed($0, TargetEditing.percentDecoded($0, plusAsSpace: false)) }
        let formDecoded = TargetEditing.edit(candidate) { target in
            let form = TargetEditing.percentDecoded(target, plusAsSpace: true)
            return form == TargetEditing.percentDecoded(target, plusAsSpace: false) ? nil : TargetEditing.changed(target, form)
        }
        return decoded + formDecoded
    }

    static let reservedEncoded = MismatchVariant(
        id: "target-reserved-encoded", title: "the signer's target percent-encoded characters the request sends raw (':' '@' '!' …)",
        advice: "encoders disagree on reserved characters (Python's quote escapes '(' and ')', encodeURIComponent keeps them but escapes ':'); sign the bytes that are sent",
        scope: allAtOnce
    ) { candidate, _ in
        TargetEditing.edit(candidate) { TargetEditing.changed($0, TargetEditing.encodingReserved($0)) }
    }

    static let querySorted = MismatchVariant(
        id: "target-query-sorted", title: "the signer signed the query parameters in sorted order",
        advice: "Go's url.Values.Encode sorts keys; the query must be signed in the order it is sent"
    ) { candidate, _ in
        TargetEditing.edit(candidate, TargetEditing.sortingQuery)
    }

    static let targetLowercased = MismatchVariant(
        id: "target-lowercased", title: "the signer lowercased the whole request-target",
        advice: "only the method is lowercased; path and query are case-sensitive"
    ) { candidate, _ in
        TargetEditing.edit(candidate) { TargetEditing.changed($0, $0.lowercased()) }
    }

    static let methodUppercase = MismatchVariant(
        id: "method-uppercase", title: "the signer kept the method uppercase in (request-target)",
        advice: "(request-target) starts with the lowercased method: 'get /path'"
    ) { candidate, _ in
        guard let value = candidate.value("(request-target)"), let space = value.firstIndex(of: " ") else { return [] }
        let upper = value[..<space].uppercased() + value[space...]
        return [candidate.replacing("(request-target)", with: upper, "method '\(value[..<space].uppercased())' instead of '\(value[..<space])'")].compactMap { $0 }
    }
}
