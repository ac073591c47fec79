// swift-tools-version: 6.0
import PackageDescription

// One target per concept (see DESIGN.md). The CLI stays thin: every behaviour lives in a library
// target that a test can reach.
let package = Package(
    name: "Fulcrum",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "fulcrum", targets: ["fulcrum"]),
        .library(name: "FulcrumCore", targets: ["FulcrumCore"]),
        .library(name: "FulcrumSuites", targets: ["FulcrumSuites"]),
        .library(name: "FulcrumValues", targets: ["FulcrumValues"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(name: "FulcrumCore", resources: [.copy("Resources")]),
        .target(name: "FulcrumSuites", dependencies: ["FulcrumCore"], resources: [.copy("Resources")]),
        .target(name: "FulcrumValues", dependencies: ["FulcrumCore"], resources: [.copy("Resources")]),
        .executableTarget(
            name: "fulcrum",
            dependencies: [
                "FulcrumCore", "FulcrumSuites", "FulcrumValues",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .testTarget(name: "FulcrumCoreTests", dependencies: ["FulcrumCore"]),
        .testTarget(name: "FulcrumSuitesTests", dependencies: ["FulcrumSuites"]),
        .testTarget(name: "FulcrumValuesTests", dependencies: ["FulcrumValues", "FulcrumCore"]),
        .testTarget(name: "fulcrumCLITests", dependencies: ["FulcrumCore"]),
    ]
)
