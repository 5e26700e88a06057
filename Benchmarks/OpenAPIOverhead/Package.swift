// swift-tools-version:6.1
// OCISigningMiddleware's cost: overhead over calling the signer directly on a small request,
// and peak memory while a 64 MiB multi-pass body is hashed through it. A separate package so
// `swift test` and `.ci/run` never build it.
// Run: swift run -c release --package-path Benchmarks/OpenAPIOverhead openapi-overhead
import PackageDescription

let package = Package(
    name: "OpenAPIOverhead",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "swift-oci-signing", path: "../..", traits: ["OpenAPI"]),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
    ],
    targets: [
        .executableTarget(
            name: "openapi-overhead",
            dependencies: [
                .product(name: "OCISigning", package: "swift-oci-signing"),
                .product(name: "OCISigningOpenAPI", package: "swift-oci-signing"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
            ]
        ),
    ]
)
