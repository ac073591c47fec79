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
        .library(name: "FulcrumStore", targets: ["FulcrumStore"]),
        .library(name: "FulcrumEval", targets: ["FulcrumEval"]),
        .library(name: "FulcrumProviders", targets: ["FulcrumProviders"]),
        .library(name: "FulcrumTestSupport", targets: ["FulcrumTestSupport"]),
        .executable(name: "fulcrum-test-server", targets: ["fulcrum-test-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .target(name: "FulcrumCore", resources: [.copy("Resources")]),
        .target(name: "FulcrumSuites", dependencies: ["FulcrumCore"], resources: [.copy("Resources")]),
        .target(name: "FulcrumStore", dependencies: ["FulcrumCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "FulcrumEval",
            dependencies: [
                "FulcrumCore", "FulcrumSuites", "FulcrumStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "fulcrum",
            dependencies: [
                "FulcrumCore", "FulcrumSuites", "FulcrumStore", "FulcrumEval", "FulcrumProviders",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Model providers over HTTP (OpenAI-compatible, Anthropic, Ollama) behind `ChatModel`.
        .target(
            name: "FulcrumProviders",
            dependencies: [
                "FulcrumCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // A fault-injecting chat server on raw SwiftNIO for tests and benchmarks (no web framework: short builds).
        .target(
            name: "FulcrumTestSupport",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .executableTarget(name: "fulcrum-test-server", dependencies: ["FulcrumTestSupport"]),
        .testTarget(name: "FulcrumProvidersTests", dependencies: ["FulcrumProviders", "FulcrumTestSupport", "FulcrumCore"]),
        .testTarget(name: "FulcrumTestSupportTests", dependencies: ["FulcrumTestSupport"]),
        .testTarget(name: "FulcrumCoreTests", dependencies: ["FulcrumCore"]),
        .testTarget(name: "FulcrumSuitesTests", dependencies: ["FulcrumSuites"]),
        .testTarget(name: "fulcrumCLITests", dependencies: ["FulcrumCore"]),
        .testTarget(name: "FulcrumStoreTests", dependencies: ["FulcrumStore"]),
        .testTarget(
            name: "FulcrumEvalTests",
            dependencies: [
                "FulcrumEval", "FulcrumStore", "FulcrumSuites", "FulcrumProviders", "FulcrumTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ]
)
