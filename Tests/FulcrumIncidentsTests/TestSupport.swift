import Foundation
@testable import FulcrumIncidents

/// Paths and scratch databases for tests.
enum TestSupport {
    /// `../shared/data` relative to the package root, found from this file's path.
    static let dataRoot: URL = {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    }()

    static var aiid: URL { dataRoot.appendingPathComponent("incidents/aiid") }
    static var avidReports: URL { dataRoot.appendingPathComponent("incidents/avid/reports") }
    static var fixtures: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures") }

    static func scratchDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fulcrum-incidents-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func scratchStore() throws -> IncidentStore {
        try IncidentStore(path: scratchDirectory().appendingPathComponent("incidents.sqlite").path)
    }

    /// Writes `text` to a new file in a scratch folder and returns its URL.
    static func write(_ text: String, named name: String, in directory: URL? = nil) throws -> URL {
        let dir = directory ?? scratchDirectory()
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// The real AIID + AVID data imported once per test process (import takes a second or two).
    static let realStore: IncidentStore = {
        let store = try! scratchStore()
        _ = try! AIIDImporter(directory: aiid).run(into: store)
        _ = try! AVIDImporter(directory: avidReports).run(into: store)
        return store
    }()
}
