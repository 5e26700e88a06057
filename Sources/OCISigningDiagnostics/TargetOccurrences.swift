/// The places in a request-target where a layer between signer and wire may have re-encoded
/// one occurrence and not another (a proxy that turns `%20` into `+` next to a genuine `+`, a
/// URL class that decodes `%28` `%29` next to a raw `,`), and the targets the signer may have
/// signed: the received target with a subset of those places turned back.
struct TargetOccurrences {
    /// One place: the received bytes at `range`, what the signer may have had there instead,
    /// and what happened, in words ("'%20' re-encoded as '+'").
    struct Site {
        let range: Range<Int>
        let signed: [UInt8]
        let change: String
    }

    /// Most places whose every subset is tried (2^12 − 1 = 4,095 targets).
    static let maxSubsetSites = 12
    /// Most targets tried for one request.
    static let maxTargets = 4_096

    let target: [UInt8]
    let sites: [Site]

    init(_ target: String) {
        self.target = Array(target.utf8)
        sites = Self.sites(in: self.target)
    }

    static let reserved: Set<UInt8> = Set("()!$'*,;:@[]".utf8)

    static func sites(in bytes: [UInt8]) -> [Site] {
        let query = bytes.firstIndex(of: UInt8(ascii: "?")) ?? bytes.count
        var sites: [Site] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
               let value = UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                let escape = String(decoding: bytes[index...(index + 2)], as: UTF8.self)
                if value == 0x20, index > query {
                    sites.append(Site(range: index..<(index + 3), signed: Array("+".utf8), change: "'+' re-encoded as '%20'"))
                } else if value > 0x20, value < 0x7F, value != UInt8(ascii: "%") {
                    let character = String(UnicodeScalar(value))
                    sites.append(Site(range: index..<(index + 3), signed: [value], change: "'\(character)' encoded as '\(escape)'"))
                }
                index += 3
                continue
            }
            if byte == UInt8(ascii: "+"), index > query {
                sites.append(Site(range: index..<(index + 1), signed: Array("%20".utf8), change: "'%20' re-encoded as '+'"))
            } else if reserved.contains(byte) || (byte == UInt8(ascii: "/") && index > 0 && index < query) {
                let escape = "%" + VisibleBytes.hex2(byte).uppercased()
                sites.append(Site(range: index..<(index + 1), signed: Array(escape.utf8), change: "'\(escape)' decoded to '\(String(UnicodeScalar(byte)))'"))
            }
            index += 1
        }
        return sites
    }

    /// The subsets of sites tried: every non-empty subset up to ``maxSubsetSites`` places;
    /// beyond, each kind of change on its own (every subset of its places when few) and every
    /// combination of whole kinds. `exhaustive` says which.
    func subsets() -> (subsets: [[Int]], exhaustive: Bool) {
        if sites.count <= Self.maxSubsetSites {
            return ((1..<(1 << sites.count)).map { mask in sites.indices.filter { mask & (1 << $0) != 0 } }, true)
        }
        var kinds: [String: [Int]] = [:]
        for (index, site) in sites.enumerated() { kinds[site.change, default: []].append(index) }
        let groups = kinds.values.sorted { $0[0] < $1[0] }
        var out: [[Int]] = []
        for group in groups where group.count <= Self.maxSubsetSites {
            out += (1..<(1 << group.count)).map { mask in group.indices.filter { mask & (1 << $0) != 0 }.map { group[$0] } }
        }
        if groups.count <= Self.maxSubsetSites {
            out += (1..<(1 << groups.count)).map { mask in groups.indices.filter { mask & (1 << $0) != 0 }.flatMap { groups[$0] }.sorted() }
        }
        return (Array(out.prefix(Self.maxTargets)), false)
    }

    /// The target with the sites in `chosen` (ascending indices) turned back.
    func rewritten(_ chosen: [Int]) -> String {
        var out: [UInt8] = []
        var cursor = 0
        for index in chosen {
            let site = sites[index]
            out += target[cursor..<site.range.lowerBound]
            out += site.signed
            cursor = site.range.upperBound
        }
        out += target[cursor...]
        return String(decoding: out, as: UTF8.self)
    }

    /// "'%20' re-encoded as '+' at offset 18 (1 of the 2 places the request has '+')".
    func describe(_ chosen: [Int]) -> String {
        var byChange: [(String, [Int])] = []
        for index in chosen {
            let change = sites[index].change
            if let position = byChange.firstIndex(where: { $0.0 == change }) { byChange[position].1.append(index) } else { byChange.append((change, [index])) }
        }
        return byChange.map { change, indices in
            let all = sites.filter { $0.change == change }.count
            let offsets = indices.map { String(sites[$0].range.lowerBound) }.joined(separator: ", ")
            let share = indices.count == all ? (all == 1 ? "the only such place" : "all \(all) such places") : "\(indices.count) of the \(all) such places"
            return "\(change) at offset\(indices.count == 1 ? "" : "s") \(offsets) (\(share))"
        }.joined(separator: "; ")
    }
}
