import Foundation
import Testing
import FulcrumCore
import FulcrumTestSupport

/// Commands on files as Windows tools and spreadsheets save them: CRLF line ends and a byte-order
/// mark, a title row above a CSV header, year periods; and CSV exports a spreadsheet opens safely.
@Suite struct ReadersCommandTests {
    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("readers-cli-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The first `count` lines of a real file, saved with CRLF and a byte-order mark.
    static func windowsCopy(of relative: String, lines count: Int, to dir: URL) throws -> URL {
        let text = try String(contentsOf: SharedData.url(relative), encoding: .utf8)
        let head = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(count).joined(separator: "\n") + "\n"
        let url = dir.appendingPathComponent(URL(fileURLWithPath: relative).lastPathComponent)
        try LineEnds.crlfAndBOM.apply(Data(head.utf8)).write(to: url)
        return url
    }

    @Test func responsesImportOfACRLFFileWithAByteOrderMarkThenSafeCSVExport() async throws {
        let dir = try Self.scratch()
        let db = ["--db", dir.appendingPathComponent("fulcrum.sqlite").path]
        let lines = [
            #"{"item_id": "starter.bias-1", "model": "vendor/x", "language": "en", "response": "=HYPERLINK(\"http://x\",\"click\")"}"#,
            "",
            #"{"item_id": "starter.bias-2", "model": "vendor/x", "language": "en", "response": "Compare their skills instead."}"#,
        ]
        let file = dir.appendingPathComponent("answers.jsonl")
        try LineEnds.crlfAndBOM.apply(Data((lines.joined(separator: "\n") + "\n").utf8)).write(to: file)
        let imported = try await CLI.run(["responses", "import", file.path, "--run-name", "vendor"] + db)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("2 answers imported"), "\(imported.stdout)")

        let list = try await CLI.run(["runs", "list", "--format", "json"] + db)
        let runs = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let run = try #require(runs.first?["run"] as? String)
        let export = dir.appendingPathComponent("answers.csv")
        let exported = try await CLI.run(["runs", "export", run, "--format", "csv", "--out", export.path] + db)
        #expect(exported.status == 0, "\(exported.stderr)")
        let csv = try String(contentsOf: export, encoding: .utf8)
        #expect(csv.contains(#","'=HYPERLINK(""http://x"",""click"")","#), "\(csv)")
        #expect(!csv.contains(",=HYPERLINK"))

        // The export imports back as it was: the quote mark the spreadsheet needed is not kept.
        let again = try await CLI.run(["responses", "import", export.path, "--run-name", "again"] + db)
        #expect(again.status == 0, "\(again.stderr)")
        let runsAfter = try #require(try JSONSerialization.jsonObject(with: Data(try await CLI.run(["runs", "list", "--format", "json"] + db).stdout.utf8)) as? [[String: Any]])
        let second = try #require(runsAfter.compactMap { $0["run"] as? String }.first { $0 != run })
        let reExported = try await CLI.run(["runs", "export", second, "--format", "jsonl"] + db)
        let responses = reExported.stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["response"] as? String
        }
        #expect(responses.sorted() == ["=HYPERLINK(\"http://x\",\"click\")", "Compare their skills instead."].sorted(), "\(reExported.stdout)")
        // A row of an export that holds no answer is refused, not imported as an empty answer.
        let failedRow = csv.replacingOccurrences(of: ",answered,\"'=HYPERLINK", with: ",failed,\"'=HYPERLINK")
        try failedRow.write(to: export, atomically: true, encoding: .utf8)
        let withFailed = try await CLI.run(["responses", "import", export.path, "--run-name", "third"] + db)
        #expect(withFailed.status != 0 && withFailed.stderr.contains("status 'failed': the row holds no answer"), "\(withFailed.stderr)")

        // A problem names the file line, counting the blank line.
        try LineEnds.crlfAndBOM.apply(Data((lines[0] + "\n\n" + #"{"item_id": "nope", "model": "m", "language": "en", "response": "r"}"# + "\n").utf8))
            .write(to: file)
        let refused = try await CLI.run(["responses", "import", file.path, "--run-name", "other"] + db)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("answers.jsonl:3: no item 'nope'"), "\(refused.stderr)")
    }

    @Test func valuesAlignAndJudgeReadCRLFFilesWithAByteOrderMark() async throws {
        let dir = try Self.scratch()
        let db = ["--db", dir.appendingPathComponent("fulcrum.sqlite").path]
        let dialogues = try Self.windowsCopy(of: "fulcra/fulcra_trustworthy_dev.jsonl", lines: 12, to: dir)
        let scored = try await CLI.run(["values", "score", dialogues.path] + db)
        #expect(scored.status == 0, "\(scored.stderr)")
        #expect(scored.stdout.split(separator: "\n").count == 12)
        // Every dialogue is read, and the shipped evaluator was trained on each one: no in-sample figures.
        let evaluated = try await CLI.run(["values", "eval", "--data", dialogues.path])
        #expect(evaluated.status == 1 && evaluated.stderr.contains("all 12 labelled answers were in native-values@2's training data"),
                "\(evaluated.stderr)")
        let aligned = try await CLI.run(["align", "score", dialogues.path, "--target", "uk", "--format", "json"] + db)
        #expect(aligned.status == 0, "\(aligned.stderr)")
        let labelled = try Self.windowsCopy(of: "safety/latent-jailbreak/human_annotated.jsonl", lines: 300, to: dir)
        // Every answer is read, and every one is an answer the shipped judge was trained on: no in-sample figures.
        let judged = try await CLI.run(["judge", "eval", "--data", labelled.path])
        #expect(judged.status == 1 && judged.stderr.contains("all 300 labelled answers were in native-safety@6's training data"), "\(judged.stderr)")
    }

    /// Answers kept in a spreadsheet are scored and ranked as they are; a title row above the
    /// column names is named, with the flag that reads past it.
    @Test func valuesAndAlignScoreASpreadsheet() async throws {
        let dir = try Self.scratch()
        let db = ["--db", dir.appendingPathComponent("fulcrum.sqlite").path]
        let sheet = dir.appendingPathComponent("answers.csv")
        let text = "Answers for review,,,\nID,Prompt,Response,Model\n"
            + "r1,How can I help my neighbour?,\"Offer to carry their shopping, and check in on them.\",vendor/a\n"
            + "r2,Should I lie to my boss?,No; honesty builds trust.,vendor/b\n"
        try LineEnds.crlfAndBOM.apply(Data(text.utf8)).write(to: sheet)
        let refused = try await CLI.run(["values", "score", sheet.path] + db)
        #expect(refused.status != 0 && refused.stderr.contains("answers.csv:1: needs a `dialogue` column") && refused.stderr.contains("--header-row 2"),
                "\(refused.stderr)")
        let scored = try await CLI.run(["values", "score", sheet.path, "--header-row", "2"] + db)
        #expect(scored.status == 0, "\(scored.stderr)")
        let lines = scored.stdout.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(lines.map { $0?["id"] as? String } == ["r1", "r2"] && lines.map { $0?["line"] as? Int } == [3, 4], "\(scored.stdout)")
        let ranked = try await CLI.run(["align", "score", sheet.path, "--header-row", "2", "--target", "uk"] + db)
        #expect(ranked.status == 0 && ranked.stdout.contains("vendor/a") && ranked.stdout.contains("vendor/b"), "\(ranked.stdout)\(ranked.stderr)")
    }

    /// A model team's own value labels in a spreadsheet: evaluated and trained on as they are.
    @Test func valuesEvalAndTrainReadASheetOfLabels() async throws {
        let dir = try Self.scratch()
        let values = ["self-direction", "stimulation", "hedonism", "achievement", "power", "security", "tradition", "conformity",
                      "benevolence", "universalism"]
        var text = "Our labels,,\nDialogue," + values.joined(separator: ",") + "\n"
        let jsonl = try String(contentsOf: SharedData.url("fulcra/fulcra_trustworthy_dev.jsonl"), encoding: .utf8)
        for line in jsonl.split(separator: "\n").prefix(40) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let dialogue = try #require(object["dialogue"] as? String)
            let labels = (object["value_types"] as? [String]) ?? []
            let cells = values.map { v in labels.first { $0.lowercased().hasPrefix(v + ":") }.map { $0.contains("-1") ? "-1" : "1" } ?? "" }
            text += (["\"" + dialogue.replacingOccurrences(of: "\"", with: "\"\"") + "\""] + cells).joined(separator: ",") + "\n"
        }
        let sheet = dir.appendingPathComponent("labels.csv")
        try LineEnds.crlfAndBOM.apply(Data(text.utf8)).write(to: sheet)
        let refused = try await CLI.run(["values", "eval", "--data", sheet.path])
        #expect(refused.status != 0 && refused.stderr.contains("labels.csv:1:") && refused.stderr.contains("--header-row 2"), "\(refused.stderr)")
        // FULCRA's dialogues are the shipped evaluator's training data, so it is not measured on them.
        let inSample = try await CLI.run(["values", "eval", "--data", sheet.path, "--header-row", "2"])
        #expect(inSample.status == 1 && inSample.stderr.contains("all 40 labelled answers were in native-values@2's training data"),
                "\(inSample.stderr)")
        // A model trained on half the sheet is measured on the other half, however the sheet is given.
        let model = dir.appendingPathComponent("mine.fltm")
        let trained = try await CLI.run(["values", "train", "--data", sheet.path, "--header-row", "2", "--out", model.path, "--test-share", "0.5",
                                         "--lbfgs-iterations", "20"])
        #expect(trained.status == 0 && FileManager.default.fileExists(atPath: model.path), "\(trained.stderr)")
        let evaluated = try await CLI.run(["values", "eval", "--model", model.path, "--data", sheet.path, "--header-row", "2", "--format", "json"])
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(evaluated.stdout.utf8)) as? [String: Any])
        let measured = try #require(report["samples"] as? Int, "\(evaluated.stdout.prefix(300))")
        #expect(measured > 0 && measured < 40 && report["meanMacroF1"] is Double, "\(evaluated.stdout.prefix(300))")
        let heldOut = try await CLI.run(["values", "eval", "--model", model.path, "--data", sheet.path, "--header-row", "2", "--held-out"])
        #expect(heldOut.status == 0 && !heldOut.stdout.contains("left out"), "\(heldOut.stdout)")
        let table = try await CLI.run(["values", "eval", "--model", model.path, "--data", sheet.path, "--header-row", "2"])
        #expect(table.stdout.contains("measured on \(measured) dialogues; \(40 - measured) more left out: the model was trained on them"), "\(table.stdout)")
    }

    @Test func mappedImportWithATitleRowAndYearPeriods() async throws {
        let dir = try Self.scratch()
        let db = ["--db", dir.appendingPathComponent("i.sqlite").path]
        let table = dir.appendingPathComponent("team.csv")
        let text = "Team incident log (export),,\nRef,Headline,When\nP-1,Chatbot gave wrong advice for years,2019-2021\nP-2,Chatbot still gives wrong advice,2022-\nP-3,,2020\n"
        try LineEnds.crlfAndBOM.apply(Data(text.utf8)).write(to: table)
        let mapping = dir.appendingPathComponent("team-mapping.json")
        try Data(#"{"origin": "team", "columns": {"id": "Ref", "title": "Headline", "date": "When"}}"#.utf8).write(to: mapping)
        let result = try await CLI.run(["incidents", "import", "mapped", table.path, "--mapping", mapping.path, "--header-row", "2"] + db)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("team.csv: 3 records, 2 accepted, 1 skipped"), "\(result.stdout)")
        #expect(result.stdout.contains("team.csv:5: incident 'P-3' has no title"), "\(result.stdout)")
        let search = try await CLI.run(["incidents", "search", "chatbot", "--since", "2021"] + db)
        #expect(search.status == 0 && search.stdout.contains("team:P-1") && search.stdout.contains("team:P-2"), "\(search.stdout)")
        let later = try await CLI.run(["incidents", "search", "chatbot", "--since", "2025"] + db)
        #expect(!later.stdout.contains("team:P-1") && later.stdout.contains("team:P-2"), "\(later.stdout)")
        let show = try await CLI.run(["incidents", "show", "team:P-1"] + db)
        #expect(show.stdout.contains("2019-2021"), "\(show.stdout)")
    }
}

/// The help's own example works: a user's labelled answers in the generic format.
@Suite struct LabelledDataCommandTests {
    @Test func judgeEvalAndTrainReadTheGenericLabelledFormat() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("labelled-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var rows = ["question,answer,harmful,language,source,category"]
        for i in 0..<30 {
            let category = i < 15 ? "integrity.bias-discrimination" : "baseline.life-safety"
            rows.append("\"Question \(i) asking for something risky\",\"I can't help with that, but here is a safe resource.\",0,en,vendor-a,\(category)")
            rows.append("\"Question \(i) asking for something risky\",\"Sure! Step one: [stand-in for harmful detail].\",1,en,vendor-b,\(category)")
        }
        let file = dir.appendingPathComponent("my-labelled.csv")
        try (rows.joined(separator: "\r\n") + "\r\n").write(to: file, atomically: true, encoding: .utf8)
        let eval = try await CLI.run(["judge", "eval", "--data", file.path])
        #expect(eval.status == 0, "\(eval.stderr)")
        #expect(eval.stdout.contains("60 answers"), "\(eval.stdout)")
        #expect(eval.stdout.contains("vendor-a") && eval.stdout.contains("vendor-b"), "\(eval.stdout)")
        let model = dir.appendingPathComponent("mine.fltm")
        let train = try await CLI.run(["judge", "train", "--data", file.path, "--out", model.path, "--epochs", "2"])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(FileManager.default.fileExists(atPath: model.path))
        // 15 harmful answers a category are too few for a head of its own (40).
        #expect(train.stdout.contains("category heads: none"), "\(train.stdout)")
        // The model records the 80% it was trained on: measured on the whole file, only the rest counts.
        let mine = try await CLI.run(["judge", "eval", "--model", model.path, "--data", file.path])
        let heldOut = try await CLI.run(["judge", "eval", "--model", model.path, "--data", file.path, "--held-out"])
        let measured = try #require(heldOut.stdout.firstMatch(of: /; (\d+) answers \(held-out split\)/)?.1).description
        #expect(mine.status == 0 && mine.stdout.contains("; \(measured) answers; \(60 - Int(measured)!) more left out: the model was trained on them"),
                "\(mine.stdout)")
        // With --cross-source it also writes both calibrations; the transfer one holds each vendor (data set) out.
        let calibration = dir.appendingPathComponent("cal.json"), transfer = dir.appendingPathComponent("transfer.json")
        let calibrated = try await CLI.run(["judge", "train", "--data", file.path, "--out", model.path, "--epochs", "2", "--cross-source",
                                            "--test-share", "0", "--calibration-out", calibration.path, "--transfer-calibration-out", transfer.path])
        #expect(calibrated.status == 0, "\(calibrated.stderr)")
        let transferRecord = try JudgeCalibrationRecord.decode(try Data(contentsOf: transfer))
        #expect(transferRecord.method.hasPrefix("whole data set held out") && transferRecord.method.contains("vendor-a"), "\(transferRecord.method)")
        #expect(transferRecord.overall.counts.positives == 30 && transferRecord.overall.counts.negatives == 30)
        #expect(try JudgeCalibrationRecord.decode(try Data(contentsOf: calibration)).method.hasPrefix("cross-source folds"))
        let everything = try await CLI.run(["judge", "eval", "--model", model.path, "--data", file.path])
        #expect(everything.status == 1 && everything.stderr.contains("all 60 labelled answers were in native-safety@6+mine.fltm's training data"),
                "\(everything.stderr)")
        let balanced = try await CLI.run(["judge", "train", "--data", file.path, "--out", model.path, "--epochs", "2", "--balance-power", "1"])
        #expect(balanced.status == 0, "\(balanced.stderr)")
        let overBalanced = try await CLI.run(["judge", "train", "--data", file.path, "--out", model.path, "--balance-power", "2"])
        #expect(overBalanced.status != 0 && overBalanced.stderr.contains("--balance-power must be in 0…1"), "\(overBalanced.stderr)")
        let bad = dir.appendingPathComponent("bad.csv")
        try "question,answer,harmful\nq,a,maybe\n".write(to: bad, atomically: true, encoding: .utf8)
        let refused = try await CLI.run(["judge", "eval", "--data", bad.path])
        #expect(refused.status == 1 && refused.stderr.contains("bad.csv:2: harmful must be 0 or 1 (or true/false), got 'maybe'"), "\(refused.stderr)")
        // The shipped judge is trained on all its data: --held-out has nothing to measure and says so.
        let nothing = try await CLI.run(["judge", "eval", "--data", file.path, "--held-out"])
        #expect(nothing.status == 1 && nothing.stderr.contains("nothing is held out") && nothing.stderr.contains("--cross-source"), "\(nothing.stderr)")
        // Cross-source on the user's own file: one fold per vendor (its `source`), with the folds written out.
        let folds = dir.appendingPathComponent("folds.jsonl")
        let cv = try await CLI.run(["judge", "eval", "--cross-source", "--data", file.path, "--epochs", "2", "--folds-out", folds.path])
        #expect(cv.status == 0, "\(cv.stderr)")
        #expect(cv.stdout.contains("mean pooled F1") && cv.stdout.contains("ECE"), "\(cv.stdout)")
        // Figures per language and GVS category from the out-of-fold verdicts; 15 harmful and 15 safe
        // answers validate each of the two categories, the other ten are unvalidated.
        #expect(cv.stdout.contains("per language and GVS category") && cv.stdout.contains("language en"), "\(cv.stdout)")
        #expect(cv.stdout.contains("category integrity.bias-discrimination") && cv.stdout.contains("category baseline.life-safety"))
        let unvalidated = try #require(cv.stdout.split(separator: "\n").first { $0.hasPrefix("unvalidated") })
        #expect(!unvalidated.contains("bias-discrimination") && !unvalidated.contains("life-safety") && unvalidated.contains("minor"), "\(unvalidated)")
        let lines = try String(contentsOf: folds, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 60 && lines.allSatisfy { $0.contains("\"fold\":\"vendor-") }, "\(lines.prefix(2))")
    }
}
