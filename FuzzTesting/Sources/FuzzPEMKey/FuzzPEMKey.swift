import FuzzSupport
import OCISigning

// Fuzzes the PEM/key loader: OCIPrivateKey(pem:passphrase:) and OCIPublicKey(pem:).
// The first byte picks the pass phrase (none, "secret", a wrong one) so encrypted seeds are
// decrypted as well as refused. Properties: no crash; a loaded key signs, and its own public
// half verifies that signature; every error has a code and a non-empty reason.

let passphrases: [[UInt8]?] = [nil, Array("secret".utf8), Array("wrong".utf8)]

/// Entry point in debug builds (SwiftPM links `main` to `<Module>_main`).
@_cdecl("FuzzPEMKey_main")
public func fuzzPEMKeyMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzzPEMKey)
}

/// One input. Also exported under libFuzzer's name, which release builds call from libFuzzer's `main`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPEMKey(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzBytes(data, size)
    guard let selector = input.first else { return 0 }
    let pem = input.dropFirst()
    do throws(OCISigningError) {
        let key = try OCIPrivateKey(pem: pem, passphrase: passphrases[Int(selector) % passphrases.count])
        let message = Array("date: Thu, 05 Jan 2014 21:31:40 GMT".utf8)
        let signature = try key.sign(message)
        fuzzCheck(try key.publicKey.isValidSignature(signature, for: message), "a loaded key's signature does not verify with its public key")
        _ = try key.fingerprint
    } catch {
        fuzzCheck(!error.reason.isEmpty, "empty reason for \(error.code)")
    }
    do throws(OCISigningError) {
        let key = try OCIPublicKey(pem: pem)
        _ = try key.fingerprint
    } catch {
        fuzzCheck(!error.reason.isEmpty, "empty reason for \(error.code)")
    }
    return 0
}
