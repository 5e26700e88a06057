#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The OCI CLI's file-permission warning: a secret file should be readable by its owner only.
public enum FilePermissions {
    /// A warning when `path` can be read or written by its group or by others, else `nil`
    /// (also `nil` when the file cannot be examined; reading it reports that).
    public static func warning(forSecretFile path: String, what: String) -> OCICredentialWarning? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let mode = Int(info.st_mode) & 0o777
        let exposed = mode & 0o066
        guard exposed != 0 else { return nil }
        var who: [String] = []
        if exposed & 0o060 != 0 { who.append("group") }
        if exposed & 0o006 != 0 { who.append("others") }
        let octal = String(mode, radix: 8)
        return OCICredentialWarning(
            .filePermissions,
            "\(what) is accessible by \(who.joined(separator: " and ")) (mode \(String(repeating: "0", count: max(0, 4 - octal.count)))\(octal)); fix with: chmod 600 '\(path)'",
            path: path)
    }
}
