import Foundation
import HTTPTypes
import OCISigning
import OCIRawRequest
import Testing

/// Every input kept in FuzzTesting/FailCases replayed with its fuzz target's properties, plus
/// the findings of the hardening work as named cases (Docs/hardening.md lists them).
@Suite struct FuzzRegressionTests {
    static func failCases(_ target: String) -> [String] {
        let directory = Repo.url("FuzzTesting/FailCases/\(target)").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { "\(target)/\($0)" }
    }

    static let passphrases: [[UInt8]?] = [nil, Array("secret".utf8), Array("wrong".utf8)]

    /// FuzzPEMKey's properties: no crash; a loaded key's signature verifies with its public half.
    @Test("FuzzPEMKey fail case", arguments: failCases("FuzzPEMKey"))
    func pemFailCase(_ name: String) throws {
        let input = try Repo.bytes("FuzzTesting/FailCases/\(name)")
        guard let selector = input.first else { return }
        let pem = Array(input.dropFirst())
        do {
            let key = try OCIPrivateKey(pem: pem, passphrase: Self.passphrases[Int(selector) % 3])
            let message = Array("date: Thu, 05 Jan 2014 21:31:40 GMT".utf8)
            #expect(try key.publicKey.isValidSignature(key.sign(message), for: message), "a loaded key signs unverifiable signatures")
        } catch {
            #expect(!error.reason.isEmpty)
        }
        _ = try? OCIPublicKey(pem: pem)
    }

    /// FuzzRawRequest's properties: re-parse of the serialization is identical; a signature verifies.
    @Test("FuzzRawRequest fail case", arguments: failCases("FuzzRawRequest"))
    func rawFailCase(_ name: String) throws {
        let input = try Repo.bytes("FuzzTesting/FailCases/\(name)")
        guard let raw = try? RawHTTPRequest(parsing: input) else { return }
        #expect(try RawHTTPRequest(parsing: raw.serialized()) == raw)
        let docs = DocVectors.shared
        let key = try OCIPrivateKey(pem: docs.privateKeyPEM)
        let signer = try OCIRequestSigner(keyID: "fuzz/fuzz/fuzz", privateKey: key, allowWeakKey: true)
        if let signed = try? signer.sign(raw.httpRequest(), body: raw.body.isEmpty ? .empty : .bytes(raw.body), options: .init(date: HTTPDate(secondsSince1970: 1_389_216_700))) {
            #expect(try OCIPublicKey(pem: Array(docs.publicKeyPEM.utf8)).isValidSignature(signed.signature, for: Array(signed.signingString.utf8)))
        }
    }

    /// FuzzTextFormats' properties: dates and base64 round-trip.
    @Test("FuzzTextFormats fail case", arguments: failCases("FuzzTextFormats"))
    func textFailCase(_ name: String) throws {
        let text = String(decoding: try Repo.bytes("FuzzTesting/FailCases/\(name)"), as: UTF8.self)
        if let date = try? HTTPDate(imfFixdate: text) { #expect(try HTTPDate(imfFixdate: date.imfFixdate) == date) }
        if let bytes = Base64.decode(text) { #expect(Base64.encode(bytes) == text) }
    }

    /// Finding 3 (FuzzTextFormats, crash-04f7b4ec…): 'Thu, 05 Jan 0503 21:31:40 GMT' parsed,
    /// but was written back as '… Jan 503 …', which no IMF-fixdate parser accepts. The expected
    /// texts below are the four-digit years of RFC 9110's IMF-fixdate grammar.
    @Test func earlyYearsKeepFourDigits() throws {
        let text = String(decoding: try Repo.bytes("FuzzTesting/FailCases/FuzzTextFormats/crash-04f7b4ec5305f25ad2708f8c2efabd983571c49a"), as: UTF8.self)
        #expect(text == "Thu, 05 Jan 0503 21:31:40 GMT")
        let date = try HTTPDate(imfFixdate: text)
        #expect(date.imfFixdate.hasSuffix(" 05 Jan 0503 21:31:40 GMT"))
        #expect(try HTTPDate(imfFixdate: date.imfFixdate) == date)
        #expect(try HTTPDate(imfFixdate: "Sat, 01 Jan 0000 00:00:00 GMT").imfFixdate == "Sat, 01 Jan 0000 00:00:00 GMT")
        #expect(try HTTPDate(imfFixdate: "Fri, 31 Dec 9999 23:59:59 GMT").imfFixdate == "Fri, 31 Dec 9999 23:59:59 GMT")
    }

    /// Instants an IMF-fixdate cannot express are refused by the signer, and formatting them
    /// does not trap (Int64.min overflowed the calendar arithmetic before).
    @Test(arguments: [Int64.min, -62_167_219_201, 253_402_300_800, Int64.max])
    func unrepresentableDatesAreRefused(seconds: Int64) throws {
        _ = HTTPDate(secondsSince1970: seconds).imfFixdate
        let key = try OCIPrivateKey(pem: DocVectors.shared.privateKeyPEM)
        let signer = try OCIRequestSigner(keyID: "a/b/c", privateKey: key, allowWeakKey: true)
        let request = HTTPRequest(method: .get, scheme: "https", authority: "a.example", path: "/")
        #expect { try signer.sign(request, options: .init(date: HTTPDate(secondsSince1970: seconds))) } throws: {
            ($0 as? OCISigningError)?.code == .invalidDate
        }
    }

    /// Finding 1 (FuzzPEMKey, crash-6abec05f…): a mutated legacy-encrypted key that still
    /// decrypts with `secret` loaded, and its signatures did not verify.
    @Test func corruptedEncryptedKeyIsRefused() throws {
        let input = try Repo.bytes("FuzzTesting/FailCases/FuzzPEMKey/crash-6abec05f9b421d7f7430d71ee8f622aaf1d21ae8")
        #expect(input.first == 1)  // selector 1: pass phrase "secret"
        #expect { try OCIPrivateKey(pem: input.dropFirst(), passphrase: Array("secret".utf8)) } throws: {
            ($0 as? OCISigningError)?.code == .invalidKey
        }
    }

    /// Finding 2 (leak-check): one base64 digit of the modulus changed in Oracle's PKCS#1 test
    /// key; libcrypto loads it and it signs garbage.
    @Test(arguments: [100, 120, 200])
    func oneChangedDigitIsRefused(offset: Int) throws {
        var pem = Array(DocVectors.shared.privateKeyPEM.utf8)
        pem[offset] = pem[offset] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect { try OCIPrivateKey(pem: pem) } throws: { ($0 as? OCISigningError)?.code == .invalidKey }
    }

    /// The unmodified key still loads and signs verifiably (the self-test is not too strict).
    @Test func intactKeysStillLoad() throws {
        let docs = DocVectors.shared
        for pem in [docs.privateKeyPEM, docs.encodings["private_key_pem_pkcs8"] as! String] {
            _ = try OCIPrivateKey(pem: pem)
        }
        _ = try OCIPrivateKey(pem: Array((docs.encodings["private_key_pem_pkcs8_encrypted_aes256cbc_pbkdf2"] as! String).utf8), passphrase: Array("secret".utf8))
    }

    /// Finding 3 (FuzzPEMKey log: "Enter PEM pass phrase:"): OCIPublicKey(pem:) passed no
    /// pass-phrase callback, so for an encrypted private key libcrypto prompted on the terminal
    /// (or, without one, on standard error) and waited for input. Standard input and error are
    /// redirected to pipes for the call: the fixed loader writes no prompt and reads nothing.
    @Test func publicKeyLoaderNeverPrompts() throws {
        let docs = DocVectors.shared
        for name in ["private_key_pem_pkcs1_legacy_encrypted_aes128cbc", "private_key_pem_pkcs8_encrypted_aes256cbc_pbkdf2"] {
            let pem = Array((docs.encodings[name] as! String).utf8)
            let (result, stderrText) = try Self.withRedirectedStdio(stdin: "secret\n") { () -> OCISigningError.Code? in
                do throws(OCISigningError) { _ = try OCIPublicKey(pem: pem); return nil } catch { return error.code }
            }
            #expect(result == .invalidKey, "\(name)")
            #expect(!stderrText.contains("pass phrase"), "\(name): libcrypto prompted: \(stderrText)")
        }
    }

    /// Runs `body` with fd 0 reading `stdin` from a pipe and fd 2 captured; restores both.
    static func withRedirectedStdio<R>(stdin text: String, _ body: () -> R) throws -> (R, String) {
        var input: [Int32] = [0, 0], output: [Int32] = [0, 0]
        guard pipe(&input) == 0, pipe(&output) == 0 else { throw POSIXError(.EIO) }
        _ = Array(text.utf8).withUnsafeBytes { write(input[1], $0.baseAddress, $0.count) }
        close(input[1])
        let savedIn = dup(0), savedErr = dup(2)
        dup2(input[0], 0)
        dup2(output[1], 2)
        let result = body()
        dup2(savedIn, 0)
        dup2(savedErr, 2)
        close(savedIn); close(savedErr); close(input[0]); close(output[1])
        var captured: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(output[0], $0.baseAddress, $0.count) }
            if n <= 0 { break }
            captured += buffer[0..<n]
        }
        close(output[0])
        return (result, String(decoding: captured, as: UTF8.self))
    }
}
