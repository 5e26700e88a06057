import OCISigning
import OCIRawRequest

/// A signing string the other party may have signed: lines, how they were joined, and what
/// followed the last line.
struct SignatureCandidate: Sendable, Hashable {
    var components: [SignedComponent]
    var joiner = "\n"
    var trailer = ""
    /// What differs from the received request, in words ("host 'a' instead of 'a:8443'").
    var details: [String] = []

    var text: String { components.map(\.line).joined(separator: joiner) + trailer }
    var bytes: [UInt8] { Array(text.utf8) }

    func value(_ name: String) -> String? { components.first { $0.name == name }?.value }

    /// The same candidate with one line's value replaced (nil when the line is absent or unchanged).
    func replacing(_ name: String, with value: String, _ detail: String) -> SignatureCandidate? {
        guard let index = components.firstIndex(where: { $0.name == name }), components[index].value != value else { return nil }
        var copy = self
        copy.components[index] = SignedComponent(name, value: value, origin: components[index].origin)
        copy.details.append(detail)
        return copy
    }
}

/// What every variant may look at: the request as received.
struct VariantContext: Sendable {
    let headers: [RawHTTPRequest.Header]
    let body: [UInt8]
    let authorization: SignatureAuthorization

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name }?.valueText
    }
}

/// One known way two signers disagree. `apply` turns what the verifier rebuilt from the received
/// request into what the other signer may have signed instead (zero or more candidates).
struct MismatchVariant: Sendable {
    /// Stable id, used by tests and `--format json`.
    let id: String
    /// What the signer did differently, as a sentence fragment.
    let title: String
    /// Who typically does this and what to change.
    let advice: String
    /// Candidates derived from a candidate (so variants compose in pairs).
    let apply: @Sendable (SignatureCandidate, VariantContext) -> [SignatureCandidate]
}

/// A change to the body between signing and sending (spec §8: stale hash after a rewrite,
/// newline added by an editor or a heredoc, line endings converted).
struct BodyChange: Sendable {
    let id: String
    let title: String
    /// The body the signer hashed, given the body received; nil when not applicable.
    let signedBody: @Sendable ([UInt8]) -> [UInt8]?
}

/// The table of known mismatches, tried in this order by `oci-sign explain`. Keep it a plain
/// list: adding a mismatch is adding one entry.
enum MismatchCatalogue {
    static let bodyChanges: [BodyChange] = [
        BodyChange(id: "body-trailing-newline-added", title: "a trailing newline was added to the body after signing (the signer hashed it without)") { body in
            if body.last == 0x0A { return Array(body.dropLast(body.suffix(2) == [0x0D, 0x0A] ? 2 : 1)) }
            return nil
        },
        BodyChange(id: "body-trailing-newline-removed", title: "the body lost a trailing newline after signing (the signer hashed it with one)") { body in
            body.last == 0x0A ? nil : body + [0x0A]
        },
        BodyChange(id: "body-lf-to-crlf", title: "the body's line ends were converted LF → CRLF after signing (the signer hashed LF)") { body in
            body.contains(0x0D) ? Array(String(decoding: body, as: UTF8.self).replacingAll("\r\n", with: "\n").utf8) : nil
        },
        BodyChange(id: "body-crlf-to-lf", title: "the body's line ends were converted CRLF → LF after signing (the signer hashed CRLF)") { body in
            body.contains(0x0A) && !body.contains(0x0D) ? Array(String(decoding: body, as: UTF8.self).replacingAll("\n", with: "\r\n").utf8) : nil
        },
        BodyChange(id: "body-empty-when-signed", title: "the signer hashed an empty body (the body was attached after signing)") { body in
            body.isEmpty ? nil : []
        },
    ]

    static let variants: [MismatchVariant] = [
        MismatchVariant(id: "host-without-port", title: "the signer signed the host without its port",
                        advice: ".NET and Ruby drop the port when they take host from the URL; sign the Host header exactly as sent") { candidate, _ in
            guard let host = candidate.value("host") else { return [] }
            let parsed = HostInspection(host)
            guard parsed.port != nil else { return [] }
            return [candidate.replacing("host", with: parsed.name, "host '\(parsed.name)' instead of '\(host)'")].compactMap { $0 }
        },
        MismatchVariant(id: "host-with-port", title: "the signer signed the host with a port the request does not carry",
                        advice: "an HTTP stack stripped the default port after signing (or the signer added it); sign the Host exactly as sent") { candidate, _ in
            guard let host = candidate.value("host"), HostInspection(host).port == nil else { return [] }
            return [":443", ":80", ":8443"].compactMap { candidate.replacing("host", with: host + $0, "host '\(host + $0)' instead of '\(host)'") }
        },
        MismatchVariant(id: "target-plus-as-percent20", title: "the signer's target had '+' where the request has '%20'",
                        advice: "the space was form-encoded ('+') on one side and percent-encoded ('%20') on the other; build the encoded URL once and sign those bytes") { candidate, context in
            targetEdit(candidate, context) { $0.contains("%20") ? $0.replacingAll("%20", with: "+") : nil }
        },
        MismatchVariant(id: "target-percent20-as-plus", title: "the signer's target had '%20' where the request has '+'",
                        advice: "the space was percent-encoded on one side and form-encoded on the other; sign the bytes that are sent") { candidate, context in
            targetEdit(candidate, context) { $0.contains("+") ? $0.replacingAll("+", with: "%20") : nil }
        },
        MismatchVariant(id: "target-escapes-uppercase", title: "the signer's target used uppercase escapes where the request has lowercase ones",
                        advice: "a layer re-encoded the URL (oci-curl emits %3a, most encoders %3A); the server compares bytes") { candidate, context in
            targetEdit(candidate, context) { target in
                let changed = recaseEscapes(target, upper: true)
                return changed == target ? nil : changed
            }
        },
        MismatchVariant(id: "target-escapes-lowercase", title: "the signer's target used lowercase escapes where the request has uppercase ones",
                        advice: "a layer re-encoded the URL (oci-curl emits %3a, most encoders %3A); the server compares bytes") { candidate, context in
            targetEdit(candidate, context) { target in
                let changed = recaseEscapes(target, upper: false)
                return changed == target ? nil : changed
            }
        },
        MismatchVariant(id: "target-decoded", title: "the signer signed the percent-decoded target",
                        advice: "the signer took a decoded URL path/query (e.g. URL.path); sign the encoded request-target as sent") { candidate, context in
            targetEdit(candidate, context) { target in
                let decoded = percentDecoded(target, plusAsSpace: false)
                return decoded == target ? nil : decoded
            } + targetEdit(candidate, context) { target in
                let formDecoded = percentDecoded(target, plusAsSpace: true)
                return formDecoded == target || formDecoded == percentDecoded(target, plusAsSpace: false) ? nil : formDecoded
            }
        },
        MismatchVariant(id: "target-reserved-encoded", title: "the signer's target percent-encoded characters the request sends raw (':' '@' '!' …)",
                        advice: "encoders disagree on reserved characters (Python's quote escapes '(' and ')', encodeURIComponent keeps them but escapes ':'); sign the bytes that are sent") { candidate, context in
            targetEdit(candidate, context) { target in
                var out = ""
                for ch in target {
                    switch ch {
                    case ":", "@", "!", "$", "'", "(", ")", "*", ",", ";", "[", "]":
                        out += "%" + VisibleText.hex2(ch.asciiValue!)
                    default: out.append(ch)
                    }
                }
                return out == target ? nil : out
            }
        },
        MismatchVariant(id: "target-query-sorted", title: "the signer signed the query parameters in sorted order",
                        advice: "Go's url.Values.Encode sorts keys; the query must be signed in the order it is sent") { candidate, context in
            targetEdit(candidate, context) { target in
                guard let q = target.firstIndex(of: "?") else { return nil }
                let items = target[target.index(after: q)...].split(separator: "&", omittingEmptySubsequences: false)
                let sorted = items.sorted { $0.split(separator: "=", maxSplits: 1).first ?? "" < $1.split(separator: "=", maxSplits: 1).first ?? "" }
                guard sorted != items else { return nil }
                return String(target[...q]) + sorted.joined(separator: "&")
            }
        },
        MismatchVariant(id: "target-lowercased", title: "the signer lowercased the whole request-target",
                        advice: "only the method is lowercased; path and query are case-sensitive") { candidate, context in
            targetEdit(candidate, context) { $0.lowercased() == $0 ? nil : $0.lowercased() }
        },
        MismatchVariant(id: "method-uppercase", title: "the signer kept the method uppercase in (request-target)",
                        advice: "(request-target) starts with the lowercased method: 'get /path'") { candidate, context in
            guard let value = candidate.value("(request-target)"), let space = value.firstIndex(of: " ") else { return [] }
            let upper = value[..<space].uppercased() + value[space...]
            return [candidate.replacing("(request-target)", with: upper, "method '\(value[..<space].uppercased())' instead of '\(value[..<space])'")].compactMap { $0 }
        },
    ] + bodyChanges.map { change in
        MismatchVariant(id: change.id, title: change.title,
                        advice: "hash and send the same bytes: sign last, after every layer that touches the body") { candidate, context in
            guard let signedBody = change.signedBody(context.body) else { return [] }
            let digest = ContentDigest(bytes: signedBody)
            var out = candidate
            var touched = false
            if let edited = out.replacing("content-length", with: String(digest.length), "content-length \(digest.length) (body of \(digest.length) bytes) instead of \(context.body.count)") { out = edited; touched = true }
            if let edited = out.replacing("x-content-sha256", with: digest.base64, "x-content-sha256 of the changed body") { out = edited; touched = true }
            return touched ? [out] : []
        }
    } + [
        MismatchVariant(id: "content-type-default", title: "the signer signed content-type 'application/json' while another content-type was sent",
                        advice: "the signer filled in its default content-type and a later layer set a different one; set content-type before signing") { candidate, _ in
            [candidate.replacing("content-type", with: "application/json", "content-type 'application/json' instead of '\(candidate.value("content-type") ?? "")'")].compactMap { $0 }
        },
        MismatchVariant(id: "typescript-order", title: "the signer built the string with content-type before content-length (the TypeScript SDK order) but listed another order",
                        advice: "the headers=\"…\" list and the signing string must use the same order") { candidate, _ in
            guard let length = candidate.components.firstIndex(where: { $0.name == "content-length" }),
                  let type = candidate.components.firstIndex(where: { $0.name == "content-type" }), length < type else { return [] }
            var copy = candidate
            copy.components.swapAt(length, type)
            copy.details.append("content-type line before content-length")
            return [copy]
        },
        MismatchVariant(id: "date-as-x-date", title: "the signer signed x-date where headers=\"…\" says date (or the reverse)",
                        advice: "sign the date header you list; TypeScript signs x-date, every other SDK date") { candidate, context in
            var out: [SignatureCandidate] = []
            for (listed, other) in [("date", "x-date"), ("x-date", "date")] {
                guard let index = candidate.components.firstIndex(where: { $0.name == listed }) else { continue }
                let values = [candidate.components[index].value] + [context.header(other)].compactMap { $0 }
                for value in Set(values) {
                    var copy = candidate
                    copy.components[index] = SignedComponent(other, value: value, origin: .given)
                    copy.details.append("line '\(other): \(value)' instead of '\(listed): \(candidate.components[index].value)'")
                    out.append(copy)
                }
                if let otherValue = context.header(other), let edited = candidate.replacing(listed, with: otherValue, "\(listed) value taken from \(other): '\(otherValue)'") {
                    out.append(edited)
                }
            }
            return out
        },
        MismatchVariant(id: "date-regenerated", title: "the signer signed a date with a different weekday or form than the one sent",
                        advice: "sign the date header verbatim; never re-derive it (Oracle's own test date has the wrong weekday)") { candidate, _ in
            var out: [SignatureCandidate] = []
            for name in ["date", "x-date"] {
                // Re-derive the text from the instant, as a signer that formats its own clock would.
                guard let value = candidate.value(name), let parsed = try? HTTPDate(imfFixdate: value) else { continue }
                let date = HTTPDate(secondsSince1970: parsed.secondsSince1970)
                if let edited = candidate.replacing(name, with: date.imfFixdate, "\(name) '\(date.imfFixdate)' instead of '\(value)'") { out.append(edited) }
            }
            return out
        },
        MismatchVariant(id: "body-headers-excluded", title: "the signer left the body headers out of the signing string",
                        advice: "the signer treated this as an exclude-body operation (PutObject, UploadPart, PutMessages) but listed the body headers; list what you sign") { candidate, _ in
            let kept = candidate.components.filter { !SigningPolicy.bodyHeaders.contains($0.name) }
            guard kept.count < candidate.components.count else { return [] }
            var copy = candidate
            copy.components = kept
            copy.details.append("no content-length / content-type / x-content-sha256 lines")
            return [copy]
        },
        MismatchVariant(id: "body-headers-included", title: "the signer included body headers that headers=\"…\" does not list",
                        advice: "list every header you sign in headers=\"…\"") { candidate, context in
            guard !candidate.components.contains(where: { SigningPolicy.bodyHeaders.contains($0.name) }) else { return [] }
            let digest = ContentDigest(bytes: context.body)
            var copy = candidate
            copy.components += [
                SignedComponent("content-length", value: context.header("content-length") ?? String(digest.length), origin: .computed),
                SignedComponent("content-type", value: context.header("content-type") ?? SigningPolicy.defaultContentType, origin: .defaulted),
                SignedComponent("x-content-sha256", value: context.header("x-content-sha256") ?? digest.base64, origin: .computed),
            ]
            copy.details.append("content-length, content-type, x-content-sha256 lines appended")
            return [copy]
        },
        MismatchVariant(id: "header-names-as-listed", title: "the signer wrote header names in the signing string as capitalised in headers=\"…\"",
                        advice: "header names are lowercase in the signing string, whatever case headers=\"…\" uses") { candidate, context in
            let written = context.authorization.headersParameter.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard written.count == candidate.components.count, written != written.map({ $0.lowercased() }) else { return [] }
            var copy = candidate
            copy.components = zip(candidate.components, written).map { SignedComponent($1, value: $0.value, origin: $0.origin) }
            copy.details.append("names written as '\(written.joined(separator: " "))'")
            return [copy]
        },
        MismatchVariant(id: "trailing-newline", title: "the signer ended the signing string with a newline",
                        advice: "lines are joined with LF and there is no trailing LF (a heredoc or println adds one)") { candidate, _ in
            guard candidate.trailer.isEmpty else { return [] }
            var copy = candidate
            copy.trailer = copy.joiner
            copy.details.append("a trailing line break after the last line")
            return [copy]
        },
        MismatchVariant(id: "crlf-joins", title: "the signer joined the lines with CRLF",
                        advice: "join with a bare LF; CRLF appears when the string is built on Windows or copied from an HTTP message") { candidate, _ in
            guard candidate.joiner == "\n" else { return [] }
            var copy = candidate
            copy.joiner = "\r\n"
            if !copy.trailer.isEmpty { copy.trailer = "\r\n" }
            copy.details.append("CRLF between lines")
            return [copy]
        },
        MismatchVariant(id: "header-order", title: "the signer built the lines in a different order than headers=\"…\" lists",
                        advice: "the server rebuilds the string in the headers=\"…\" order; build and list in the same order") { candidate, _ in
            permutations(of: candidate)
        },
    ]

    /// The variant applied last and never paired (it multiplies the work by n!).
    static let unpairedIDs: Set<String> = ["header-order"]

    // MARK: helpers

    static func targetEdit(_ candidate: SignatureCandidate, _ context: VariantContext, _ edit: (String) -> String?) -> [SignatureCandidate] {
        guard let value = candidate.value("(request-target)"), let space = value.firstIndex(of: " ") else { return [] }
        let target = String(value[value.index(after: space)...])
        guard let edited = edit(target) else { return [] }
        let (signed, received) = excerpts(edited, target)
        return [candidate.replacing("(request-target)", with: value[...space] + edited, "target '\(signed)' instead of '\(received)'")].compactMap { $0 }
    }

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

    static func recaseEscapes(_ text: String, upper: Bool) -> String {
        var bytes = Array(text.utf8)
        var index = 0
        while index + 2 < bytes.count {
            if bytes[index] == UInt8(ascii: "%") {
                for offset in 1...2 {
                    let b = bytes[index + offset]
                    if upper, (0x61...0x66).contains(b) { bytes[index + offset] = b - 0x20 }
                    if !upper, (0x41...0x46).contains(b) { bytes[index + offset] = b + 0x20 }
                }
                index += 3
            } else { index += 1 }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func percentDecoded(_ text: String, plusAsSpace: Bool) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
               bytes[(index + 1)...(index + 2)].allSatisfy({ UnicodeScalar($0).properties.isASCIIHexDigit }),
               let value = UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                out.append(value); index += 3
            } else {
                out.append(plusAsSpace && bytes[index] == UInt8(ascii: "+") ? 0x20 : bytes[index]); index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Every other order of the lines; for more than 7 lines only adjacent swaps and rotations.
    static func permutations(of candidate: SignatureCandidate) -> [SignatureCandidate] {
        let lines = candidate.components
        var orders: [[SignedComponent]] = []
        if lines.count <= 7 {
            func permute(_ prefix: [SignedComponent], _ rest: [SignedComponent]) {
                if rest.isEmpty { orders.append(prefix); return }
                for index in rest.indices {
                    var remaining = rest
                    let next = remaining.remove(at: index)
                    permute(prefix + [next], remaining)
                }
            }
            permute([], lines)
        } else {
            for index in 0..<(lines.count - 1) {
                var swapped = lines
                swapped.swapAt(index, index + 1)
                orders.append(swapped)
            }
            for shift in 1..<lines.count { orders.append(Array(lines[shift...] + lines[..<shift])) }
        }
        return orders.filter { $0 != lines }.map { order in
            var copy = candidate
            copy.components = order
            copy.details.append("lines in the order '\(order.map(\.name).joined(separator: " "))'")
            return copy
        }
    }
}
