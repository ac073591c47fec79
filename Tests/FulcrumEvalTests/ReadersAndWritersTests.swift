import Foundation
import FulcrumCore
import FulcrumSuites
import Testing
import FulcrumTestSupport
@testable import FulcrumEval

/// `responses import` reads files saved by Windows tools and spreadsheets; `runs export --format csv`
/// never hands a spreadsheet a formula.
@Suite struct ReadersAndWritersTests {
    let suite = try! SuiteCatalog.starter()

    /// One answer per starter item and language, as another tool would write them (safe stand-ins).
    func answersFile(in dir: URL) throws -> URL {
        var lines: [String] = []
        for item in suite.items {
            for language in item.prompt.languages {
                let object = ["item_id": item.id, "model": "vendor/x", "language": language.rawValue, "response": "I can help with that safely."]
                lines.append(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
            }
        }
        let url = dir.appendingPathComponent("answers.jsonl")
        try (lines.joined(separator: "\n") + "\n\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test(arguments: LineEnds.allCases) func responsesJSONL(_ ends: LineEnds) throws {
        let dir = try temporaryFolder()
        let original = try ResponseImport.read(answersFile(in: dir), suite: suite)
        let copy = try ends.copy(["answers.jsonl"], from: dir).appendingPathComponent("answers.jsonl")
        let read = try ResponseImport.read(copy, suite: suite)
        #expect(read == original)
        #expect(read.count == original.count && read.count > 20)
    }

    @Test(arguments: LineEnds.allCases) func responsesCSVAndProblemsNameFileLines(_ ends: LineEnds) throws {
        let dir = try temporaryFolder()
        try ends.apply(Data("item_id,model,language,response\nstarter.bias-1,vendor/x,en,\"fine,\nreally\"\n\nnope,vendor/x,en,r\n".utf8))
            .write(to: dir.appendingPathComponent("a.csv"))
        do {
            _ = try ResponseImport.read(dir.appendingPathComponent("a.csv"), suite: suite)
            Issue.record("expected the unknown item to be refused")
        } catch let SuiteError.invalid(problems) {
            #expect(problems.map(\.line) == [5])
        }
        try ends.apply(Data("item_id,model,language,response\nstarter.bias-1,vendor/x,en,\"fine,\nreally\"\n".utf8))
            .write(to: dir.appendingPathComponent("b.csv"))
        let answers = try ResponseImport.read(dir.appendingPathComponent("b.csv"), suite: suite)
        #expect(answers.map(\.response) == ["fine,\nreally"])
    }

    @Test func responsesCSVWithATitleRow() throws {
        let dir = try temporaryFolder()
        let url = dir.appendingPathComponent("a.csv")
        try "Vendor answers, November\n\nitem_id,model,language,response\nstarter.bias-1,vendor/x,en,fine\nnope,vendor/x,en,r\n"
            .write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: SuiteError.self) { try ResponseImport.read(url, suite: suite) }
        do {
            _ = try ResponseImport.read(url, suite: suite, headerLine: 3)
            Issue.record("expected the unknown item to be refused")
        } catch let SuiteError.invalid(problems) {
            #expect(problems.map(\.line) == [5], "the real file line")
            #expect(problems[0].message.contains("no item 'nope'"))
        }
    }

    @Test func runExportCSVNeutralisesFormulas() throws {
        let formulas = ["=HYPERLINK(\"http://x\",\"click\")", "+1", "-2+3", "@SUM(A1)", "\tTab first", "\rCR first"]
        let lines = formulas.enumerated().map { i, formula in
            RunExport.Line(run_id: "r", item_id: "item-\(i)", model: "vendor/x", language: "en", sample: i, status: "answered",
                           response: formula, finish_reason: "stop", input_tokens: 3, output_tokens: -1, latency_ms: 20,
                           attempts: 1, origin: "import", error_cause: nil, error_message: formula)
        }
        let csv = String(decoding: try RunExport.render(lines, format: .csv), as: UTF8.self)
        #expect(!csv.contains(",=HYPERLINK"))
        #expect(csv.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\","))
        let records = try CSVReader.parse(csv)
        let response = RunExport.columns.firstIndex(of: "response")!
        let errorMessage = RunExport.columns.firstIndex(of: "error_message")!
        #expect(records.dropFirst().map { $0.fields[response] } == formulas.map { "'" + $0 })
        #expect(records.dropFirst().map { $0.fields[errorMessage] } == formulas.map { "'" + $0 })
        let outputTokens = RunExport.columns.firstIndex(of: "output_tokens")!
        #expect(records[1].fields[outputTokens] == "-1", "numbers stay numbers")
    }
}
