// swift-tools-version:6.1
// `leak-check`: a long loop of signatures and key loads (good and failing) for LeakSanitizer
// and valgrind. Run through scripts/leaks.sh; see Docs/hardening.md for the results.
import PackageDescription

let package = Package(
    name: "LeakCheck",
    dependencies: [
        // name: = the parent manifest's name, so the identity does not depend on the clone's folder name.
        .package(name: "swift-oci-signing", path: ".."),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .executableTarget(
            name: "leak-check",
            dependencies: [
                .product(name: "OCISigning", package: "swift-oci-signing"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
    ]
)
