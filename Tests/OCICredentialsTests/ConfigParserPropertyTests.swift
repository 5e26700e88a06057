import OCICredentials
import OCISigning
import Testing

/// Seeded generative test of the config parser: arbitrary line soup never crashes, every failure
/// is `malformedConfig` at a real line, and no error quotes base64-like line text.
@Suite struct ConfigParserPropertyTests {
    /// SplitMix64: deterministic, so a failure is reproducible from its seed.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
    }

    static let fragments: [[UInt8]] = [
        Array("[".utf8), Array("]".utf8), Array("=".utf8), Array("#".utf8), Array(";".utf8), Array(" ".utf8),
        Array("\t".utf8), Array("\r".utf8), Array("user".utf8), Array("DEFAULT".utf8), Array("S3CR+T/XYZ".utf8),
        Array("é".utf8), [0xFF], [0xEF, 0xBB, 0xBF], Array(":".utf8), Array("key_file".utf8),
    ]

    @Test("random configs: no crash, malformedConfig at a real line, no line text in errors", arguments: 0..<8)
    func randomConfigs(seed: UInt64) throws {
        var random = Generator(state: seed)
        for _ in 0..<250 {
            var lines: [[UInt8]] = []
            for _ in 0..<Int(random.next() % 8) {
                var line: [UInt8] = []
                for _ in 0..<Int(random.next() % 7) { line += random.pick(Self.fragments) }
                lines.append(line)
            }
            let text = lines.joined(separator: [UInt8(ascii: "\n")]).map { $0 }
            do {
                let file = try OCIConfigFile(parsing: text, path: "/cfg")
                for section in file.sections {
                    #expect(!section.name.isEmpty)
                    #expect(Set(section.entries.map(\.key)).count == section.entries.count)
                    for entry in section.entries {
                        #expect(!entry.key.isEmpty && entry.key == entry.key.lowercased())
                        #expect((1...max(lines.count, 1)).contains(entry.line))
                    }
                }
            } catch {
                #expect(error.code == .malformedConfig)
                #expect((1...max(lines.count, 1)).contains(error.line ?? 0), "\(error)")
                // Identifier-like keys (`key 'region'`) are quoted on purpose; base64-like text never is.
                #expect(!error.description.lowercased().contains("s3cr+t/xyz"), "\(error)")
            }
        }
    }
}
