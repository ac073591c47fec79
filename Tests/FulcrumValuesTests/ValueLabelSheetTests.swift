import Foundation
import FulcrumCore
@testable import FulcrumValues
import Testing

/// A user's own value labels as a spreadsheet: one column per value, read like FULCRA's JSONL.
@Suite struct ValueLabelSheetTests {
    static func quoted(_ field: String) -> String { "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// FULCRA's first 300 dialogues written as a sheet (title row, capitalised names, underscores,
    /// blank cells for 0, CRLF, byte-order mark) read back as the same dialogues, labels and sources,
    /// and the evaluator scores them the same.
    @Test func aSheetOfFulcraDialoguesReadsAsTheJSONL() throws {
        let original = Array(try ValueDataset.load([TestData.fulcraDev]).samples.prefix(300))
        let names = SchwartzValue.allCases.reversed().map { $0 == .selfDirection ? "Self_Direction" : $0.rawValue.capitalized }
        var text = "\u{FEFF}Value labels, reviewed\r\nPrompt,Response," + names.joined(separator: ",") + ",response_source\r\n"
        for s in original {
            let cells = SchwartzValue.allCases.reversed().map { s.vector[$0] == 0 ? "" : (s.vector[$0] > 0 ? "+1" : "-1") }
            text += ([Self.quoted(s.dialogue.prompt), Self.quoted(s.dialogue.response)] + cells + [s.responseSource ?? ""])
                .joined(separator: ",") + "\r\n"
        }
        let sheet = try TestData.temporaryFile("labels.csv", text)
        #expect {
            try ValueDataset.load([sheet])
        } throws: { String(describing: $0).contains("labels.csv:1: needs a `dialogue` column") && String(describing: $0).contains("--header-row 2") }
        let read = try ValueDataset.load([sheet], headerLine: 2).samples
        #expect(read.count == original.count)
        #expect(read.map(\.vector) == original.map(\.vector))
        #expect(read.map(\.responseSource) == original.map(\.responseSource))
        // A record starts on its file line; quoted line breaks make some span several.
        #expect(read.first?.line == 3 && zip(read, read.dropFirst()).allSatisfy { $0.line < $1.line })
        // The reader turns CRLF inside a quoted cell into LF, as the JSONL's answers have it.
        #expect(read.map(\.dialogue) == original.map(\.dialogue))
        let evaluator = try NativeValueEvaluator.builtIn()
        #expect(ValueEvaluationReport.evaluate(evaluator, on: read).meanMacroF1 == ValueEvaluationReport.evaluate(evaluator, on: original).meanMacroF1)
    }

    @Test func everyBadCellIsNamedAndNothingIsLoaded() throws {
        let header = "prompt,response," + SchwartzValue.allCases.map(\.rawValue).joined(separator: ",") + "\n"
        let zeros = Array(repeating: "", count: 10)
        let rows = [
            (["q1", "a1"] + zeros).joined(separator: ","),
            (["q2", "a2", "yes"] + zeros.dropFirst()).joined(separator: ","),
            (["q3", "a3"] + zeros.dropLast() + ["2"]).joined(separator: ","),
            "q4,a4,1",
        ]
        let bad = try TestData.temporaryFile("bad.csv", header + rows.joined(separator: "\n") + "\n")
        #expect {
            try ValueDataset.load([bad])
        } throws: {
            let m = String(describing: $0)
            return m.contains("bad.csv:3: a value must be -1, 0, +1 or blank, got self-direction 'yes'")
                && m.contains("bad.csv:4: a value must be -1, 0, +1 or blank, got universalism '2'")
                && m.contains("bad.csv:5: has 3 fields, header has 12") && !m.contains("bad.csv:2")
        }
        let partial = try TestData.temporaryFile("partial.csv", "prompt,response,security,benevolence\nq,a,1,\n")
        #expect {
            try ValueDataset.load([partial])
        } throws: { String(describing: $0).contains("needs a column for every value; missing: self-direction, stimulation") }
    }
}
