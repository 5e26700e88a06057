import Foundation
import HTTPTypes
import OCISigning
import OCISigningOpenAPI
@_spi(Generated) import OpenAPIRuntime

// Interleaved rounds of N direct signatures (process CPU time) and N middleware calls (same key, same request and
// body, a no-op transport), so machine noise hits both alike; the median of the per-round ratios
// is reported. Then a 64 MiB body that can be iterated twice goes through the middleware (hashed
// as it streams, then read once more by a draining transport) while peak RSS is watched.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let key = try OCIPrivateKey(pemFile: root.appendingPathComponent("Vectors/keys/rsa2048.pem").path)
let keyID = "ocid1.tenancy.oc1..t/ocid1.user.oc1..u/aa:bb"
let middleware = OCISigningMiddleware(identityProvider: OCIStaticIdentityProvider(keyID: keyID, privateKey: key))
let json = Array(#"{"model":"meta.llama-3.3-70b-instruct","messages":[{"role":"user","content":"Hello"}]}"#.utf8)
let baseURL = URL(string: "https://inference.generativeai.us-chicago-1.oci.oraclecloud.com/openai/v1")!
nonisolated(unsafe) var relative = HTTPRequest(soar_path: "/chat/completions", method: .post)
relative.headerFields[.contentType] = "application/json; charset=utf-8"
nonisolated(unsafe) var absolute = relative
absolute.scheme = "https"
absolute.authority = baseURL.host
absolute.path = "/openai/v1/chat/completions"
let ok: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?) = { _, _, _ in (HTTPResponse(status: .ok), nil) }

/// Process CPU time spent in `work`: other processes on a shared machine do not count.
func seconds(_ work: () async throws -> Void) async rethrows -> Double {
    func cpu() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
    let start = cpu()
    try await work()
    return cpu() - start
}

#if os(Linux)
let RUSAGE_SELF_WHO = __rusage_who_t(RUSAGE_SELF.rawValue)
#else
let RUSAGE_SELF_WHO = RUSAGE_SELF
#endif

func peakRSSMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF_WHO, &usage)
    return Double(usage.ru_maxrss) / 1024   // KiB on Linux
}

/// The interleaved rounds, in one nonisolated function: both paths run on the same executor
/// thread (top-level code is main-actor code, and every call from there to the async
/// middleware would hop threads, which is not the middleware's cost).
func measure(rounds: Int, perRound: Int) async throws -> (direct: [Double], through: [Double], ratios: [Double]) {
    let signer = try OCIRequestSigner(keyID: keyID, privateKey: key)
    let middleware = OCISigningMiddleware(identityProvider: OCIStaticIdentityProvider(keyID: keyID, privateKey: key))
    var ratios: [Double] = [], direct: [Double] = [], through: [Double] = []
    for _ in 0..<20 { _ = try signer.sign(absolute, body: .bytes(json)); _ = try await middleware.intercept(relative, body: HTTPBody(json), baseURL: baseURL, operationID: "c", next: ok) }
    for _ in 0..<rounds {
        let d = try await seconds { for _ in 0..<perRound { _ = try signer.sign(absolute, body: .bytes(json)) } }
        let m = try await seconds {
            for _ in 0..<perRound { _ = try await middleware.intercept(relative, body: HTTPBody(json), baseURL: baseURL, operationID: "c", next: ok) }
        }
        direct.append(d / Double(perRound)); through.append(m / Double(perRound)); ratios.append(m / d)
    }
    return (direct, through, ratios)
}
let rounds = 151, perRound = 20
let (direct, through, ratios) = try await measure(rounds: rounds, perRound: perRound)
func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
print(String(format: "small POST: signer %.1f µs, middleware %.1f µs, overhead %+.2f %% (median of %d rounds × %d)",
             median(direct) * 1e6, median(through) * 1e6, (median(ratios) - 1) * 100, rounds, perRound))

/// 64 MiB in 64 KiB chunks made on the fly: iterable any number of times, never held whole.
struct Generated: AsyncSequence, Sendable {
    let chunks: Int
    struct AsyncIterator: AsyncIteratorProtocol {
        var left: Int
        let chunk = ArraySlice([UInt8](repeating: 0x5A, count: 64 << 10))
        mutating func next() async -> ArraySlice<UInt8>? {
            guard left > 0 else { return nil }
            left -= 1
            return chunk
        }
    }
    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(left: chunks) }
}
let before = peakRSSMiB()
let drain: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?) = { request, body, _ in
    var sent = 0
    if let body { for try await chunk in body { sent += chunk.count } }
    precondition(request.headerFields[.contentLength] == String(sent))
    return (HTTPResponse(status: .ok), nil)
}
let big = HTTPBody(Generated(chunks: 1024), length: .known(64 << 20), iterationBehavior: .multiple)
let elapsed = try await seconds {
    _ = try await middleware.intercept(HTTPRequest(soar_path: "/objects", method: .put), body: big, baseURL: baseURL, operationID: "upload", next: drain)
}
print(String(format: "64 MiB multi-pass body: hashed and sent in %.2f s; peak RSS %.1f MiB before, %.1f MiB after (+%.1f MiB)",
             elapsed, before, peakRSSMiB(), peakRSSMiB() - before))
