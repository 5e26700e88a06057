import Foundation
import OCICredentials
import OCIPrincipals
import OCISigning

/// `--delegation-token-file`: the token a resource principal or an instance principal acts for
/// a user with (`opc-obo-token`), read as the Python SDK reads `delegation_token_file` — whole,
/// then stripped of surrounding whitespace.
enum DelegationTokenFile {
    /// The methods that sign with a delegation token.
    static let methods: [OCIAuthMethod] = [.resourcePrincipal, .instanceOboUser]

    /// Refuses the option for a method that takes no delegation token (or for no method: the
    /// implicit chain could pick one that does not).
    static func check(_ file: String?, method: OCIAuthMethod?) throws(OCISigningError) {
        guard file != nil else { return }
        guard let method else {
            throw .usage("--delegation-token-file needs --auth resource_principal or --auth instance_obo_user")
        }
        guard methods.contains(method) else {
            let hint = method == .instancePrincipal ? " (for instance principals use --auth instance_obo_user)" : ""
            throw .usage("--delegation-token-file does not apply to --auth \(method): only resource_principal and instance_obo_user sign with a delegation token\(hint)")
        }
    }

    /// The token in `path`, stripped; never part of an error.
    ///
    /// - Throws: `fileUnreadable`/`fileTooLarge` naming the file; `invalidConfigValue` naming it
    ///   when it is empty or holds characters a header value cannot carry.
    static func read(_ path: String, environment: CredentialEnvironment) throws(OCISigningError) -> String {
        let expanded = environment.expandingTilde(path)
        let bytes = try BoundedFile.read(expanded, limit: BoundedFile.Limit.token, what: "the delegation token file (--delegation-token-file)")
        let token = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty, token.utf8.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E }) else {
            throw OCISigningError(.invalidConfigValue, "the delegation token file (--delegation-token-file) is empty or holds characters an opc-obo-token header cannot carry", path: path)
        }
        return token
    }
}
