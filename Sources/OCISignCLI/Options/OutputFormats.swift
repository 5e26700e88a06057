import ArgumentParser

/// Output formats of `oci-sign sign`.
public enum SignFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// The signed request in the raw request format.
    case http
    /// One JSON object per file, one per line.
    case json
}

/// Output formats of `oci-sign dump` and `explain`.
public enum ReportFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Labelled stages for humans.
    case text
    /// One JSON object.
    case json
}

/// Output formats of `oci-sign bench`.
public enum BenchFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// A table for people.
    case text
    /// `{"cases":[{"name":…,"opsPerSecond":…,"rawOpsPerSecond":…,"ratio":…}, …]}`.
    case json
}
