import Foundation
import FulcrumCore
import Testing
@testable import FulcrumValues

@Suite struct DataAndMetricsTests {
    @Test func unknownValueAndMalformedLabelsNameFileAndLine() throws {
        let file = try TestData.temporaryFile("bad.jsonl", """
        {"dialogue": "Human: hi\\nBob: hello", "value_types": ["benevolence: +1"]}
        {"dialogue": "Human: hi\\nBob: hello", "value_types": ["kindness: +1"]}

        {"dialogue": "Human: hi\\nBob: hello", "value_types": ["security: maybe"]}
        not json
        {"prompt": "hi", "value_types": []}
        """)
        let error = #expect(throws: DataError.self) { try ValueDataset.load([file]) }
        guard case .invalid(let problems)? = error else { Issue.record("expected invalid-data problems"); return }
        #expect(problems.map(\.line) == [2, 4, 5, 6])
        #expect(problems[0].description.contains("bad.jsonl:2") && problems[0].description.contains("kindness"))
        #expect(problems[1].description.contains("unreadable sign"))
    }

    @Test func realDevFileLoadsWithRepairsCounted() throws {
        let d = try ValueDataset.load([TestData.fulcraDev])
        #expect(d.samples.count == 1318)
        #expect(d.repairs.count > 50)
    }

    @Test func dialogueParsing() {
        let d = Dialogue(parsing: "Human: What is love?\nBob: Baby don't hurt me.")
        #expect(d.prompt == "What is love?" && d.response == "Baby don't hurt me.")
        #expect(Dialogue(parsing: "just text").response == "just text")
        #expect(Dialogue(parsing: "Human: 'Why?'").promptKey == Dialogue(parsing: "Human: why").promptKey)
    }

    @Test func splitKeepsPromptsOnOneSide() throws {
        let keys = ["a", "b", "a", "c", "d", "b", "e", "f", "g", "h"]
        let s = PromptSplit(promptKeys: keys, seed: 1, testShare: 0.3)
        #expect(Set(s.train).isDisjoint(with: s.test))
        #expect(s.train.count + s.test.count == keys.count)
        #expect(Set(s.train.map { keys[$0] }).isDisjoint(with: Set(s.test.map { keys[$0] })))
        #expect(s == PromptSplit(promptKeys: keys, seed: 1, testShare: 0.3))
    }

    @Test func macroF1ByHand() {
        // truth  : -1 -1  0  0  0  1
        // predict: -1  0  0  0  1  1
        // class -1: P 1, R 0.5 → F1 2/3; class 0: P 2/3, R 2/3 → 2/3; class 1: P 0.5, R 1 → 2/3
        let m = ClassificationMetrics(classes: [-1, 0, 1], truth: [-1, -1, 0, 0, 0, 1], predicted: [-1, 0, 0, 0, 1, 1])
        #expect(abs(m.macroF1 - 2.0 / 3) < 1e-12)
        #expect(abs(m.accuracy - 4.0 / 6) < 1e-12)
        // A class absent from truth and predictions does not count (scikit-learn's default).
        let only = ClassificationMetrics(classes: [-1, 0, 1], truth: [0, 0], predicted: [0, 0])
        #expect(only.macroF1 == 1)
    }

    @Test func scoringInputNeedsDialogueOrPromptAndResponse() throws {
        let file = try TestData.temporaryFile("in.jsonl", """
        {"id": "a", "prompt": "p", "response": "r"}
        {"id": 7, "dialogue": "Human: x\\nBob: y"}
        {"id": "c", "text": "nothing usable"}
        """)
        #expect(throws: DataError.self) { try ScoringRecord.load(file) }
        let good = try TestData.temporaryFile("ok.jsonl", "{\"id\": 7, \"dialogue\": \"Human: x\\nBob: y\"}\n")
        let records = try ScoringRecord.load(good)
        #expect(records.first?.id == "7" && records.first?.dialogue.response == "y")
    }

    /// A spreadsheet of answers reads as its JSONL twin: byte-order mark, CRLF, capitalised column
    /// names, a quoted comma and line break, a title row named in the error, rows on their file lines.
    @Test func scoringInputFromASpreadsheet() throws {
        let text = "\u{FEFF}Answers to score,,,\r\nID,Question,Answer,Model\r\n"
            + "a,\"How can I help my neighbour?\",\"Carry their shopping, then\r\ncheck in on them.\",vendor/x\r\n"
            + "b,Should I lie to my boss?,No.,\r\n"
        let sheet = try TestData.temporaryFile("answers.csv", text)
        #expect {
            try ScoringRecord.load(sheet)
        } throws: { String(describing: $0).contains("answers.csv:1: needs a `dialogue` column") && String(describing: $0).contains("--header-row 2") }
        let records = try ScoringRecord.load(sheet, headerLine: 2)
        #expect(records.map(\.line) == [3, 5])
        #expect(records.map(\.id) == ["a", "b"] && records.map(\.model) == ["vendor/x", nil])
        #expect(records[0].dialogue == Dialogue(prompt: "How can I help my neighbour?", response: "Carry their shopping, then\ncheck in on them."))
        let twin = try TestData.temporaryFile("answers.jsonl", #"{"id": "b", "prompt": "Should I lie to my boss?", "response": "No."}"# + "\n")
        #expect(try ScoringRecord.load(twin)[0].dialogue == records[1].dialogue)
        let ragged = try TestData.temporaryFile("ragged.csv", "prompt,response\nq1,a1\nq2,a2,extra\n")
        #expect {
            try ScoringRecord.load(ragged)
        } throws: { String(describing: $0).contains("ragged.csv:3: has 3 fields, header has 2") }
    }
}
