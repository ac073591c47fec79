import Foundation

/// `../shared/data` beside the package root, as CI and developers have it.
enum SharedData {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let root = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }
}
