import ArgumentParser
import Foundation
import OCISigning

/// `oci-sign request`: signs a request and sends it over URLSession, like curl.
public struct RequestCommand: TerminalCommand {
    /// The command's name and help text.
    public static let configuration = CommandConfiguration(
        commandName: "request",
        abstract: "Sign an OCI request and send it (curl-like), diagnosing a 401.",
        discussion: """
            URL is a full https:// URL, or a PATH with --service and --region \
            (oci-sign request --service iaas --region us-ashburn-1 /20160918/instances?compartmentId=…).

            The bytes signed are the bytes sent: -d as given (-d @FILE drops CR and LF as curl \
            does; --data-binary @FILE sends the file exactly), -T FILE streamed from disk. \
            PutObject, UploadPart and PutMessages are recognised by method and path and signed \
            without their body (--exclude-body / --sign-body override). Redirects are not followed.

            Exit status: 0 a response arrived (any status); 22 with --fail and a status of 400 or \
            more; 7 no response (connection refused, host not found, TLS failure, timeout); \
            1 the response broke off; 2 the key, a file or an option value could not be used; \
            64 usage error.
            """)

    /// The signing key: `--key-file/--key-id`, `--profile`, `--auth`, `--region`.
    @OptionGroup public var key: KeyOptions

    /// Method, headers and body.
    @OptionGroup public var message: RequestMessageOptions

    /// Output, retries and timeouts.
    @OptionGroup public var output: RequestOutputOptions

    /// The URL, or a PATH with `--service`.
    @Argument(help: ArgumentHelp("https://host/path?query, or /path?query with --service and --region.", valueName: "URL|PATH"))
    public var url: String

    /// Creates the command with default options (argument parsing fills them in).
    public init() {}

    /// Signs, sends and prints the answer; returns the exit status.
    public func execute(terminal: Terminal, context: CredentialContext) -> ExitStatus {
        let setup: SigningSetup
        let exchange: RequestExchange
        let outputFile: FileHandle?
        do {
            setup = try key.makeSigningSetup(terminal: terminal, context: context)
            exchange = try makeExchange(setup: setup, terminal: terminal, context: context)
            outputFile = try output.openOutputFile()
        } catch {
            terminal.error("oci-sign: \(error)")
            return .forSetup(error)
        }
        var trace = VerboseTrace(terminal: terminal, enabled: output.verbose)
        let result: RequestExchange.Result
        do {
            result = try exchange.run(trace: &trace, destination: output.destination(terminal: terminal, file: outputFile))
        } catch {
            terminal.error(trace.redaction.apply("oci-sign: \(error)"))
            return .credentials
        }
        return RequestReport(output: output, terminal: terminal, redaction: trace.redaction)
            .finish(result, signer: setup.signer, exchange: exchange)
    }

    /// The plan, retry rules and timeouts from the options.
    func makeExchange(setup: SigningSetup, terminal: Terminal, context: CredentialContext) throws(OCISigningError) -> RequestExchange {
        let payload = try message.payload(terminal: terminal)
        let target = try RequestEndpoint.url(url, service: message.service, region: key.auth.region,
                                             environment: context.environment.variables)
        var headers = try message.parsedHeaders()
        for header in setup.extraHeaders where !headers.contains(where: { $0.name.lowercased() == header.name.lowercased() }) {
            headers.append((header.name, header.valueText))
        }
        if !headers.contains(where: { $0.name.lowercased() == "opc-request-id" }) {
            headers.append(("opc-request-id", OCIRequestID.make()))
        }
        let method = message.method ?? (message.uploadFile != nil ? "PUT" : payload.isPresent ? "POST" : "GET")
        let excludeBody = try message.excludesBody(method: method, url: target)
        let plan = RequestExchange.Plan(url: target, method: method, headers: headers, payload: payload, excludeBody: excludeBody)
        let rules = RetryRules(retries: output.retry, maximumWait: output.retryMaxWait, method: method, headerNames: headers.map(\.name))
        let timeouts = RequestTransport.Timeouts(idle: TimeInterval(output.idleTimeout), total: TimeInterval(output.maxTime))
        return RequestExchange(plan: plan, signer: setup.signer, rules: rules, timeouts: timeouts)
    }
}
