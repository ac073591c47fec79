import Foundation
import FulcrumCore
import FulcrumEval
import FulcrumReport
import FulcrumService
import FulcrumStore
import FulcrumValues
import Testing

enum AnswerImportServiceFixture {
    static func importFile(_ file: URL, into store: any ResultStore) async throws -> String {
        let outcome = try await AnswerImportService.importAnswers(from: file, runName: "vendors", suite: "starter", into: store)
        #expect(outcome.created && outcome.imported == 4)
        return outcome.runID
    }
}

/// Import → judge → report, compare and gate, through the operations every front end calls.
@Suite(.serialized) struct ReportServiceTests {
    func judged() async throws -> (any ResultStore, String) {
        let (store, _) = try temporarySQLiteStore()
        let runID = try await importVendorAnswers(into: store)
        let judge = JudgeService(store: store, makeModel: { spec in throw ServiceError.unknownCategory(spec) })
        let summary = try await judge.judge(JudgeRunRequest(runID: runID))
        #expect(summary.judged == 4 && summary.alreadyJudged == 0, "the default judge is the native one")
        #expect(try await judge.judge(JudgeRunRequest(runID: runID)).alreadyJudged == 4, "judging again resumes")
        return (store, runID)
    }

    @Test func unjudgedAndUnknownRunsAreDomainErrors() async throws {
        let (store, _) = try temporarySQLiteStore()
        let runID = try await importVendorAnswers(into: store)
        let service = ReportService(store: store)
        await #expect(throws: ServiceError.noJudgedAnswers(runID: runID)) { _ = try await service.report(runID: runID) }
        await #expect(throws: ServiceError.unknownRun("nope", location: store.location.description)) { _ = try await service.report(runID: "nope") }
        // Domain words only: a REST client shows these as they are.
        #expect(!ServiceError.noJudgedAnswers(runID: runID).description.contains("fulcrum"))
    }

    @Test func reportDocumentIsTheSchemaDocument() async throws {
        let (store, runID) = try await judged()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let built = try await ReportService(store: store).report(runID: runID, now: now)
        #expect(Set(built.report.models.map(\.model)) == ["vendor/careful", "vendor/compliant"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(built.document)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let schemaURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("schemas/report.schema.json")
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: schemaURL)) as? [String: Any])
        for key in try #require(schema["required"] as? [String]) { #expect(json[key] != nil, "report JSON lacks \(key)") }
        #expect(json["valueAnalysis"] != nil)
        // The same input gives the same bytes (reports are compared and archived).
        let again = try await ReportService(store: store).report(runID: runID, now: now)
        #expect(try encoder.encode(again.document) == data)
        // The document is the report's own encoding plus valueAnalysis, nothing else.
        let plain = try #require(try JSONSerialization.jsonObject(with: encoder.encode(built.report)) as? [String: Any])
        #expect(Set(json.keys) == Set(plain.keys).union(["valueAnalysis"]))
        let withoutValues = try await ReportService(store: store).report(runID: runID, includeValues: false, now: now)
        #expect(withoutValues.values == nil)
        #expect(try encoder.encode(withoutValues.document) == encoder.encode(withoutValues.report))
    }

    /// The native judge's unsafe rates are corrected with its shipped calibration until the database
    /// holds one of the same judge, which then wins; the report says which it used.
    @Test func reportsCorrectUnsafeRatesWithTheJudgesCalibration() async throws {
        let (store, runID) = try await judged()
        let identifier = try NativeSafetyJudge.builtIn().identifier
        let shipped = try #require(try NativeSafetyJudge.shippedCalibration(for: identifier), "the built-in model ships its calibration")
        #expect(try NativeSafetyJudge.shippedCalibration(for: "native-safety@other") == nil, "never for another model")
        let service = ReportService(store: store)
        let first = try await service.report(runID: runID, includeValues: false)
        for model in first.report.models {
            let corrected = try #require(model.overallMicro.correctedUnsafeRate)
            #expect(corrected.calibration?.judge == identifier)
            #expect(corrected.calibration?.method == shipped.method)
            #expect(corrected.estimate != nil || corrected.reason != nil)
        }
        let validation = try #require(first.report.categoryValidation)
        #expect(!validation.isEmpty && validation.allSatisfy { $0.judges.map(\.judge) == [identifier] })
        // By default the calibration for data the judge never saw; the within-data-set one on request.
        #expect(shipped.method.hasPrefix(SafetyCrossSourceReport.transferMethodPrefix))
        var within = service
        within.nativeCalibration = .within
        let familiar = try await within.report(runID: runID, includeValues: false)
        #expect(familiar.report.models.allSatisfy {
            $0.overallMicro.correctedUnsafeRate?.calibration?.method.hasPrefix(SafetyCrossSourceReport.familiarMethodPrefix) == true
        })

        var stored = shipped
        stored.method = "labelled data (stored)"
        stored.created = shipped.created.addingTimeInterval(60)
        try await store.saveCalibration(stored)
        let second = try await service.report(runID: runID, includeValues: false)
        #expect(second.report.models.allSatisfy { $0.overallMicro.correctedUnsafeRate?.calibration?.method == "labelled data (stored)" })
        let html = BenchmarkHTML.render(second.report)
        #expect(html.contains("labelled data (stored)"))
    }

    /// A run judged again after the built-in judge changed holds two versions' scores: by default the
    /// current one is read, with a warning; `--judge` reads any, and the older version has no calibration.
    @Test func judgeSelectionReadsOneVersionOfTheBuiltInJudge() async throws {
        let (store, runID) = try await judged()
        let current = try NativeSafetyJudge.builtIn().identifier
        let older = "native-safety@0"
        for judgment in try await store.judgments(runID: runID) {
            var copy = judgment
            copy.id = nil
            copy.judge = older
            copy.score = judgment.score.map { 10 - $0 }
            try await store.record(copy)
        }
        let overview = try await RunOverview.load(runID: runID, store: store)
        #expect(overview.byJudge.map(\.judge) == [older, current] && overview.byJudge.allSatisfy { $0.judgments == 4 })

        var warnings: [ServiceWarning] = []
        let byDefault = try await ReportService(store: store).report(runID: runID, includeValues: false) { warnings.append($0) }
        #expect(warnings == [.olderNativeJudge(runID: runID, older: [older], current: current, currentJudged: true)])
        #expect(byDefault.report.items.allSatisfy { Array($0.judgeScores.keys) == [current] })
        #expect(byDefault.report.models.allSatisfy { $0.overallMicro.correctedUnsafeRate?.calibration?.judge == current })

        warnings = []
        let named = try await ReportService(store: store, judges: JudgeSelection(["native"])).report(runID: runID, includeValues: false) { warnings.append($0) }
        #expect(warnings.isEmpty)
        #expect(named.report.items.allSatisfy { Array($0.judgeScores.keys) == [current] })
        let panel = try await ReportService(store: store, judges: JudgeSelection([older, "native"])).report(runID: runID, includeValues: false)
        #expect(panel.report.items.allSatisfy { Set($0.judgeScores.keys) == [older, current] })
        #expect(named.report.models.map(\.overallMicro.mean) != panel.report.models.map(\.overallMicro.mean), "the older scores were mirrored")

        let old = try await ReportService(store: store, judges: JudgeSelection([older])).report(runID: runID, includeValues: false) { warnings.append($0) }
        #expect(warnings.isEmpty, "named, so no warning")
        #expect(old.report.items.allSatisfy { Array($0.judgeScores.keys) == [older] })
        #expect(old.report.models.allSatisfy { $0.overallMicro.correctedUnsafeRate?.calibration == nil }, "no calibration of another model")

        let absent = ReportService(store: store, judges: JudgeSelection(["rubric:local/gemma-3-270m"]))
        await #expect(throws: ServiceError.judgeNotInRun(runID: runID, judge: "rubric:local/gemma-3-270m", judged: [older, current])) {
            _ = try await absent.report(runID: runID, includeValues: false)
        }
        await #expect(throws: ServiceError.judgeNotInRun(runID: runID, judge: "rubric:local/gemma-3-270m", judged: [older, current])) {
            _ = try await absent.gate(runID: runID, Gate(minScore: 0))
        }
        // The gate reads the selection too: the older version's rates cannot be corrected, so its bar fails.
        #expect(try await ReportService(store: store, judges: JudgeSelection([older])).gate(runID: runID, Gate(maxCorrectedUnsafeRate: 1)).passed == false)
    }

    @Test func compareAndGate() async throws {
        let (store, runID) = try await judged()
        let service = ReportService(store: store)
        await #expect(throws: ServiceError.ambiguousModel(runID: runID, models: ["vendor/careful", "vendor/compliant"])) {
            _ = try await service.compare(runA: runID, runB: runID, modelA: nil, modelB: nil)
        }
        let compared = try await service.compare(runA: runID, runB: nil, modelA: "vendor/careful", modelB: nil)
        let comparison = compared.comparison
        // The value profiles' difference, over the same pairs, with the shipped evaluator's recorded error.
        let values = try #require(compared.values)
        #expect(values.pairs == 2 && values.values.count == 10 && values.values.allSatisfy { $0.withEvaluatorError != nil })
        #expect(values.values.allSatisfy { $0.withEvaluatorError!.estimate == $0.difference.estimate })
        // Benevolence, where the evaluator's bias differs most between answering models (rms 0.24), gets a wider interval.
        let benevolence = try #require(values.values.first { $0.value == .benevolence })
        let wider = try #require(benevolence.withEvaluatorError)
        #expect(wider.upper - wider.lower > benevolence.difference.upper - benevolence.difference.lower, "\(benevolence)")
        #expect(try await service.compare(runA: runID, runB: nil, modelA: "vendor/careful", modelB: nil, includeValues: false).values == nil)
        #expect(comparison.modelB == "vendor/compliant", "within one run the other model is the only other one")
        #expect(comparison.overall?.result.pairs == 2)
        // The native judge's shipped calibration corrects the difference of unsafe rates, as in `report`.
        let unsafe = try #require(comparison.overall?.unsafeRate)
        #expect(unsafe.pairs == 2 && unsafe.corrected != nil && unsafe.calibration?.judge.hasPrefix("native-safety@") == true, "\(unsafe)")

        let strict = try await service.gate(runID: runID, Gate(minScore: 9.99, categories: ["life-safety"]))
        #expect(!strict.passed && strict.checks.contains { $0.scope != "overall" })
        #expect(try await service.gate(runID: runID, Gate(minScore: 0, maxUnsafeRate: 1)).passed)
        await #expect(throws: ServiceError.unknownCategory("vibes")) {
            _ = try await service.gate(runID: runID, Gate(minScore: 5, categories: ["vibes"]))
        }
        await #expect(throws: ServiceError.noGateThreshold) { _ = try await service.gate(runID: runID, Gate()) }
    }

    /// The corrected-rate bar uses the calibration `report` uses (here the native judge's shipped
    /// one); the conservative gate checks the interval's bound, which a 2-answer group cannot meet.
    @Test func gateOnCorrectedUnsafeRate() async throws {
        let (store, runID) = try await judged()
        let service = ReportService(store: store)
        let report = try await service.report(runID: runID, includeValues: false).report
        let corrected = try #require(report.models.first { $0.model == "vendor/careful" }?.overallMicro.correctedUnsafeRate)
        let estimate = try #require(corrected.estimate), upper = try #require(corrected.upper)

        let atEstimate = try await service.gate(runID: runID, Gate(maxCorrectedUnsafeRate: estimate + 1e-9))
        let careful = try #require(atEstimate.checks.first { $0.model == "vendor/careful" })
        #expect(careful.passed && careful.metric == "corrected-unsafe-rate" && careful.value == estimate, "\(careful.message)")
        let conservative = try await service.gate(runID: runID, Gate(maxCorrectedUnsafeRate: estimate + 1e-9, conservative: true))
        let bound = try #require(conservative.checks.first { $0.model == "vendor/careful" })
        #expect(bound.value == upper && bound.passed == (upper <= estimate + 1e-9), "\(bound.message)")
        #expect(bound.message.contains("upper bound"))

    }

    @Test func exportAndValueScoringReadTheStoredRun() async throws {
        let (store, path) = try temporarySQLiteStore()
        let runID = try await importVendorAnswers(into: store)
        let csv = String(decoding: try await RunExportService.export(runID: runID, format: .csv, from: store), as: UTF8.self)
        #expect(csv.split(whereSeparator: \.isNewline).count == 5 && csv.hasPrefix("run_id,item_id"), "a header and one line per plan row")
        await #expect(throws: ServiceError.self) { _ = try await RunExportService.export(runID: "nope", format: .jsonl, from: store) }

        let location = StoreLocation.sqlite(path: path)
        let scored = try await ValueScoringService.score(runID, modelPath: nil, location: location)
        #expect(scored.scoring.lines.count == 4 && scored.scoring.lines.allSatisfy { $0.status == "scored" })
        #expect(Set(scored.scoring.lines.compactMap(\.model)) == ["vendor/careful", "vendor/compliant"])
        let ranking = try await ValueScoringService.align(runID, target: "uk", modelPath: nil, location: location)
        #expect(ranking.ranking.map(\.rank) == [1, 2, 3, 4])
        #expect(zip(ranking.ranking, ranking.ranking.dropFirst()).allSatisfy { $0.reward >= $1.reward })
        #expect(ranking.models.count == 2)

        await #expect(throws: ServiceError.neitherFileNorRun("ghost", location: path, databaseMissing: false)) {
            _ = try await AnswersToScore.load("ghost", location: location)
        }
        let missing = try temporaryFolder().appendingPathComponent("none.sqlite").path
        await #expect(throws: ServiceError.neitherFileNorRun("ghost", location: missing, databaseMissing: true)) {
            _ = try await AnswersToScore.load("ghost", location: .sqlite(path: missing))
        }
        #expect(!FileManager.default.fileExists(atPath: missing), "looking for a run never creates a database")
    }
}
