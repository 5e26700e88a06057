// swift-tools-version:6.1
// A user's program: CreateVolumeBackup signed with swift-oci-signing, sent with URLSession,
// AsyncHTTPClient, a swift-openapi-generator client (OCISigningMiddleware) or a bare
// swift-http-types request, plus an OCI-style loopback server to try it without an OCI account.
// Its own package so the library's root package stays light (no SwiftNIO by default).
import PackageDescription

let package = Package(
    name: "CreateVolumeBackup",
    platforms: [.macOS(.v13)],
    dependencies: [
        // `name:` pins the identity, so this works whatever the checkout folder is called.
        .package(name: "swift-oci-signing", path: "../..", traits: ["IntegrationTests", "OpenAPI"]),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // Generated once from openapi/openapi.yaml by swift-openapi-generator 1.14.3 (README.md).
        .target(
            name: "CoreServicesClient",
            dependencies: [.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")]
        ),
        .executableTarget(
            name: "create-volume-backup",
            dependencies: [
                "CoreServicesClient",
                .product(name: "OCIPrincipals", package: "swift-oci-signing"),
                .product(name: "OCISigningOpenAPI", package: "swift-oci-signing"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "OCISigning", package: "swift-oci-signing"),
                .product(name: "OCICredentials", package: "swift-oci-signing"),
                .product(name: "OCISigningFoundation", package: "swift-oci-signing"),
                .product(name: "OCISigningAsyncHTTPClient", package: "swift-oci-signing"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .executableTarget(
            name: "oci-loopback-server",
            dependencies: [
                .product(name: "OCISigning", package: "swift-oci-signing"),
                .product(name: "OCILoopbackServer", package: "swift-oci-signing"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
    ]
)
