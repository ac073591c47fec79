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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .target(name: "FulcrumCore", resources: [.copy("Resources")]),
        .target(name: "FulcrumSuites", dependencies: ["FulcrumCore"], resources: [.copy("Resources")]),
        .target(name: "FulcrumJudges", dependencies: ["FulcrumCore"]),
        .target(name: "FulcrumReport", dependencies: ["FulcrumCore"]),
        .target(name: "FulcrumStore", dependencies: ["FulcrumCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "FulcrumEval",
            dependencies: [
                "FulcrumCore", "FulcrumSuites", "FulcrumStore", "FulcrumReport", "FulcrumJudges",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "fulcrum",
            dependencies: [
                "FulcrumCore", "FulcrumSuites", "FulcrumJudges", "FulcrumReport", "FulcrumStore", "FulcrumEval",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .testTarget(name: "FulcrumCoreTests", dependencies: ["FulcrumCore"]),
        .testTarget(name: "FulcrumSuitesTests", dependencies: ["FulcrumSuites"]),
        .testTarget(name: "FulcrumJudgesTests", dependencies: ["FulcrumJudges"]),
        .testTarget(name: "FulcrumReportTests", dependencies: ["FulcrumReport"]),
        .testTarget(name: "fulcrumCLITests", dependencies: ["fulcrum", "FulcrumCore"]),
        .testTarget(name: "FulcrumStoreTests", dependencies: ["FulcrumStore"]),
        .testTarget(name: "FulcrumEvalTests", dependencies: ["FulcrumEval", "FulcrumStore", "FulcrumSuites"]),
    ]
)
