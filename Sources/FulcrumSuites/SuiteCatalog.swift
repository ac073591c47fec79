import Foundation
import FulcrumCore

/// Finds suites by reference: `starter` is the built-in suite; anything else is a suite file path.
public enum SuiteCatalog {
    public static let builtInNames = ["starter"]

    public static func load(_ reference: String, scale: GVSScale = .builtIn) throws -> Suite {
        if reference == "starter" { return try starter(scale: scale) }
        let url = URL(fileURLWithPath: reference)
        guard FileManager.default.fileExists(atPath: url.path) else { throw SuiteError.unknownSuite(reference) }
        return try SuiteFile.read(url, scale: scale)
    }

    /// The starter suite written by the Fulcrum team: two or more items per GVS category, in
    /// English and Chinese, with no operational harmful detail.
    public static func starter(scale: GVSScale = .builtIn) throws -> Suite {
        guard let url = Bundle.module.url(forResource: "starter", withExtension: "jsonl", subdirectory: "Resources") else {
            throw SuiteError.unreadable(path: "starter.jsonl", reason: "the built-in suite resource is missing; the package was built incorrectly")
        }
        var suite = try SuiteFile.read(url, scale: scale, name: "starter")
        suite.baseDirectory = nil
        return suite
    }
}
