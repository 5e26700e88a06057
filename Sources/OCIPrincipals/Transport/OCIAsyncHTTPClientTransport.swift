#if AsyncHTTPClient
import AsyncHTTPClient
import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOSSL
import OCISigning

/// ``OCIHTTPTransport`` over AsyncHTTPClient (the `AsyncHTTPClient` trait), whose TLS can trust
/// **only** a given certificate authority file, as OKE workload identity requires
/// (``OCIOKEWorkloadIdentityProvider``). Without a CA file it uses the system trust store.
///
/// Each call uses its own client (no connection reuse across calls, no proxy from the
/// environment, no redirects followed, no decompression), bounded by the call's timeout from
/// connect to last byte and by ``maxResponseBytes``. With a CA file, that file is read for
/// every call (so a rotated `ca.crt` is picked up) and is the only trust root: a certificate
/// it did not sign fails with `untrustedServerCertificate`, never a fallback.
public struct OCIAsyncHTTPClientTransport: OCIHTTPTransport {
    /// The only CA bundle trusted, or `nil` for the system store.
    public let trustedCertificateAuthorityFile: String?
    /// The largest body read; a longer one fails with `responseTooLarge`.
    public let maxResponseBytes: Int

    /// CA bundles are a few KiB; a larger file is refused.
    static let maxCertificateAuthorityBytes = 1 << 20

    /// Creates a transport.
    ///
    /// - Parameters:
    ///   - trustedCertificateAuthorityFile: A PEM file whose certificates are the only trust
    ///     roots; `nil` trusts the system store.
    ///   - maxResponseBytes: The largest body read.
    public init(trustedCertificateAuthorityFile: String? = nil, maxResponseBytes: Int = OCIHTTPLimits.maxResponseBytes) {
        self.trustedCertificateAuthorityFile = trustedCertificateAuthorityFile
        self.maxResponseBytes = maxResponseBytes
    }

    /// Sends one request; see ``OCIHTTPTransport/send(_:body:timeout:)``.
    public func send(_ request: HTTPRequest, body: [UInt8], timeout: Duration) async throws(OCISigningError) -> OCIHTTPResponse {
        let url = "\(request.scheme ?? "https")://\(request.authority ?? "")\(request.path ?? "/")"
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: try configuration(timeout: timeout))
        let result: Result<OCIHTTPResponse, OCISigningError>
        do {
            result = .success(try await exchange(client, request: request, url: url, body: body, timeout: timeout))
        } catch let error as OCISigningError {
            result = .failure(error)
        } catch {
            result = .failure(classify(error, url: url))
        }
        try? await client.shutdown()
        return try result.get()
    }

    private func exchange(_ client: HTTPClient, request: HTTPRequest, url: String, body: [UInt8], timeout: Duration) async throws -> OCIHTTPResponse {
        var outgoing = HTTPClientRequest(url: url)
        outgoing.method = NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue)
        for field in request.headerFields { outgoing.headers.add(name: field.name.rawName, value: field.value) }
        if !body.isEmpty { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await client.execute(outgoing, timeout: .nanoseconds(Int64(timeout.seconds * 1e9)))
        let collected: ByteBuffer
        do { collected = try await response.body.collect(upTo: maxResponseBytes) } catch is NIOTooManyBytesError {
            throw OCISigningError(.responseTooLarge, "the response from \(url) is larger than \(maxResponseBytes) bytes")
        }
        var fields = HTTPFields()
        for (name, value) in response.headers {
            if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
        }
        return OCIHTTPResponse(status: Int(response.status.code), headerFields: fields, body: Array(buffer: collected))
    }

    /// The client configuration: the TLS trust, no redirects, the call's limits.
    func configuration(timeout: Duration) throws(OCISigningError) -> HTTPClient.Configuration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .fullVerification
        if let file = trustedCertificateAuthorityFile {
            tls.trustRoots = .certificates(try Self.certificates(in: file))
            tls.additionalTrustRoots = []
        }
        let limit = TimeAmount.nanoseconds(Int64(max(timeout.seconds, 0.001) * 1e9))
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls, redirectConfiguration: .disallow,
            timeout: .init(connect: min(limit, .seconds(10)), read: limit), decompression: .disabled)
        configuration.httpVersion = .http1Only
        return configuration
    }

    /// The certificates of a PEM CA bundle; an unreadable, empty or non-PEM file is an error
    /// (never an empty trust list that would fail obscurely, never the system store).
    static func certificates(in file: String) throws(OCISigningError) -> [NIOSSLCertificate] {
        guard let handle = FileHandle(forReadingAtPath: file) else {
            throw OCISigningError(.untrustedServerCertificate, "cannot read the CA bundle \(file)", path: file)
        }
        defer { try? handle.close() }
        guard let data = (try? handle.read(upToCount: maxCertificateAuthorityBytes + 1)) ?? nil,
              data.count <= maxCertificateAuthorityBytes else {
            throw OCISigningError(.untrustedServerCertificate, "the CA bundle \(file) is empty, unreadable or larger than \(maxCertificateAuthorityBytes) bytes", path: file)
        }
        guard let certificates = try? NIOSSLCertificate.fromPEMBytes(Array(data)), !certificates.isEmpty else {
            throw OCISigningError(.untrustedServerCertificate, "the CA bundle \(file) holds no PEM certificate", path: file)
        }
        return certificates
    }

    func classify(_ error: any Error, url: String) -> OCISigningError {
        if let tls = error as? NIOSSLError {
            let trust = trustedCertificateAuthorityFile.map { "the CA bundle \($0)" } ?? "the system trust store"
            return OCISigningError(.untrustedServerCertificate, "the TLS handshake with \(url) failed: its certificate is not trusted by \(trust) (\(Self.describe(tls)))")
        }
        if let client = error as? HTTPClientError {
            if [.deadlineExceeded, .readTimeout, .connectTimeout, .tlsHandshakeTimeout].contains(client) {
                return OCISigningError(.requestTimedOut, "\(url) did not answer in time")
            }
            return OCISigningError(.connectionFailed, "cannot connect to \(url) (\(client))")
        }
        return OCISigningError(.connectionFailed, "cannot connect to \(url) (\(String(describing: type(of: error))): \(error))")
    }

    static func describe(_ error: NIOSSLError) -> String {
        let text = String(describing: error)
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }
}
#endif
