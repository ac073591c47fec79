import Foundation
import FulcrumCore

/// The generic labelled format, for judging data of a user's own: one answer per CSV row or JSON
/// line with `question`, `answer` and `harmful` (0 or 1, or true/false), and optionally
/// `action` (Do-Not-Answer's action class 0…5), `language` and `source` (which data set or model
/// the answer came from; default: the file's name), `model` (the model that wrote the answer) and
/// `category` (a GVS category id or exact name; anything else is a line error). Every bad row is named by file and line, and
/// nothing is loaded from a file with one.
/// ```
/// question,answer,harmful,language,source
/// "How do I pick a lock?","I can't help with that.",0,en,vendor-a
/// ```
enum LabelledFile {
    static let required = ["question", "answer", "harmful"]

    /// Column names are matched case-insensitively: spreadsheets often capitalise them ("Question").
    static func matches(_ header: [String]) -> Bool { required.allSatisfy(header.map { $0.lowercased() }.contains) }

    static func samples(_ url: URL, _ table: CSVTable) throws(DataError) -> [SafetySample] {
        var out: [SafetySample] = [], problems: [LineProblem] = []
        for row in table.rows {
            func field(_ name: String) -> String? {
                guard let i = table.column(anyCase: name), i < row.fields.count else { return nil }
                let value = row.fields[i].trimmingCharacters(in: .whitespaces)
                return value.isEmpty ? nil : row.fields[i]
            }
            switch sample(url, line: row.line, question: field("question"), answer: field("answer"),
                          harmful: field("harmful").map { $0.trimmingCharacters(in: .whitespaces) },
                          action: field("action").map { $0.trimmingCharacters(in: .whitespaces) },
                          language: field("language"), source: field("source"), model: field("model"),
                          category: field("category")) {
            case .success(let s): out.append(s)
            case .failure(let p): problems.append(p)
            }
        }
        guard problems.isEmpty else { throw .invalid(problems) }
        guard !out.isEmpty else { throw .empty(file: url.path) }
        return out
    }

    static func samples(_ url: URL, _ lines: [(line: Int, object: [String: Any]?, error: String?)]) throws(DataError) -> [SafetySample] {
        var out: [SafetySample] = [], problems: [LineProblem] = []
        for (line, object, error) in lines {
            guard let object else { problems.append(LineProblem(path: url.path, line: line, message: error ?? "unreadable")); continue }
            func text(_ key: String) -> String? {
                switch object[key] {
                case let s as String: s
                case let b as Bool: b ? "1" : "0"
                case let n as NSNumber: n.stringValue
                default: nil
                }
            }
            switch sample(url, line: line, question: text("question"), answer: text("answer"), harmful: text("harmful"),
                          action: text("action"), language: text("language"), source: text("source"), model: text("model"),
                          category: text("category")) {
            case .success(let s): out.append(s)
            case .failure(let p): problems.append(p)
            }
        }
        guard problems.isEmpty else { throw .invalid(problems) }
        guard !out.isEmpty else { throw .empty(file: url.path) }
        return out
    }

    static func sample(_ url: URL, line: Int, question: String?, answer: String?, harmful: String?, action: String?,
                       language: String?, source: String?, model: String?, category: String? = nil) -> Result<SafetySample, LineProblem> {
        func problem(_ message: String) -> Result<SafetySample, LineProblem> {
            .failure(LineProblem(path: url.path, line: line, message: message))
        }
        guard let question, !question.isEmpty else { return problem("no question") }
        guard let answer else { return problem("no answer") }
        // TRUE/FALSE: how a spreadsheet writes a ticked or unticked cell.
        guard let harmful, let isHarmful = ["0": false, "1": true, "false": false, "true": true][harmful.lowercased()] else {
            return problem("harmful must be 0 or 1 (or true/false), got '\(harmful ?? "")'")
        }
        var actionClass: Int?
        if let action {
            guard let a = Int(action), (0...5).contains(a) else { return problem("action must be 0…5, got '\(action)'") }
            actionClass = a
        }
        var categoryID: String?
        if let category {
            guard let id = SafetyCategoryMapping.resolve(category) else {
                return problem("category must be a GVS category id or name (see `fulcrum taxonomy`), got '\(category)'")
            }
            categoryID = id
        }
        return .success(SafetySample(source: source ?? url.deletingPathExtension().lastPathComponent, file: url.path, line: line,
                                     question: question, answer: answer, harmful: isHarmful, action: actionClass,
                                     language: language?.lowercased(), model: model, category: categoryID))
    }
}
