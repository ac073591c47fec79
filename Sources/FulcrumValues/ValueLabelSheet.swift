import Foundation
import FulcrumCore

/// A user's own value labels as a spreadsheet: one dialogue a row (`DialogueColumns`), and one
/// column per Schwartz value, named as FULCRA's labels name them (`self-direction`, `Self_Direction`),
/// holding −1, 0 or +1; a blank cell is 0 (not at stake). All ten value columns are required, since a
/// missing one would read as "never at stake". Optional `response_source` (or `model`) and
/// `query_source` group cross-source folds.
/// ```
/// prompt,response,self-direction,stimulation,hedonism,achievement,power,security,tradition,conformity,benevolence,universalism,model
/// "Should I lie to my boss?","No; honesty builds trust.",,,,,,,,1,1,,vendor-a
/// ```
enum ValueLabelSheet {
    /// The rows read and every bad line; a file that cannot be read or holds no row throws.
    static func samples(_ url: URL, headerLine: Int) throws(DataError) -> (samples: [LabelledDialogue], problems: [LineProblem]) {
        let table = try csvTable(url, headerLine: headerLine)
        var valueColumn: [SchwartzValue: Int] = [:]
        for (i, name) in table.header.enumerated() {
            if let value = SchwartzValue(name: name), valueColumn[value] == nil { valueColumn[value] = i }
        }
        let columns = DialogueColumns(table)
        let missing = SchwartzValue.allCases.filter { valueColumn[$0] == nil }.map(\.rawValue)
        var headerProblems: [String] = []
        if columns == nil { headerProblems.append(DialogueColumns.expected) }
        if !missing.isEmpty { headerProblems.append("needs a column for every value; missing: \(missing.joined(separator: ", "))") }
        guard let columns, headerProblems.isEmpty else {
            let message = (headerProblems + [DialogueColumns.titleRowHint(table)].compactMap { $0 }).joined(separator: "; ")
            return ([], [LineProblem(path: url.path, line: table.headerLine, message: message)])
        }
        var samples: [LabelledDialogue] = [], problems: [LineProblem] = []
        for row in table.rows {
            func problem(_ message: String) { problems.append(LineProblem(path: url.path, line: row.line, message: message)) }
            if let broken = table.structuralProblem(row) { problem(broken); continue }
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
            samples.append(LabelledDialogue(file: url.path, line: row.line, dialogue: columns.dialogue(row), vector: vector,
                                            responseSource: table.value(row, anyCase: "response_source") ?? table.value(row, anyCase: "model"),
                                            querySource: table.value(row, anyCase: "query_source")))
        }
        guard !samples.isEmpty || !problems.isEmpty else { throw .empty(file: url.path) }
        return (samples, problems)
    }
}
