import Foundation
import HTTPTypes
import OCISigning

// leak-check SIGNATURES KEY_LOADS VECTORS_JSON
//
// Signs SIGNATURES requests (POST with a body, GET, and file bodies) with one shared signer and
// performs KEY_LOADS key loads cycling through good and failing inputs: unencrypted PKCS#1 and
// PKCS#8, encrypted keys with the right, a wrong and no pass phrase, a corrupt PEM, a truncated
// PEM, a public key given as private key, garbage; plus public-key loads. Every outcome is
// checked against the expected error code, so a silent change of behaviour fails the run too.
// Prints counts; exit 0 only if every outcome was as expected and no file descriptor leaked.
// Leaks themselves are reported by LeakSanitizer / valgrind at exit (scripts/leaks.sh).

let arguments = CommandLine.arguments
guard arguments.count == 4, let signatureCount = Int(arguments[1]), let keyLoadCount = Int(arguments[2]) else {
    print("usage: leak-check SIGNATURES KEY_LOADS path/to/oci-doc-test-vectors.json")
    exit(2)
}
let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: arguments[3]))) as! [String: Any]
let key = json["key"] as! [String: Any]
let encodings = json["derived_key_encodings"] as! [String: Any]
let pkcs1 = Array((key["private_key_pem_pkcs1"] as! String).utf8)
let publicPEM = Array((key["public_key_pem_spki"] as! String).utf8)
let pkcs8 = Array((encodings["private_key_pem_pkcs8"] as! String).utf8)
let encryptedPKCS8 = Array((encodings["private_key_pem_pkcs8_encrypted_aes256cbc_pbkdf2"] as! String).utf8)
let legacyEncrypted = Array((encodings["private_key_pem_pkcs1_legacy_encrypted_aes128cbc"] as! String).utf8)
var corrupt = pkcs1
corrupt[100] = corrupt[100] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")  // one base64 digit changed
let truncated = Array(pkcs1.prefix(pkcs1.count / 2)) + Array("\n-----END RSA PRIVATE KEY-----\n".utf8)

func openFileDescriptors() -> Int { (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? -1 }
let descriptorsAtStart = openFileDescriptors()

// MARK: Key loads
struct Load { let name: String; let run: () throws -> Void; let expected: OCISigningError.Code? }
let secret = Array("secret".utf8), wrong = Array("wrong".utf8)
let loads: [Load] = [
    Load(name: "pkcs1", run: { _ = try OCIPrivateKey(pem: pkcs1) }, expected: nil),
    Load(name: "pkcs8", run: { _ = try OCIPrivateKey(pem: pkcs8) }, expected: nil),
    Load(name: "encrypted pkcs8, right pass phrase", run: { _ = try OCIPrivateKey(pem: encryptedPKCS8, passphrase: secret) }, expected: nil),
    Load(name: "encrypted pkcs8, wrong pass phrase", run: { _ = try OCIPrivateKey(pem: encryptedPKCS8, passphrase: wrong) }, expected: .wrongPassphrase),
    Load(name: "encrypted pkcs8, no pass phrase", run: { _ = try OCIPrivateKey(pem: encryptedPKCS8) }, expected: .missingPassphrase),
    Load(name: "legacy encrypted, right pass phrase", run: { _ = try OCIPrivateKey(pem: legacyEncrypted, passphrase: secret) }, expected: nil),
    Load(name: "legacy encrypted, wrong pass phrase", run: { _ = try OCIPrivateKey(pem: legacyEncrypted, passphrase: wrong) }, expected: .wrongPassphrase),
    Load(name: "corrupt PEM", run: { _ = try OCIPrivateKey(pem: corrupt) }, expected: .invalidKey),
    Load(name: "truncated PEM", run: { _ = try OCIPrivateKey(pem: truncated) }, expected: .invalidKey),
    Load(name: "public key given", run: { _ = try OCIPrivateKey(pem: publicPEM) }, expected: .notAPrivateKey),
    Load(name: "garbage", run: { _ = try OCIPrivateKey(pem: Array("not a key".utf8)) }, expected: .invalidKey),
    Load(name: "public key", run: { _ = try OCIPublicKey(pem: publicPEM).fingerprint }, expected: nil),
    Load(name: "private key as public key", run: { _ = try OCIPublicKey(pem: pkcs1) }, expected: .invalidKey),
    Load(name: "missing key file", run: { _ = try OCIPrivateKey(pemFile: "/nonexistent/key.pem") }, expected: .fileUnreadable),
]
var loadOutcomes: [String: Int] = [:]
var unexpected = 0
for index in 0..<keyLoadCount {
    let load = loads[index % loads.count]
    var outcome: OCISigningError.Code?
    do { try load.run() } catch let error as OCISigningError { outcome = error.code } catch { fatalError("untyped error \(error)") }
    if outcome != load.expected {
        unexpected += 1
        if unexpected <= 5 { print("UNEXPECTED: \(load.name): \(outcome?.rawValue ?? "success")") }
    }
    loadOutcomes[load.name + " → " + (outcome?.rawValue ?? "ok"), default: 0] += 1
}

// MARK: Signatures
let signer = try OCIRequestSigner(keyID: "leak/check/key", privateKey: OCIPrivateKey(pem: pkcs1), allowWeakKey: true)
let publicKey = try OCIPublicKey(pem: publicPEM)
let bodyFile = NSTemporaryDirectory() + "leak-check-body-\(getpid())"
try Data(repeating: 0x61, count: 100_000).write(to: URL(fileURLWithPath: bodyFile))
defer { unlink(bodyFile) }
var signatureOutcomes: [String: Int] = [:]
var verified = 0
for index in 0..<signatureCount {
    var fields = HTTPFields()
    fields[.date] = "Thu, 05 Jan 2014 21:31:40 GMT"
    let kind = index % 10
    let request = HTTPRequest(method: kind < 3 ? .get : .post, scheme: "https", authority: "iaas.example.com",
                              path: "/20160918/volumes?i=\(index)", headerFields: fields)
    let body: RequestBody
    switch kind {
    case 0..<3: body = .empty
    case 3: body = .file(path: bodyFile)
    case 4: body = .file(path: "/proc/self/stat")  // refused: bodyChanged
    default: body = .bytes(Array("{\"i\":\(index)}".utf8))
    }
    do {
        let signed = try signer.sign(request, body: body)
        if index % 100 == 0 {  // verifying every signature would double the run time
            if publicKey.isValidSignature(signed.signature, for: Array(signed.signingString.utf8)) { verified += 1 } else { unexpected += 1 }
        }
        signatureOutcomes["signed", default: 0] += 1
        if kind == 4 { unexpected += 1 }
    } catch {
        signatureOutcomes[error.code.rawValue, default: 0] += 1
        if !(kind == 4 && error.code == .bodyChanged) { unexpected += 1 }
    }
}

// LEAK_CHECK_PLANT=1 leaks one 4 KiB block on purpose, to show the run would catch a leak.
if ProcessInfo.processInfo.environment["LEAK_CHECK_PLANT"] == "1" {
    let planted = UnsafeMutableRawPointer.allocate(byteCount: 4096, alignment: 16)
    planted.storeBytes(of: 0x5A, as: UInt8.self)
    print("planted a 4096-byte leak at \(planted.hashValue != 0 ? "a heap address" : "?")")
}

let descriptorsAtEnd = openFileDescriptors()
print("key loads: \(keyLoadCount)")
for (name, count) in loadOutcomes.sorted(by: { $0.key < $1.key }) { print("  \(count)\t\(name)") }
print("signatures attempted: \(signatureCount)")
for (name, count) in signatureOutcomes.sorted(by: { $0.key < $1.key }) { print("  \(count)\t\(name)") }
print("  \(verified)\tsampled signatures verified with the public key")
print("open file descriptors: \(descriptorsAtStart) at start, \(descriptorsAtEnd) at end")
print("unexpected outcomes: \(unexpected)")
exit(unexpected == 0 && descriptorsAtEnd == descriptorsAtStart ? 0 : 1)
