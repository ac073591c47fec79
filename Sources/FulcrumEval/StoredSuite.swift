import Foundation
import FulcrumCore

/// A suite as it travels with a run in the database (`RunRecord.suiteJSON`), so a worker on another
/// machine builds exactly the prompts the run was planned from.
package struct StoredSuite: Codable {
    var name: String
    var baseDirectory: String?
    var items: [SuiteItem]

    package init(_ suite: Suite) {
        name = suite.name
        baseDirectory = suite.baseDirectory
        items = suite.items
    }

    package var suite: Suite { Suite(name: name, items: items, baseDirectory: baseDirectory) }

    package var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    package static func decode(_ json: String) throws -> StoredSuite {
        try JSONDecoder().decode(StoredSuite.self, from: Data(json.utf8))
    }
}
