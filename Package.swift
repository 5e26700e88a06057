// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "swift-oci-signing",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "OCISigning", targets: ["OCISigning"]),
        .library(name: "OCISignCLI", targets: ["OCISignCLI"]),
        .library(name: "OCICredentials", targets: ["OCICredentials"]),
        .executable(name: "oci-sign", targets: ["oci-sign"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Build-time only: `swift package generate-documentation` (scripts/quality-gates.sh).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // OpenSSL's libcrypto, the one crypto backend (Debian: libssl-dev).
        .systemLibrary(
            name: "CLibCrypto",
            path: "Sources/CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // The pure signing engine: no Foundation, no I/O beyond explicit file helpers.
        .target(
            name: "OCISigning",
            dependencies: [
                "CLibCrypto",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // Config files, profiles, pass-phrase sources and session tokens (Foundation allowed).
        .target(name: "OCICredentials", dependencies: ["OCISigning", "CLibCrypto"]),
        // The `oci-sign` commands as a library, so tests can run them in-process.
        .target(
            name: "OCISignCLI",
            dependencies: [
                "OCISigning",
                "OCICredentials",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .executableTarget(name: "oci-sign", dependencies: ["OCISignCLI"]),
        .testTarget(
            name: "OCISigningTests",
            dependencies: [
                "OCISigning",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(name: "OCISignCLITests", dependencies: ["OCISignCLI", "OCISigning", "OCICredentials"]),
        .testTarget(name: "OCICredentialsTests", dependencies: ["OCICredentials", "OCISigning"]),
        // Runs every Vectors/ case (one Swift Testing case per folder) and lints the suite.
        .testTarget(name: "ConformanceTests", dependencies: ["OCISignCLI", "OCISigning"]),
    ]
)
