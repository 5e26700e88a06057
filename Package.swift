// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "swift-oci-signing",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "OCISigning", targets: ["OCISigning"]),
        .library(name: "OCIRawRequest", targets: ["OCIRawRequest"]),
        .library(name: "OCICredentials", targets: ["OCICredentials"]),
        .library(name: "OCIPrincipals", targets: ["OCIPrincipals"]),
        .executable(name: "oci-sign", targets: ["oci-sign"]),
        .library(name: "OCISigningFoundation", targets: ["OCISigningFoundation"]),
        .library(name: "OCISigningAsyncHTTPClient", targets: ["OCISigningAsyncHTTPClient"]),
        .library(name: "OCILoopbackServer", targets: ["OCILoopbackServer"]),
        // Signature diagnostics (explain's search, secret redaction); also what FuzzTesting fuzzes.
        .library(name: "OCISigningDiagnostics", targets: ["OCISigningDiagnostics"]),
        // The raw-libcrypto baselines `oci-sign bench` and `Benchmarks/` measure against; not API.
        .library(name: "_OCISigningBenchmarkSupport", targets: ["_OCISigningBenchmarkSupport"]),
        .library(name: "OCISigningOpenAPI", targets: ["OCISigningOpenAPI"]),
    ],
    // SwiftNIO, AsyncHTTPClient and Hummingbird are only resolved, fetched and built when a
    // trait asks for them: `swift build` / `swift test` never touch them.
    traits: [
        .trait(name: "AsyncHTTPClient", description: "Build OCISigningAsyncHTTPClient: sign and send AsyncHTTPClient requests (pulls in SwiftNIO)."),
        .trait(name: "OpenAPI", description: "Build OCISigningOpenAPI: an OCI signing ClientMiddleware for swift-openapi-generator clients (pulls in swift-openapi-runtime)."),
        .trait(name: "IntegrationTests", description: "Build OCILoopbackServer (Hummingbird) and the end-to-end tests against it; implies AsyncHTTPClient.", enabledTraits: ["AsyncHTTPClient"]),
        .default(enabledTraits: []),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Build-time only: `swift package generate-documentation` (scripts/quality-gates.sh).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // Already a dependency of async-http-client; named so OCIPrincipals can set TLS trust roots.
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
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
        // libcrypto is imported `internal` in every file: no C symbol is part of its interface.
        .target(
            name: "OCISigning",
            dependencies: [
                "CLibCrypto",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // The `oci-sign` raw request file format (`METHOD target HTTP/1.1`, headers, body) and
        // its parser: used by the CLI, the tests and the fuzzers, not by the engine.
        .target(
            name: "OCIRawRequest",
            dependencies: [
                "OCISigning",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // Raw libcrypto operations with no OCI logic: the floor the benchmarks measure against.
        .target(name: "_OCISigningBenchmarkSupport", dependencies: ["CLibCrypto", "OCISigning"]),
        // Config files, profiles, pass-phrase sources and session tokens (Foundation allowed).
        // swift-log has no SwiftNIO dependency: the identity providers take an optional Logger.
        .target(
            name: "OCICredentials",
            dependencies: ["OCISigning", "CLibCrypto", .product(name: "Logging", package: "swift-log")]
        ),
        // Instance principals, delegation tokens, regions and the default provider chain
        // (Foundation + URLSession by default; an AsyncHTTPClient transport behind the trait).
        .target(
            name: "OCIPrincipals",
            dependencies: [
                "OCISigning",
                "OCICredentials",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client", condition: .when(traits: ["AsyncHTTPClient"])),
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["AsyncHTTPClient"])),
                .product(name: "NIOHTTP1", package: "swift-nio", condition: .when(traits: ["AsyncHTTPClient"])),
                .product(name: "NIOSSL", package: "swift-nio-ssl", condition: .when(traits: ["AsyncHTTPClient"])),
            ]
        ),
        // Why a signature does not verify (the mismatch explainer), request-target inspection and
        // secret redaction: shared by `oci-sign` and anything that logs a rejected request.
        .target(
            name: "OCISigningDiagnostics",
            dependencies: [
                "OCISigning",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // The `oci-sign` commands as a target (no product), so tests can run them in-process.
        .target(
            name: "OCISignCLI",
            dependencies: [
                "OCISigning",
                "OCIRawRequest",
                "OCICredentials",
                "OCIPrincipals",
                "OCISigningDiagnostics",
                "OCISigningFoundation",
                "_OCISigningBenchmarkSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .executableTarget(name: "oci-sign", dependencies: ["OCISignCLI"]),
        // URLRequest signing (Foundation / FoundationNetworking): always built, no SwiftNIO.
        .target(
            name: "OCISigningFoundation",
            dependencies: [
                "OCISigning",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                // URLSession.send(_:body:signedWith:) takes an optional Logger.
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // HTTPClientRequest signing; empty unless the AsyncHTTPClient trait is enabled.
        .target(
            name: "OCISigningAsyncHTTPClient",
            dependencies: [
                "OCISigning",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client", condition: .when(traits: ["AsyncHTTPClient"])),
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["AsyncHTTPClient"])),
                .product(name: "NIOHTTP1", package: "swift-nio", condition: .when(traits: ["AsyncHTTPClient"])),
                .product(name: "Logging", package: "swift-log", condition: .when(traits: ["AsyncHTTPClient"])),
            ]
        ),
        // An OCI-style server on loopback that verifies every request (Hummingbird); empty
        // unless the IntegrationTests trait is enabled.
        .target(
            name: "OCILoopbackServer",
            dependencies: [
                "OCISigning",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird", condition: .when(traits: ["IntegrationTests"])),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle", condition: .when(traits: ["IntegrationTests"])),
                .product(name: "UnixSignals", package: "swift-service-lifecycle", condition: .when(traits: ["IntegrationTests"])),
                .product(name: "Logging", package: "swift-log", condition: .when(traits: ["IntegrationTests"])),
            ]
        ),
        // The OCI signing ClientMiddleware for swift-openapi-runtime; empty unless the OpenAPI
        // trait is enabled.
        .target(
            name: "OCISigningOpenAPI",
            dependencies: [
                "OCISigning", "OCISigningFoundation",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime", condition: .when(traits: ["OpenAPI"])),
            ]
        ),
        .testTarget(
            name: "OCISigningTests",
            dependencies: [
                "OCISigning", "OCIRawRequest", "TestSupport",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // Test helpers shared by the test targets: the `openssl` command line, temporary folders.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "OCISignCLITests", dependencies: ["OCISignCLI", "OCISigning", "OCIRawRequest", "OCICredentials", "OCISigningDiagnostics", "TestSupport"]),
        .testTarget(
            name: "OCICredentialsTests",
            dependencies: ["OCICredentials", "OCISigning", "TestSupport", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(
            name: "OCIPrincipalsTests",
            dependencies: ["OCIPrincipals", "OCISigning", "OCICredentials", "TestSupport",
                           .product(name: "HTTPTypes", package: "swift-http-types")]
        ),
        // Runs every Vectors/ case (one Swift Testing case per folder) and lints the suite.
        .testTarget(name: "ConformanceTests", dependencies: ["OCISignCLI", "OCISigning", "OCIRawRequest"]),
        .testTarget(name: "OCISigningFoundationTests", dependencies: ["OCISigningFoundation", "OCISigning"]),
        // Compiles and runs every snippet of Docs/getting-started.md.
        .testTarget(
            name: "GettingStartedTests",
            dependencies: [
                "OCISigning", "OCICredentials", "OCISigningFoundation",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // The middleware against a fake transport that verifies every request, and a loopback
        // server: `swift test --traits OpenAPI` (scripts/openapi-tests.sh); empty without the trait.
        .testTarget(
            name: "OCISigningOpenAPITests",
            dependencies: [
                "OCISigning", "OCISigningOpenAPI",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime", condition: .when(traits: ["OpenAPI"])),
            ]
        ),
        // End-to-end over loopback: AsyncHTTPClient and URLSession against OCILoopbackServer.
        // Runs with `swift test --traits IntegrationTests` (scripts/integration-tests.sh).
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "OCISigning", "OCISigningFoundation", "OCISigningAsyncHTTPClient", "OCILoopbackServer", "OCIPrincipals",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client", condition: .when(traits: ["IntegrationTests"])),
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["IntegrationTests"])),
            ]
        ),
    ]
)
