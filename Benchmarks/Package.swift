// swift-tools-version:6.1
// Benchmarks for swift-oci-signing, a separate package so `swift test` and `.ci/run` never build
// them. Run: swift package --package-path Benchmarks benchmark   (see Docs/performance.md)
import Foundation
import PackageDescription

// The verifier benchmarks compile in when the parent package has the request verifier.
let packageDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
let parentHasVerifier = FileManager.default.fileExists(
    atPath: packageDirectory.appendingPathComponent("../Sources/OCISigning/Verification/OCIRequestVerifier.swift").path)

let package = Package(
    name: "OCISigningBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        // `name:` = the parent manifest's name, so the identity does not depend on the folder name.
        .package(name: "swift-oci-signing", path: ".."),
        // MallocInterposer: the default RuntimeInterposer trait needs a package that is not mirrored.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "SigningBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "OCISigning", package: "swift-oci-signing"),
                // The raw libcrypto baselines, shared with `oci-sign bench`.
                .product(name: "_OCISigningBenchmarkSupport", package: "swift-oci-signing"),
            ],
            path: "Benchmarks/SigningBenchmarks",
            swiftSettings: parentHasVerifier ? [.define("OCI_HAS_VERIFIER")] : [],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
