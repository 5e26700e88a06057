// swift-tools-version:6.1
// libFuzzer targets for swift-oci-signing. A separate package because the fuzzer build needs
// `-parse-as-library` and `-sanitize=fuzzer` on every target (Docs/hardening.md, toolchain-notes §6).
//
// Build and run through the scripts, not directly:
//   FuzzTesting/run.sh FuzzRawRequest 60      FuzzTesting/run-all.sh 30
//
// Adding a target = adding one folder `Sources/Fuzz<Name>/` with one Swift file (see
// Sources/FuzzRawRequest/FuzzRawRequest.swift) and a `seeds.txt`: every `Sources/Fuzz*` folder
// becomes an executable target here (run.sh passes --manifest-cache none so a new folder is seen).
import Foundation
import PackageDescription

let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Sources")
let fuzzTargetNames = ((try? FileManager.default.contentsOfDirectory(atPath: sources.path)) ?? [])
    .filter { $0.hasPrefix("Fuzz") && $0 != "FuzzSupport" }
    .sorted()

let package = Package(
    name: "FuzzTesting",
    dependencies: [
        // name: = the parent manifest's name, so the identity does not depend on the clone's folder name.
        .package(name: "swift-oci-signing", path: ".."),
    ],
    targets: [
        // Declares libFuzzer's LLVMFuzzerRunDriver: SwiftPM links executables with
        // --defsym main=<Module>_main, so each target calls the driver from its own entry point.
        .target(name: "CFuzzDriver"),
        .target(name: "FuzzSupport", dependencies: [
            "CFuzzDriver",
            .product(name: "OCISigning", package: "swift-oci-signing"),
        ]),
    ] + fuzzTargetNames.map { name in
        .executableTarget(
            name: name,
            dependencies: [
                "FuzzSupport",
                .product(name: "OCISigning", package: "swift-oci-signing"),
                // FuzzRawRequest, FuzzVerifier: the raw request file format.
                .product(name: "OCIRawRequest", package: "swift-oci-signing"),
                // FuzzConfigFile: the config parser and profile loading (Foundation; linked only
                // where imported).
                .product(name: "OCICredentials", package: "swift-oci-signing"),
                // FuzzLimits (explain's search bounds), FuzzRedaction.
                .product(name: "OCISigningDiagnostics", package: "swift-oci-signing"),
            ],
            exclude: ["seeds.txt", "fuzz.dict"]
        )
    }
)
