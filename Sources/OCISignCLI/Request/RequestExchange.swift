import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import OCISigning
import OCISigningFoundation

/// Signs and sends one `oci-sign request`, retrying by ``RetryRules``: every attempt gets a new
/// date and signature (OCI accepts ±5 minutes, a signature is never re-sent), the same
/// `opc-request-id`, and the same body, streamed again from its file.
struct RequestExchange {
    /// What is sent, before signing.
    struct Plan {
        var url: URL
        var method: String
        var headers: [(name: String, value: String)]
        var payload: RequestPayload
        var excludeBody: Bool
    }

    /// The last attempt: what was signed and what came back.
    struct Result {
        var signed: SignedURLRequest
        var signedDate: HTTPDate
        var outcome: RequestTransport.Outcome
        var attempts: Int
    }

    let plan: Plan
    let signer: OCIRequestSigner
    let rules: RetryRules
    let timeouts: RequestTransport.Timeouts
    var now: @Sendable () -> HTTPDate = { .now() }
    var sleep: (Int) -> Void = { seconds in Thread.sleep(forTimeInterval: TimeInterval(seconds)) }

    /// Runs the attempts; `destination` picks where the final response's body goes.
    func run(trace: inout VerboseTrace, destination: @escaping @Sendable (ResponseHead) -> ResponseSink.Destination) throws(OCISigningError) -> Result {
        var number = 1
        while true {
            let date = now()
            let signed = try sign(date: date)
            trace.register(signed)
            trace.request(signed, attempt: number, payload: plan.payload, excludeBody: plan.excludeBody)
            let attempt = number
            let rules = self.rules
            let headTrace = trace
            // The head is traced when it arrives, so it precedes a body streamed to stdout.
            let outcome = RequestTransport.send(signed.urlRequest, payload: plan.payload, timeouts: timeouts) { head in
                headTrace.response(head)
                return rules.retries(after: head.status, attempt: attempt) ? ResponseSink(.discard) : ResponseSink(destination(head))
            }
            let status: Int?
            var retryAfter: String?
            switch outcome {
            case .response(let head, _, _):
                status = head.status
                retryAfter = head.value("Retry-After")
            case .noResponse(let reason):
                trace.note("no response: \(reason)")
                status = nil
            }
            guard rules.retries(after: status, attempt: number) else {
                if let refusal = rules.refusal(after: status) { trace.note(refusal) }
                return Result(signed: signed, signedDate: date, outcome: outcome, attempts: number)
            }
            let wait = rules.delay(retryAfter: retryAfter, attempt: number, now: now())
            trace.note("retrying in \(wait) s (\(status.map { "status \($0)" } ?? "no response"), attempt \(number + 1) of \(rules.retries + 1))")
            sleep(wait)
            number += 1
        }
    }

    /// The URLRequest of one attempt, signed for `date`.
    func sign(date: HTTPDate) throws(OCISigningError) -> SignedURLRequest {
        var request = URLRequest(url: plan.url)
        request.httpMethod = plan.method
        for header in plan.headers { request.addValue(header.value, forHTTPHeaderField: header.name) }
        if SigningPolicy.bodyMethods.contains(where: { $0.rawValue == plan.method }),
           request.value(forHTTPHeaderField: "Content-Length") == nil {
            // Set explicitly so the framing never depends on the URLSession implementation
            // (OCI refuses chunked uploads); an exclude-body operation sends it unsigned.
            request.setValue(String(try plan.payload.signingBody.length()), forHTTPHeaderField: "Content-Length")
        }
        return try signer.sign(request, body: plan.payload.signingBody, options: SigningOptions(excludeBody: plan.excludeBody, date: date))
    }
}
