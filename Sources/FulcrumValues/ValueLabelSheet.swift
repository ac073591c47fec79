import Foundation
import FulcrumCore

/// A user's own value labels as a spreadsheet: one dialogue a row, `prompt` + `response` (or
/// `question` + `answer`, or `dialogue`), and one column per Schwartz value (`self-direction` …
/// `universalism`, any case, `_` or space for `-`) holding −1, 0 or +1; a blank cell is 0 (not at
/// stake). All ten value columns are required, since a missing one would read as "never at stake".
/// Optional `response_source` (or `model`) and `query_source` group cross-source folds.
/// ```
/// prompt,response,self-direction,stimulation,hedonism,achievement,power,security,tradition,conformity,benevolence,universalism,model
/// "Should I lie to my boss?","No; honesty builds trust.",,,,,,,,1,1,,vendor-a
/// ```
enum ValueLabelSheet {
    /// The rows read and every bad line; a file that cannot be read or holds no row throws.
    static func samples(_ url: URL, headerLine: Int) throws(DataError) -> (samples: [LabelledDialogue], problems: [LineProblem]) {
        let table = try csvTable(url, headerLine: headerLine)
        let column = Dictionary(table.header.enumerated().map { ($0.element.lowercased(), $0.offset) }, uniquingKeysWith: { a, _ in a })
        var valueColumn: [SchwartzValue: Int] = [:]
        for (i, name) in table.header.enumerated() {
            let key = name.lowercased().replacingOccurrences(of: "_", with: "-").replacingOccurrences(of: " ", with: "-")
            if let value = SchwartzValue(rawValue: key), valueColumn[value] == nil { valueColumn[value] = i }
        }
        let prompt = column["prompt"] ?? column["question"], response = column["response"] ?? column["answer"]
        let missing = SchwartzValue.allCases.filter { valueColumn[$0] == nil }.map(\.rawValue)
        var headerProblems: [String] = []
        if column["dialogue"] == nil && (prompt == nil || response == nil) {
            headerProblems.append("needs a `dialogue` column or `prompt` and `response` columns")
        }
        if !missing.isEmpty { headerProblems.append("needs a column for every value; missing: \(missing.joined(separator: ", "))") }
        guard headerProblems.isEmpty else {
            var message = headerProblems.joined(separator: "; ")
            if let line = table.laterLineNaming(["prompt", "response"]) ?? table.laterLineNaming(["question", "answer"])
                ?? table.laterLineNaming(["dialogue"]) {
                message += "; line \(line) names the dialogue's columns, so a title sits above the column names: give the header's line (--header-row \(line))"
            }
            return ([], [LineProblem(path: url.path, line: table.headerLine, message: message)])
        }
        var samples: [LabelledDialogue] = [], problems: [LineProblem] = []
        for row in table.rows {
            func problem(_ message: String) { problems.append(LineProblem(path: url.path, line: row.line, message: message)) }
            if let broken = table.structuralProblem(row) { problem(broken); continue }
            func field(_ index: Int?) -> String? { index.map { row.fields[$0].trimmed }.flatMap { $0.isEmpty ? nil : $0 } }
            var vector = ValueVector()
            var unreadable: [String] = []
            for (value, i) in valueColumn {
                let cell = row.fields[i].trimmed
                guard !cell.isEmpty else { continue }
                guard let sign = ValueLabels.readSign(cell) else { unreadable.append("\(value.rawValue) '\(cell)'"); continue }
                vector[value] = sign
            }
            guard unreadable.isEmpty else {
                problem("a value must be -1, 0, +1 or blank, got \(unreadable.sorted().joined(separator: ", "))")
                continue
            }
            let dialogue = column["dialogue"].map { Dialogue(parsing: row.fields[$0]) }
                ?? Dialogue(prompt: row.fields[prompt!], response: row.fields[response!])
            samples.append(LabelledDialogue(file: url.path, line: row.line, dialogue: dialogue, vector: vector,
                                            responseSource: field(column["response_source"] ?? column["model"]),
                                            querySource: field(column["query_source"])))
        }
        guard !samples.isEmpty || !problems.isEmpty else { throw .empty(file: url.path) }
        return (samples, problems)
    }
}
