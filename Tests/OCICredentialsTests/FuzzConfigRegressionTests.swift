import Foundation
import OCICredentials
import OCISigning
import Testing

/// The kept inputs of the FuzzConfigFile target (FuzzTesting/FailCases/FuzzConfigFile/),
/// replayed with its properties on every `swift test`: no crash; every key a profile lists
/// resolves with a line inside the file; errors carry a reason.
@Suite struct FuzzConfigRegressionTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("FuzzTesting/FailCases/FuzzConfigFile").path

    static var failCases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test("FuzzConfigFile fail case", arguments: failCases)
    func configFailCase(_ name: String) throws {
        let input = Array(try Data(contentsOf: URL(fileURLWithPath: Self.directory + "/" + name)))
        let file: OCIConfigFile
        do throws(OCISigningError) {
            file = try OCIConfigFile(parsing: input, path: "fuzz/config")
        } catch {
            #expect(!error.reason.isEmpty)
            return
        }
        let lineCount = input.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        for name in file.sections.map(\.name) + [OCIConfigFile.defaultProfileName] {
            guard let profile = try? file.profile(name) else { continue }
            for key in profile.keys {
                let value = try #require(profile.value(key))
                #expect(profile[key] == value.value && (1...lineCount).contains(value.line))
            }
        }
    }
}
