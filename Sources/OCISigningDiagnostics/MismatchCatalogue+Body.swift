import OCISigning

extension MismatchCatalogue {
    /// The body changes tried, as variants and (when the signature is right) on their own.
    public static let bodyChanges: [BodyChange] = [
        BodyChange(id: "body-trailing-newline-added", title: "a trailing newline was added to the body after signing (the signer hashed it without)") { body in
            guard body.last == 0x0A else { return nil }
            return Array(body.dropLast(body.suffix(2) == [0x0D, 0x0A] ? 2 : 1))
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

    /// A body change as a variant: the content-length and x-content-sha256 lines of the body
    /// the signer hashed.
    static func bodyVariant(_ change: BodyChange) -> MismatchVariant {
        MismatchVariant(id: change.id, title: change.title,
                        advice: "hash and send the same bytes: sign last, after every layer that touches the body") { candidate, context in
            guard let signedBody = change.signedBody(context.body) else { return [] }
            let digest = ContentDigest(bytes: signedBody)
            var out = candidate
            var touched = false
            let lengthDetail = "content-length \(digest.length) (body of \(digest.length) bytes) instead of \(context.body.count)"
            if let edited = out.replacing("content-length", with: String(digest.length), lengthDetail) { out = edited; touched = true }
            if let edited = out.replacing("x-content-sha256", with: digest.base64, "x-content-sha256 of the changed body") { out = edited; touched = true }
            return touched ? [out] : []
        }
    }
}
