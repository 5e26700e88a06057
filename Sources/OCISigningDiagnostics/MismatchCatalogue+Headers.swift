import OCISigning

extension MismatchCatalogue {
    /// Which headers were signed, in which order, under which name and value.
    static let headerVariants = [
        contentTypeDefault, typescriptOrder, dateAsXDate, dateRegenerated, bodyHeadersExcluded,
        bodyHeadersIncluded, headerNamesAsListed,
    ]

    static let contentTypeDefault = MismatchVariant(
        id: "content-type-default", title: "the signer signed content-type 'application/json' while another content-type was sent",
        advice: "the signer filled in its default content-type and a later layer set a different one; set content-type before signing"
    ) { candidate, _ in
        let detail = "content-type '\(SigningPolicy.defaultContentType)' instead of '\(candidate.value("content-type") ?? "")'"
        return [candidate.replacing("content-type", with: SigningPolicy.defaultContentType, detail)].compactMap { $0 }
    }

    static let typescriptOrder = MismatchVariant(
        id: "typescript-order", title: "the signer built the string with content-type before content-length (the TypeScript SDK order) but listed another order",
        advice: "the headers=\"…\" list and the signing string must use the same order"
    ) { candidate, _ in
        var lines = candidate.components
        guard let length = lines.firstIndex(where: { $0.name == "content-length" }),
              let type = lines.firstIndex(where: { $0.name == "content-type" }), length < type else { return [] }
        lines.swapAt(length, type)
        return [candidate.with(lines, "content-type line before content-length")]
    }

    static let dateAsXDate = MismatchVariant(
        id: "date-as-x-date", title: "the signer signed x-date where headers=\"…\" says date (or the reverse)",
        advice: "sign the date header you list; TypeScript signs x-date, every other SDK date"
    ) { candidate, context in
        [("date", "x-date"), ("x-date", "date")].flatMap { listed, other in
            dateRenamed(candidate, context, listed: listed, other: other)
        }
    }

    /// The `listed` date line written as `other` (with either value), or `other`'s value signed
    /// under the listed name.
    static func dateRenamed(_ candidate: SignatureCandidate, _ context: VariantContext, listed: String, other: String) -> [SignatureCandidate] {
        guard let index = candidate.components.firstIndex(where: { $0.name == listed }) else { return [] }
        let listedValue = candidate.components[index].value
        var out: [SignatureCandidate] = []
        for value in Set([listedValue] + [context.header(other)].compactMap { $0 }) {
            var lines = candidate.components
            lines[index] = SignedComponent(other, value: value, origin: .given)
            out.append(candidate.with(lines, "line '\(other): \(value)' instead of '\(listed): \(listedValue)'"))
        }
        if let otherValue = context.header(other),
           let edited = candidate.replacing(listed, with: otherValue, "\(listed) value taken from \(other): '\(otherValue)'") {
            out.append(edited)
        }
        return out
    }

    static let dateRegenerated = MismatchVariant(
        id: "date-regenerated", title: "the signer signed a date with a different weekday or form than the one sent",
        advice: "sign the date header verbatim; never re-derive it (Oracle's own test date has the wrong weekday)"
    ) { candidate, _ in
        ["date", "x-date"].compactMap { name in
            // Re-derive the text from the instant, as a signer that formats its own clock would.
            guard let value = candidate.value(name), let parsed = try? HTTPDate(imfFixdate: value) else { return nil }
            let date = HTTPDate(secondsSince1970: parsed.secondsSince1970)
            return candidate.replacing(name, with: date.imfFixdate, "\(name) '\(date.imfFixdate)' instead of '\(value)'")
        }
    }

    static let bodyHeadersExcluded = MismatchVariant(
        id: "body-headers-excluded", title: "the signer left the body headers out of the signing string",
        advice: "the signer treated this as an exclude-body operation (PutObject, UploadPart, PutMessages) but listed the body headers; list what you sign"
    ) { candidate, _ in
        let kept = candidate.components.filter { !SigningPolicy.bodyHeaders.contains($0.name) }
        guard kept.count < candidate.components.count else { return [] }
        return [candidate.with(kept, "no content-length / content-type / x-content-sha256 lines")]
    }

    static let bodyHeadersIncluded = MismatchVariant(
        id: "body-headers-included", title: "the signer included body headers that headers=\"…\" does not list",
        advice: "list every header you sign in headers=\"…\""
    ) { candidate, context in
        guard !candidate.components.contains(where: { SigningPolicy.bodyHeaders.contains($0.name) }) else { return [] }
        let digest = ContentDigest(bytes: context.body)
        let added = [
            SignedComponent("content-length", value: context.header("content-length") ?? String(digest.length), origin: .computed),
            SignedComponent("content-type", value: context.header("content-type") ?? SigningPolicy.defaultContentType, origin: .defaulted),
            SignedComponent("x-content-sha256", value: context.header("x-content-sha256") ?? digest.base64, origin: .computed),
        ]
        return [candidate.with(candidate.components + added, "content-length, content-type, x-content-sha256 lines appended")]
    }

    static let headerNamesAsListed = MismatchVariant(
        id: "header-names-as-listed", title: "the signer wrote header names in the signing string as capitalised in headers=\"…\"",
        advice: "header names are lowercase in the signing string, whatever case headers=\"…\" uses"
    ) { candidate, context in
        let written = context.authorization.headersParameter.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard written.count == candidate.components.count, written != written.map({ $0.lowercased() }) else { return [] }
        let lines = zip(candidate.components, written).map { SignedComponent($1, value: $0.value, origin: $0.origin) }
        return [candidate.with(lines, "names written as '\(written.joined(separator: " "))'")]
    }
}
