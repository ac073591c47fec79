import Foundation
import FulcrumCore

/// Fulcrum's suite file format: JSON Lines, one `SuiteItem` per line (blank lines allowed).
/// The schema is `schemas/suite-item.schema.json`.
///
/// Reading is all-or-nothing: any invalid line fails the whole read, naming every bad line.
public enum SuiteFile {
    /// Reads and validates a suite file. Category names are normalised to category ids.
    public static func read(_ url: URL, scale: GVSScale = .builtIn, name: String? = nil) throws -> Suite {
        let lines = try textLines(of: url)
        var items: [SuiteItem] = []
        var problems: [LineProblem] = []
        var firstLineOfID: [String: Int] = [:]
        let decoder = JSONDecoder()
        for (index, line) in lines.enumerated() {
            let lineNumber = index + 1
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let problem = { (id: String?, message: String) in
                problems.append(LineProblem(path: url.path, line: lineNumber, itemID: id, message: message))
            }
            var item: SuiteItem
            do {
                item = try decoder.decode(SuiteItem.self, from: Data(line.utf8))
            } catch {
                problem(nil, JSONErrorDescription.describe(error))
                continue
            }
            for message in SuiteItemValidation.problems(in: &item, scale: scale) { problem(item.id, message) }
            if let first = firstLineOfID[item.id] {
                problem(item.id, "duplicate id (first used on line \(first))")
            } else {
                firstLineOfID[item.id] = lineNumber
            }
            items.append(item)
        }
        if items.isEmpty && problems.isEmpty {
            problems.append(LineProblem(path: url.path, message: "no items: a suite file holds one JSON item per line"))
        }
        guard problems.isEmpty else { throw SuiteError.invalid(problems) }
        return Suite(name: name ?? url.deletingPathExtension().lastPathComponent, items: items,
                     baseDirectory: url.deletingLastPathComponent().path)
    }

    /// Encodes items as JSON Lines with stable key order.
    public static func encode(_ items: [SuiteItem]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = Data()
        for item in items {
            out.append(try encoder.encode(item))
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    /// Writes a suite atomically: a reader never sees half a file.
    public static func write(_ items: [SuiteItem], to url: URL) throws {
        try encode(items).write(to: url, options: .atomic)
    }

    /// Attachments that do not exist relative to the suite's folder, as warnings.
    public static func missingAttachments(in suite: Suite) -> [String] {
        guard let base = suite.baseDirectory else { return [] }
        return suite.items.flatMap { item in
            item.attachments.compactMap { attachment in
                let path = attachment.path.hasPrefix("/") ? attachment.path : base + "/" + attachment.path
                return FileManager.default.fileExists(atPath: path)
                    ? nil : "item \(item.id): attachment '\(attachment.path)' not found in \(base)"
            }
        }
    }
}
