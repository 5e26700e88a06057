import FuzzSupport
import OCISigning

// Fuzzes the small text formats the signer reads from callers: IMF-fixdate dates
// (HTTPDate(imfFixdate:)) and strict base64 (Base64.decode).
// Properties: no crash; a parsed date formats to a date that parses to the same instant;
// decoded base64 re-encodes to exactly the input (strict decoding has one spelling per value).

/// Entry point in debug builds (SwiftPM links `main` to `<Module>_main`).
@_cdecl("FuzzTextFormats_main")
public func fuzzTextFormatsMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzzTextFormats)
}

/// One input. Also exported under libFuzzer's name, which release builds call from libFuzzer's `main`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTextFormats(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    if let date = try? HTTPDate(imfFixdate: text) {
        let again = try? HTTPDate(imfFixdate: date.imfFixdate)
        fuzzCheck(again == date, "'\(text)' → '\(date.imfFixdate)' does not parse back to the same instant")
    }
    if let bytes = Base64.decode(text) {
        fuzzCheck(Base64.encode(bytes) == text, "base64 '\(text.prefix(80))' decodes but re-encodes differently")
    }
    return 0
}
