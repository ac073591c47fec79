import Foundation
import FulcrumCore
import FulcrumEval
import FulcrumSQLiteStore
import FulcrumStore
import FulcrumSuites
import Testing

func temporaryFolder() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fulcrum-eval-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

@Suite struct ImportExportTests {
    let suite = try! SuiteCatalog.starter()

    @Test func csvHandlesQuotesCommasAndLineBreaksWithLineNumbers() throws {
        let text = "a,b,c\r\n1,\"two, \"\"quoted\"\"\",3\n4,\"multi\nline\",6\n\n7,8,9"
        let records = try CSVReader.parse(text)
        #expect(records.map(\.line) == [1, 2, 3, 6])
        #expect(records[1].fields == ["1", "two, \"quoted\"", "3"])
        #expect(records[2].fields == ["4", "multi\nline", "6"])
        #expect(throws: FileReadError.invalid(LineProblem(path: "<text>", line: 2, message: "quoted field opened here is never closed"))) {
            _ = try CSVReader.parse("a\n\"open\nnever closed")
        }
        let roundTrip = try CSVReader.parse(CSVWriter.row(["x,y", "say \"hi\"", "l1\nl2"]))
        #expect(roundTrip[0].fields == ["x,y", "say \"hi\"", "l1\nl2"])
    }

    @Test func badRowsAreRejectedWithFileAndLineAndNothingIsImported() async throws {
        let dir = try temporaryFolder()
        let file = dir.appendingPathComponent("answers.jsonl")
        try """
        {"item_id":"starter.bias-1","model":"vendor/x","language":"en","response":"fine"}
        {"item_id":"nope","model":"vendor/x","language":"en","response":"r"}
        not json
        {"item_id":"starter.bias-1","model":"vendor/x","language":"en","response":"dup"}
        {"item_id":"starter.bias-2","model":"vendor/x","language":"fr","response":"r"}
        {"item_id":"starter.bias-2","model":"vendor/x","response":"r"}
        """.write(to: file, atomically: true, encoding: .utf8)
        do {
            _ = try ResponseImport.read(file, suite: suite)
            Issue.record("expected the import to be refused")
        } catch let SuiteError.invalid(problems) {
            #expect(problems.map(\.line) == [2, 3, 4, 5, 6])
            #expect(problems.allSatisfy { $0.description.hasPrefix(file.path + ":") })
            #expect(problems[0].message.contains("no item 'nope'"))
            #expect(problems[2].message.contains("duplicate answer") && problems[2].message.contains("line 1"))
            #expect(problems[4].message.contains("missing language"))
        }
        let store = try SQLiteResultStore(path: dir.appendingPathComponent("db.sqlite").path)
        #expect(try await store.runs().isEmpty)
    }

    /// A title row above the column names: the error says which line holds them.
    @Test func aTitleRowIsNamedWithTheHeadersLine() throws {
        let dir = try temporaryFolder()
        let file = dir.appendingPathComponent("answers.csv")
        try "Vendor answers, December\r\nitem_id,model,language,response\r\nstarter.bias-1,vendor/x,en,fine\r\n"
            .write(to: file, atomically: true, encoding: .utf8)
        do {
            _ = try ResponseImport.read(file, suite: suite)
            Issue.record("expected the import to be refused")
        } catch let SuiteError.invalid(problems) {
            #expect(problems.allSatisfy { $0.line == 1 })
            #expect(problems.contains { $0.message.contains("line 2 names these columns") && $0.message.contains("--header-row 2") })
        }
        #expect(try ResponseImport.read(file, suite: suite, headerLine: 2).count == 1)
    }

    @Test func importCreatesThenExtendsANamedRunAndExports() async throws {
        let dir = try temporaryFolder()
        let store = try SQLiteResultStore(path: dir.appendingPathComponent("db.sqlite").path)
        let csv = dir.appendingPathComponent("a.csv")
        try "item_id,model,language,response\nstarter.bias-1,vendor/x,en,\"I can't help with that, but…\"\nstarter.bias-1,vendor/x,zh,不行\n"
            .write(to: csv, atomically: true, encoding: .utf8)
        let first = try await ResponseImport.store(try ResponseImport.read(csv, suite: suite), file: csv.path, runName: "vendor",
                                                   suite: suite, suiteReference: "starter", into: store)
        #expect(first.created && first.imported == 2)

        let jsonl = dir.appendingPathComponent("b.jsonl")
        try #"{"item_id":"starter.bias-2","model":"vendor/x","language":"en","response":"second","sample":1}"#
            .write(to: jsonl, atomically: true, encoding: .utf8)
        let second = try await ResponseImport.store(try ResponseImport.read(jsonl, suite: suite), file: jsonl.path, runName: "vendor",
                                                    suite: suite, suiteReference: "starter", into: store)
        #expect(!second.created && second.runID == first.runID)

        // Importing the first file again names the clashing lines and stores nothing.
        await #expect(throws: SuiteError.self) {
            _ = try await ResponseImport.store(try ResponseImport.read(csv, suite: suite), file: csv.path, runName: "vendor",
                                               suite: suite, suiteReference: "starter", into: store)
        }
        let results = try await store.results(runID: first.runID)
        #expect(results.count == 3)
        #expect(results.allSatisfy { $0.generation?.origin == .import })
        let run = try await store.run(id: first.runID)
        #expect(run?.status == .imported)

        let csvOut = String(decoding: try RunExport.render(RunExport.lines(runID: first.runID, results: results), format: .csv), as: UTF8.self)
        let parsed = try CSVReader.parse(csvOut)
        #expect(parsed[0].fields == RunExport.columns)
        #expect(parsed.count == 4)
        #expect(parsed[1].fields[6] == "I can't help with that, but…")
        let jsonOut = String(decoding: try RunExport.render(RunExport.lines(runID: first.runID, results: results), format: .jsonl), as: UTF8.self)
        #expect(jsonOut.split(separator: "\n").count == 3)
        #expect(jsonOut.contains(#""response":"second""#) && jsonOut.contains(#""sample":1"#))
    }

    @Test func yamlConfigRejectsUnknownKeysAndFlagsOverrideIt() throws {
        let dir = try temporaryFolder()
        let good = dir.appendingPathComponent("run.yaml")
        try "models: [openai/a, openai/b]\nlanguage: reference\nzh_models: [openai/b]\ntemperature: 0.5\nmax_tokens: 64\ncategories: [life-safety]\n"
            .write(to: good, atomically: true, encoding: .utf8)
        let c = try RunConfigFile.load(good.path).applied(to: RunConfiguration())
        #expect(c.models == ["openai/a", "openai/b"] && c.language == .reference && c.zhModels == ["openai/b"])
        #expect(c.settings.temperature == 0.5 && c.settings.maxTokens == 64 && c.filter.categories == ["life-safety"])

        let typo = dir.appendingPathComponent("typo.yaml")
        try "models: [openai/a]\ntemprature: 0.5\n".write(to: typo, atomically: true, encoding: .utf8)
        #expect { try RunConfigFile.load(typo.path) } throws: { error in
            "\(error)".contains("unknown key 'temprature'") && "\(error)".contains(typo.path)
        }
        let wrongType = dir.appendingPathComponent("type.yaml")
        try "samples: many\n".write(to: wrongType, atomically: true, encoding: .utf8)
        #expect(throws: PlanError.self) { try RunConfigFile.load(wrongType.path) }
    }
}

func temporaryStorePath() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("fulcrum-eval-\(UUID().uuidString)/fulcrum.sqlite").path
}
