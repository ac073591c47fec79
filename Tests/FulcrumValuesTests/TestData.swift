import Foundation

/// Locates `../shared/data` beside the package root, so tests run from any clone.
enum TestData {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    static let fulcraDev = shared.appendingPathComponent("fulcra/fulcra_trustworthy_dev.jsonl")
    static let safety = shared.appendingPathComponent("safety")

    static func temporaryFile(_ name: String, _ contents: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fulcrum-values-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try contents.write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}
