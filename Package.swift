// swift-tools-version: 6.0
import PackageDescription

// One target per concept (see DESIGN.md). The CLI stays thin: every behaviour lives in a library
// target that a test can reach.
let package = Package(
    name: "Fulcrum",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "fulcrum", targets: ["fulcrum"]),
        .executable(name: "fulcrum-test-server", targets: ["fulcrum-test-server"]),
        .library(name: "FulcrumCore", targets: ["FulcrumCore"]),
        .library(name: "FulcrumSuites", targets: ["FulcrumSuites"]),
        .library(name: "FulcrumJudges", targets: ["FulcrumJudges"]),
        .library(name: "FulcrumReport", targets: ["FulcrumReport"]),
        .library(name: "FulcrumStore", targets: ["FulcrumStore"]),
        .library(name: "FulcrumSQLiteStore", targets: ["FulcrumSQLiteStore"]),
        .library(name: "FulcrumPostgresStore", targets: ["FulcrumPostgresStore"]),
        .library(name: "FulcrumService", targets: ["FulcrumService"]),
        .library(name: "FulcrumEval", targets: ["FulcrumEval"]),
        .library(name: "FulcrumProviders", targets: ["FulcrumProviders"]),
        .library(name: "FulcrumIncidents", targets: ["FulcrumIncidents"]),
        .library(name: "FulcrumValues", targets: ["FulcrumValues"]),
        .library(name: "FulcrumTestSupport", targets: ["FulcrumTestSupport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // Taxonomy, value space, suite items, the Judge and ChatModel protocols, statistics. Foundation and
        // the system zlib only (for data files published gzipped; the HTTP client links it already).
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "FulcrumCore", dependencies: ["CZlib"], resources: [.copy("Resources")]),
        .target(name: "FulcrumSuites", dependencies: ["FulcrumCore"], resources: [.copy("Resources")]),
        .target(name: "FulcrumJudges", dependencies: ["FulcrumCore"]),
        // FULCRA value evaluator, native safety judge, value profiles, BaseAlign (trained models as resources).
        .target(name: "FulcrumValues", dependencies: ["FulcrumCore", "FulcrumReport"], resources: [.copy("Resources")]),
        .target(name: "FulcrumReport", dependencies: ["FulcrumCore"]),
        // The result store protocol and its plain domain types; the backends implement it.
        .target(name: "FulcrumStore", dependencies: ["FulcrumCore"]),
        .target(name: "FulcrumSQLiteStore", dependencies: ["FulcrumCore", "FulcrumStore", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "FulcrumPostgresStore",
            dependencies: ["FulcrumCore", "FulcrumStore", .product(name: "PostgresNIO", package: "postgres-nio"),
                           .product(name: "Logging", package: "swift-log")]
        ),
        // The operations every front end (CLI, server, workers) calls: opening stores, runs, judging, reports,
        // comparisons, gates, exports, value scoring, incident drafting, workers.
        .target(
            name: "FulcrumService",
            dependencies: ["FulcrumCore", "FulcrumSuites", "FulcrumStore", "FulcrumSQLiteStore", "FulcrumPostgresStore",
                           "FulcrumEval", "FulcrumProviders", "FulcrumReport", "FulcrumJudges", "FulcrumValues", "FulcrumIncidents",
                           .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "FulcrumEval",
            dependencies: [
                "FulcrumCore", "FulcrumSuites", "FulcrumStore", "FulcrumReport", "FulcrumJudges",
                .product(name: "Logging", package: "swift-log"),
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
        .target(
            name: "FulcrumIncidents",
            dependencies: ["FulcrumCore", "FulcrumSuites", "FulcrumReport", .product(name: "GRDB", package: "GRDB.swift"),
                           // The SQLite C API, for the FTS5 ranking function (BM25Ranking).
                           .product(name: "GRDBSQLite", package: "GRDB.swift")],
            resources: [.copy("Resources")]
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
        .executableTarget(
            name: "fulcrum",
            dependencies: [
                "FulcrumCore", "FulcrumSuites", "FulcrumJudges", "FulcrumReport", "FulcrumStore", "FulcrumEval",
                "FulcrumProviders", "FulcrumIncidents", "FulcrumValues", "FulcrumService",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .testTarget(name: "FulcrumCoreTests", dependencies: ["FulcrumCore", "FulcrumTestSupport"]),
        .testTarget(name: "FulcrumSuitesTests", dependencies: ["FulcrumSuites", "FulcrumTestSupport"]),
        .testTarget(name: "FulcrumJudgesTests", dependencies: ["FulcrumJudges"]),
        .testTarget(name: "FulcrumValuesTests", dependencies: ["FulcrumValues", "FulcrumCore", "FulcrumReport", "FulcrumTestSupport"]),
        .testTarget(name: "FulcrumReportTests", dependencies: ["FulcrumReport", "FulcrumTestSupport"]),
        .testTarget(
            name: "FulcrumStoreTests",
            dependencies: ["FulcrumStore", "FulcrumSQLiteStore", "FulcrumPostgresStore", "FulcrumService",
                           .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "FulcrumEvalTests",
            dependencies: [
                "FulcrumEval", "FulcrumStore", "FulcrumSQLiteStore", "FulcrumPostgresStore", "FulcrumService", "FulcrumSuites",
                "FulcrumProviders",
                "FulcrumTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "FulcrumProvidersTests", dependencies: ["FulcrumProviders", "FulcrumTestSupport", "FulcrumCore"]),
        .testTarget(name: "FulcrumTestSupportTests", dependencies: ["FulcrumTestSupport"]),
        .testTarget(
            name: "FulcrumIncidentsTests",
            dependencies: ["FulcrumIncidents", "FulcrumCore", "FulcrumSuites", "FulcrumTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "FulcrumServiceTests",
            dependencies: ["FulcrumService", "FulcrumCore", "FulcrumSuites", "FulcrumStore", "FulcrumSQLiteStore", "FulcrumEval",
                           "FulcrumReport", "FulcrumValues", "FulcrumIncidents", "FulcrumTestSupport"]
        ),
        .testTarget(name: "fulcrumCLITests", dependencies: ["fulcrum", "FulcrumCore", "FulcrumTestSupport", "FulcrumPostgresStore", "FulcrumStore", "FulcrumSQLiteStore"]),
    ]
)
