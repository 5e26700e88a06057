import OCISigning

/// Exit statuses of `oci-sign`, as documented in Docs/cli.md.
public enum ExitStatus: Int32, Sendable, Error {
    /// Everything succeeded.
    case success = 0
    /// A request could not be signed or verified (bad input, invalid signature).
    case failure = 1
    /// A key, credential or option value could not be used; nothing was done.
    case credentials = 2
    /// `request`: no response arrived (connection refused, host not found, TLS, timeout), as curl's 7.
    case noConnection = 7
    /// `request --fail`: the status is 400 or more, as curl's 22.
    case httpError = 22
    /// The command line asks for something that cannot be done: a required option missing,
    /// options that exclude each other (`EX_USAGE`, as ArgumentParser's own usage errors).
    case usage = 64

    /// The status for `error` raised while loading keys and options: ``usage`` for a usage
    /// error, ``credentials`` otherwise.
    static func forSetup(_ error: OCISigningError) -> ExitStatus {
        error.code == .usage ? .usage : .credentials
    }
}
