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
        .library(name: "FulcrumReport", targets: ["FulcrumReport"]),
        .library(name: "FulcrumIncidents", targets: ["FulcrumIncidents"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .target(name: "FulcrumCore", resources: [.copy("Resources")]),
        .target(name: "FulcrumSuites", dependencies: ["FulcrumCore"], resources: [.copy("Resources")]),
        .target(name: "FulcrumReport", dependencies: ["FulcrumCore"]),
        .target(
            name: "FulcrumIncidents",
            dependencies: ["FulcrumCore", "FulcrumSuites", "FulcrumReport", .product(name: "GRDB", package: "GRDB.swift")],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "fulcrum",
            dependencies: [
                "FulcrumCore", "FulcrumSuites", "FulcrumReport", "FulcrumIncidents",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .testTarget(name: "FulcrumCoreTests", dependencies: ["FulcrumCore"]),
        .testTarget(name: "FulcrumSuitesTests", dependencies: ["FulcrumSuites"]),
        .testTarget(name: "FulcrumReportTests", dependencies: ["FulcrumReport"]),
        .testTarget(
            name: "FulcrumIncidentsTests", dependencies: ["FulcrumIncidents", "FulcrumCore", "FulcrumSuites"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "fulcrumCLITests", dependencies: ["FulcrumCore"]),
    ]
)
