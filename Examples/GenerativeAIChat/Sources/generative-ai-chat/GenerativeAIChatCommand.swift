import ArgumentParser
import Foundation
import GenerativeAIClient
import OCIPrincipals
import OCISigning
import OCISigningOpenAPI
import OpenAPIRuntime

/// `generative-ai-chat`: one chat completion from OCI Generative AI's OpenAI-compatible API,
/// through a generated client whose requests OCISigningMiddleware signs.
@main
struct GenerativeAIChatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generative-ai-chat",
        abstract: "Ask OCI Generative AI (OpenAI-compatible chat completions) with a signed request.",
        discussion: "Try it without an OCI account: ./demo.sh runs it against loopback_server.py, which verifies the signature with openssl.")

    @Option(help: "Endpoint base URL, e.g. http://127.0.0.1:8080/openai/v1; overrides --region.") var endpoint: String?
    @Option(help: "Region id or short code, e.g. us-chicago-1 or ord (gives https://inference.generativeai.<region>.oci.<realm domain>/openai/v1).") var region: String?
    @Option(help: "api_key, security_token, instance_principal, instance_obo_user, … (oci-sign's --auth; default: $OCI_CLI_AUTH, else the config profile, else instance principals).") var auth: String?
    @Option(help: "PEM private key file (the API signing key).") var keyFile: String?
    @Option(help: "Full keyId: tenancy-ocid/user-ocid/fingerprint.") var keyID: String?
    @Option(help: "Profile of the OCI config file.") var profile: String?
    @Option(help: "OCI config file (default ~/.oci/config).") var configFile: String?
    @Option(help: "Compartment OCID, sent as opc-compartment-id.") var compartmentID: String
    @Option(help: "Model name.") var model: String = "meta.llama-3.3-70b-instruct"
    @Flag(help: "Ask for a streamed answer (server-sent events) and print it as it arrives.") var stream = false
    @Flag(help: "Log what is signed (header names, redacted key id) to standard error.") var verbose = false
    @Argument(help: "The prompt.") var prompt: String

    func run() async throws {
        let (provider, identityRegion) = try await identityProvider()
        guard let base = endpoint ?? identityRegion.map(Endpoints.generativeAI(region:)), let serverURL = URL(string: base) else {
            throw ValidationError("give --endpoint, or --region (or a profile with a region)")
        }
        let client = Client(serverURL: serverURL, transport: StreamingURLSessionTransport(),
                            middlewares: [OCISigningMiddleware(identityProvider: provider, logger: verbose ? Log.stderr() : nil)])
        let request = Components.Schemas.ChatCompletionRequest(
            model: model, messages: [.init(role: "user", content: prompt)], stream: stream ? true : nil)
        let output = try await client.createChatCompletion(headers: .init(opcCompartmentId: compartmentID), body: .json(request))
        switch output {
        case .ok(let ok):
            try await Answer.print(ok.body)
        case .default(let status, let failure):
            let error = try? failure.body.json
            print("HTTP \(status) \(error?.code ?? error?.error?.code ?? "") opc-request-id: \(failure.headers.opcRequestId ?? "(none)")")
            print(error?.message ?? error?.error?.message ?? "")
            throw ExitCode(1)
        }
    }

    /// `--key-file` + `--key-id`, else the library's default chain (as `oci-sign`): `--auth`
    /// (else `OCI_CLI_AUTH`), else the config profile, else instance principals. Every method
    /// `OCIAuthMethod` knows works here unchanged. Returns the provider and its identity's region.
    func identityProvider() async throws -> (any OCIIdentityProvider, String?) {
        if let keyFile {
            guard let keyID else { throw ValidationError("--key-file needs --key-id") }
            if auth != nil || profile != nil { throw ValidationError("--key-file and --auth/--profile are alternatives: give one or the other") }
            return (OCIStaticIdentityProvider(keyID: keyID, privateKey: try OCIPrivateKey(pemFile: keyFile), region: region), region)
        }
        var instance = OCIInstancePrincipalConfiguration()
        instance.region = region
        let options = OCIDefaultIdentityChain.Options(
            method: try auth.map { try OCIAuthMethod(parsing: $0) }, profile: profile, configFile: configFile,
            readCLIVariables: true, instancePrincipal: instance, logger: verbose ? Log.stderr() : nil)
        let resolution = try await OCIDefaultIdentityChain(options).resolve()
        // Instance principals learn their region from instance metadata while federating.
        if let region { return (resolution.provider, region) }
        return (resolution.provider, try await resolution.provider.identity().region)
    }
}

/// Printing the answer: whole, or event by event as the server sends them.
enum Answer {
    static func print(_ body: Operations.CreateChatCompletion.Output.Ok.Body) async throws {
        switch body {
        case .json(let completion):
            Swift.print(completion.choices.first?.message?.content ?? "")
        case .textEventStream(let events):
            let decoded = events.asDecodedServerSentEventsWithJSONData(
                of: Components.Schemas.ChatCompletionChunk.self, while: { $0 != ArraySlice("[DONE]".utf8) })
            for try await event in decoded {
                if let text = event.data?.choices.first?.delta?.content {
                    FileHandle.standardOutput.write(Data(text.utf8))
                }
            }
            Swift.print()
        }
    }
}

/// Service endpoints by region, through the library's region table (any realm it knows).
enum Endpoints {
    /// `https://inference.generativeai.{region}.oci.{realm domain}/openai/v1`; `region` may be
    /// an id (`us-chicago-1`) or a short code (`ord`).
    static func generativeAI(region: String) -> String {
        let resolved = OCIRegionResolver().resolveOffline(region)
        let host = resolved.domain.map { "inference.generativeai.\(resolved.id).oci.\($0)" } ?? "inference.generativeai.\(resolved.id)"
        return "https://\(host)/openai/v1"
    }
}
