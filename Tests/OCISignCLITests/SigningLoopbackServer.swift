import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import OCIRawRequest
import OCISigning

/// A one-thread HTTP/1.1 server on 127.0.0.1 that verifies the OCI signature of every request
/// it receives and answers what the test scripts. It serves one request per connection, reads
/// at most 4 MiB of body, and stops by itself after `lifetime` seconds.
final class SigningLoopbackServer: @unchecked Sendable {
    /// A request as it arrived, with the verifier's verdict.
    struct Received: Sendable {
        var method: String
        var target: String
        var headers: [(name: String, value: String)]
        var body: [UInt8]
        /// nil when the signature verifies; otherwise why not.
        var verificationFailure: String?
        var verified: Bool { verificationFailure == nil }

        func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
    }

    /// The answer to one request.
    struct Answer: Sendable {
        var status: Int
        var headers: [(String, String)] = []
        var body: [UInt8] = []
    }

    typealias Handler = @Sendable (_ received: Received, _ index: Int) -> Answer

    let port: UInt16
    private let listener: Int32
    private let handler: Handler
    private let verifier: OCIRequestVerifier
    private let excludeBody: @Sendable (String, String) -> Bool
    private let lock = NSLock()
    private var requests: [Received] = []
    private var stopped = false
    private let finished = DispatchSemaphore(value: 0)

    /// Every request received so far.
    var received: [Received] { lock.withLock { requests } }

    init(publicKeyFile: String, lifetime: TimeInterval = 30,
         excludeBody: @escaping @Sendable (_ method: String, _ target: String) -> Bool = { _, _ in false },
         handler: @escaping Handler) throws {
        verifier = OCIRequestVerifier(publicKey: try OCIPublicKey(pemFile: publicKeyFile))
        self.handler = handler
        self.excludeBody = excludeBody
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        listener = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard bound == 0, listen(fd, 16) == 0 else { close(fd); throw POSIXError(.EADDRNOTAVAIL) }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        port = UInt16(bigEndian: address.sin_port)
        let deadline = Date().addingTimeInterval(lifetime)
        Thread.detachNewThread { [self] in serve(until: deadline) }
    }

    /// `http://127.0.0.1:PORT` + `path`.
    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Stops accepting and waits for the serving thread to end.
    func stop() {
        lock.withLock { stopped = true }
        finished.wait()
    }

    private func serve(until deadline: Date) {
        defer { close(listener); finished.signal() }
        var index = 0
        while Date() < deadline, !lock.withLock({ stopped }) {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            var timeout = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            if let received = read(connection) {
                lock.withLock { requests.append(received) }
                write(handler(received, index), to: connection)
                index += 1
            }
            close(connection)
        }
    }

    /// Reads the head, answers `Expect: 100-continue`, reads the body, verifies.
    private func read(_ connection: Int32) -> Received? {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        var headEnd: Int?
        while headEnd == nil {
            let count = recv(connection, &chunk, chunk.count, 0)
            guard count > 0, buffer.count < 65536 else { return nil }
            buffer += chunk[0..<count]
            headEnd = Self.find([13, 10, 13, 10], in: buffer)
        }
        let head = Array(buffer[..<headEnd!])
        var body = Array(buffer[(headEnd! + 4)...])
        let lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n")
        let headers: [(name: String, value: String)] = lines.dropFirst().compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        func value(_ name: String) -> String? { headers.first { $0.name.lowercased() == name }?.value }
        if value("expect")?.lowercased() == "100-continue" { _ = send(connection, "HTTP/1.1 100 Continue\r\n\r\n", 25, 0) }
        let length = min(Int(value("content-length") ?? "0") ?? 0, 4 << 20)
        while body.count < length {
            let count = recv(connection, &chunk, chunk.count, 0)
            guard count > 0 else { break }
            body += chunk[0..<count]
        }
        let parts = lines[0].split(separator: " ")
        guard parts.count == 3 else { return nil }
        let method = String(parts[0]), target = String(parts[1])
        return Received(method: method, target: target, headers: headers, body: body,
                        verificationFailure: verify(head: head, body: body, method: method, target: target))
    }

    private func verify(head: [UInt8], body: [UInt8], method: String, target: String) -> String? {
        do {
            let request = try RawHTTPRequest(parsing: head + [13, 10, 13, 10] + body).httpRequest()
            let options = VerificationOptions(excludeBody: excludeBody(method, target), allowWeakKey: true)
            let result = verifier.verify(request, body: body.isEmpty ? .empty : .bytes(body), options: options)
            return result.failure.map { "\($0)" }
        } catch {
            return "the server could not parse the request: \(error)"
        }
    }

    private func write(_ answer: Answer, to connection: Int32) {
        var text = "HTTP/1.1 \(answer.status) \(HTTPURLResponse.localizedString(forStatusCode: answer.status))\r\n"
        var headers = answer.headers
        if !headers.contains(where: { $0.0.lowercased() == "date" }) { headers.append(("Date", HTTPDate.now().imfFixdate)) }
        headers.append(("Content-Length", "\(answer.body.count)"))
        headers.append(("Connection", "close"))
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        let bytes = Array((text + "\r\n").utf8) + answer.body
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return }
            sent += count
        }
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) { return start }
        return nil
    }
}
