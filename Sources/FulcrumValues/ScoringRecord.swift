import Foundation
import FulcrumCore

/// One record to score: an optional id and model and a dialogue, from JSONL or CSV with `dialogue` or
/// `prompt` + `response` (also `question` + `answer`).
public struct ScoringRecord: Sendable, Hashable {
    public var line: Int
    public var id: String?
    /// The model that wrote the response, when the record names one.
    public var model: String?
    public var dialogue: Dialogue

    public init(line: Int, id: String?, model: String? = nil, dialogue: Dialogue) {
        self.line = line
        self.id = id
        self.model = model
        self.dialogue = dialogue
    }

    static func dialogue(in object: [String: Any]) -> Dialogue? {
        if let text = object["dialogue"] as? String { return Dialogue(parsing: text) }
        let prompt = (object["prompt"] ?? object["question"]) as? String
        let response = (object["response"] ?? object["answer"]) as? String
        if let prompt, let response { return Dialogue(prompt: prompt, response: response) }
        return nil
    }

    /// Reads every record of a file (CSV when its name ends in .csv, else JSONL); any malformed line
    /// is an error naming file and line. `headerLine`: a CSV's line of column names.
    public static func load(_ url: URL, headerLine: Int = 1) throws(DataError) -> [ScoringRecord] {
        if url.pathExtension.lowercased() == "csv" { return try loadCSV(url, headerLine: headerLine) }
        var records: [ScoringRecord] = [], problems: [LineProblem] = []
        for (line, object, error) in try jsonLines(url) {
            guard let object else { problems.append(LineProblem(path: url.path, line: line, message: error ?? "unreadable")); continue }
            guard let dialogue = dialogue(in: object) else {
                problems.append(LineProblem(path: url.path, line: line,
                                            message: "needs a `dialogue` string or `prompt` and `response` strings"))
                continue
            }
            let id = (object["id"] as? String) ?? (object["id"] as? Int).map(String.init)
            records.append(ScoringRecord(line: line, id: id, model: object["model"] as? String, dialogue: dialogue))
        }
        guard problems.isEmpty else { throw .invalid(problems) }
        return records
    }

    /// A spreadsheet's rows: column names in any case, the same names as the JSON keys.
    static func loadCSV(_ url: URL, headerLine: Int) throws(DataError) -> [ScoringRecord] {
        let table = try csvTable(url, headerLine: headerLine)
        guard let columns = DialogueColumns(table) else {
            let message = DialogueColumns.expected + (DialogueColumns.titleRowHint(table).map { "; " + $0 } ?? "")
            throw .invalid([LineProblem(path: url.path, line: table.headerLine, message: message)])
        }
        var records: [ScoringRecord] = [], problems: [LineProblem] = []
        for row in table.rows {
            if let problem = table.structuralProblem(row) {
                problems.append(LineProblem(path: url.path, line: row.line, message: problem))
                continue
            }
            records.append(ScoringRecord(line: row.line, id: table.value(row, anyCase: "id"), model: table.value(row, anyCase: "model"),
                                         dialogue: columns.dialogue(row)))
        }
        guard problems.isEmpty else { throw .invalid(problems) }
        return records
    }
}
