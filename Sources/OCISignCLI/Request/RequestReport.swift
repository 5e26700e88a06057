import Foundation
import OCISigning
import OCISigningDiagnostics

/// What `oci-sign request` prints after the last attempt, and its exit status.
struct RequestReport {
    let output: RequestOutputOptions
    let terminal: Terminal
    let redaction: SecretRedaction

    func finish(_ result: RequestExchange.Result, signer: OCIRequestSigner, exchange: RequestExchange) -> ExitStatus {
        switch result.outcome {
        case .noResponse(let reason):
            terminal.error("oci-sign: no response from \(exchange.plan.url.host ?? "the host") after \(result.attempts) attempt(s): \(reason)")
            return .noConnection
        case .response(let head, let sink, let failure):
            if head.status == 401 { diagnose(result, head: head, sink: sink, signer: signer, exchange: exchange) }
            if (300..<400).contains(head.status), let location = head.value("Location") {
                terminal.error("oci-sign: \(head.status) redirect to \(location) not followed (the signature is for this host and path); send a new request to it")
            }
            if let failure {
                terminal.error("oci-sign: the response broke off after \(sink.received) bytes: \(failure)")
                return .failure
            }
            if let problem = sink.writeError {
                terminal.error("oci-sign: writing the body to \(output.outputFile ?? "the output") failed: \(problem)")
                return .failure
            }
            if output.format == .json && !(output.fail && head.status >= 400) {
                guard !sink.overflowed else {
                    terminal.error("oci-sign: the response body has \(sink.received) bytes, more than --format json holds (\(ResponseSink.memoryLimit >> 20) MiB); write it with -o FILE")
                    return .failure
                }
                terminal.print(Self.json(head: head, body: output.outputFile == nil ? sink.kept : nil))
            }
            if output.fail && head.status >= 400 {
                terminal.error("oci-sign: the server answered \(head.status)")
                return .httpError
            }
            return .success
        }
    }

    private func diagnose(_ result: RequestExchange.Result, head: ResponseHead, sink: ResponseSink, signer: OCIRequestSigner, exchange: RequestExchange) {
        let operation = RequestMessageOptions.operation(method: exchange.plan.method, url: exchange.plan.url)
        let diagnosis = UnauthorizedDiagnosis(
            signedDate: result.signedDate, responseDate: head.value("Date"), keyID: signer.keyID, key: signer.privateKey,
            body: sink.kept, requestID: head.value("opc-request-id") ?? result.signed.urlRequest.value(forHTTPHeaderField: "opc-request-id"),
            signedBodyOf: exchange.plan.excludeBody ? nil : operation)
        terminal.error(redaction.apply("oci-sign: " + diagnosis.paragraph))
    }

    /// `{"status":…,"headers":{…},"data":…}`: `data` is the body's JSON when it is JSON, else
    /// its text; null when empty or written to a file.
    static func json(head: ResponseHead, body: [UInt8]?) -> String {
        let headers = JSONValue.object(head.headers.map { ($0.name, .string($0.value)) })
        let start = JSONValue.object([("status", .number(head.status)), ("headers", headers)]).rendered
        let data: String
        if let body, !body.isEmpty {
            if (try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])) != nil {
                data = String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            } else {
                data = JSONValue.string(String(decoding: body, as: UTF8.self)).rendered
            }
        } else {
            data = "null"
        }
        return String(start.dropLast()) + ",\"data\":" + data + "}"
    }
}
