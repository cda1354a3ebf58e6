// swift-tools-version:5.9
// The Swift package of akscompute: `make swift` lays it out in target/swift/Akscompute/ (this
// file, the generated Swift in Sources/Akscompute/, the C header and module map inside the
// XCFramework's slices). The XCFramework's static libraries are built on macOS (README.md).
import PackageDescription

let package = Package(
    name: "Akscompute",
    platforms: [.iOS(.v13), .macOS(.v11)],
    products: [
        .library(name: "Akscompute", targets: ["Akscompute"]),
    ],
    targets: [
        // The Rust library, one static library per platform, with the C header and module map.
        .binaryTarget(name: "akscompute_uniffiFFI", path: "akscompute_uniffiFFI.xcframework"),
        // The generated Swift (`import Akscompute`), calling into the FFI module above.
        .target(name: "Akscompute", dependencies: ["akscompute_uniffiFFI"], path: "Sources/Akscompute"),
    ]
)
