extension MismatchCatalogue {
    /// How the lines were joined and ordered.
    static let lineVariants = [trailingNewline, crlfJoins, headerOrder]

    static let trailingNewline = MismatchVariant(
        id: "trailing-newline", title: "the signer ended the signing string with a newline",
        advice: "lines are joined with LF and there is no trailing LF (a heredoc or println adds one)"
    ) { candidate, _ in
        guard candidate.trailer.isEmpty else { return [] }
        return [candidate.rendered(joiner: candidate.joiner, trailer: candidate.joiner, "a trailing line break after the last line")]
    }

    static let crlfJoins = MismatchVariant(
        id: "crlf-joins", title: "the signer joined the lines with CRLF",
        advice: "join with a bare LF; CRLF appears when the string is built on Windows or copied from an HTTP message"
    ) { candidate, _ in
        guard candidate.joiner == "\n" else { return [] }
        return [candidate.rendered(joiner: "\r\n", trailer: candidate.trailer.isEmpty ? "" : "\r\n", "CRLF between lines")]
    }

    static let headerOrder = MismatchVariant(
        id: "header-order", title: "the signer built the lines in a different order than headers=\"…\" lists",
        advice: "the server rebuilds the string in the headers=\"…\" order; build and list in the same order"
    ) { candidate, _ in
        reorderings(of: candidate.components).map { order in
            candidate.with(order, "lines in the order '\(order.map(\.name).joined(separator: " "))'")
        }
    }

    /// Every other order of the lines; for more than 7 lines only adjacent swaps and rotations.
    static func reorderings<Line: Equatable>(of lines: [Line]) -> [[Line]] {
        var orders: [[Line]] = []
        if lines.count <= 7 {
            func permute(_ prefix: [Line], _ rest: [Line]) {
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
        return orders.filter { $0 != lines }
    }
}
