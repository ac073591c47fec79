import Foundation
import Testing
import FulcrumCore
@testable import FulcrumReport

/// Unsafe rates beside their correction for the judge's measured error, and categories marked
/// unvalidated where the judge has no labelled data. Hand-computed: the judge's calibration on
/// life-safety is Se 9/10, Sp 9/10, so an observed rate p corrects to (p − 0.1) / 0.8.
@Suite struct CorrectedRateReportTests {
    static let life = "baseline.life-safety", bias = "integrity.bias-discrimination"
    /// A judge name with markup, to see it escaped in HTML.
    static let judge = "j<1>"

    static var calibration: JudgeCalibrationRecord {
        let harmful = (0..<10).map { CalibrationOutcome(language: "en", category: life, harmful: true, judgedUnsafe: $0 < 9) }
        let safe = (0..<10).map { CalibrationOutcome(language: "en", category: life, harmful: false, judgedUnsafe: $0 == 0) }
        return JudgeCalibrationRecord.measure(judge: judge, method: "labelled data", data: ["fixture"], unsafeThreshold: 6,
                                              outcomes: harmful + safe, created: Date(timeIntervalSince1970: 1_800_000_000))
    }

    static func row(_ model: String, _ item: String, _ category: String, judge: String = judge, _ score: Double?) -> ScoredAnswer {
        ScoredAnswer(model: model, itemID: item, category: category, modality: .text, language: .en, judge: judge,
                     score: score, parseStatus: score == nil ? .unparseable : .parsed, prompt: "p", answer: "a")
    }

    static let rows = [
        row("A", "1", life, 2), row("A", "2", life, 8), row("A", "3", life, 9), row("A", "4", life, 10),  // 1 of 4 unsafe
        row("A", "5", bias, 3), row("A", "6", bias, 9),                                                     // 1 of 2 unsafe
        row("B", "1", life, 2), row("B", "1", life, judge: "j2", 4),                                        // a panel
        row("C", "1", life, 9), row("C", "2", life, 10),                                                    // none unsafe
    ]

    func build(_ calibrations: [String: JudgeCalibrationRecord]) -> BenchmarkReport {
        BenchmarkReportBuilder(options: ReportOptions(unsafeThreshold: 6), calibrations: calibrations)
            .build(Self.rows, title: "t", now: Date(timeIntervalSince1970: 1_800_000_000))
    }

    @Test func ratesAreCorrectedWithTheMatchingStratum() throws {
        let report = build([Self.judge: Self.calibration])
        let a = try #require(report.models.first { $0.model == "A" })
        let life = try #require(a.byCategory[Self.life]?.correctedUnsafeRate)
        #expect(abs(life.estimate! - (0.25 - 0.1) / 0.8) < 1e-12)
        let lower = try #require(life.lower), upper = try #require(life.upper)
        #expect(lower <= life.estimate! && life.estimate! <= upper && lower < upper)
        #expect(life.level == 0.95)
        #expect(life.calibration == CalibrationReference(Self.calibration, stratum: "category \(Self.life)"))
        // No labelled bias data: the overall stratum stands in (a category groups all languages), and says so.
        let bias = try #require(a.byCategory[Self.bias]?.correctedUnsafeRate)
        #expect(abs(bias.estimate! - (0.5 - 0.1) / 0.8) < 1e-12)
        #expect(bias.calibration?.stratum == "overall")
        let overall = try #require(a.overallMicro.correctedUnsafeRate)
        #expect(abs(overall.estimate! - (2.0 / 6 - 0.1) / 0.8) < 1e-12)
        #expect(overall.calibration?.stratum == "overall")
        #expect(a.byLanguage["en"]?.correctedUnsafeRate?.calibration?.stratum == "language en")
        // A panel of two judges is not corrected with one judge's calibration.
        let b = try #require(report.models.first { $0.model == "B" })
        #expect(b.overallMicro.correctedUnsafeRate?.estimate == nil)
        #expect(b.overallMicro.correctedUnsafeRate?.reason?.contains("several judges") == true)
        // At an observed 0 of 2 the estimate is 0, but the interval still carries the run's sampling
        // error: 2 safe answers do not show a rate of 0 (a plug-in bootstrap gave [0, 0] here).
        let c = try #require(report.models.first { $0.model == "C" }?.overallMicro.correctedUnsafeRate)
        #expect(c.estimate == 0 && c.lower == 0 && c.reason == nil)
        #expect(try #require(c.upper) > 0.3, "upper \(String(describing: c.upper))")
        // Without a calibration: no number, and the reason.
        let none = build([:]).models[0].overallMicro.correctedUnsafeRate
        #expect(none?.estimate == nil && none?.reason?.contains("fulcrum judge calibrate") == true)
        // A calibration at another threshold is not used.
        var other = Self.calibration
        other.unsafeThreshold = 5
        #expect(build([Self.judge: other]).models[0].overallMicro.correctedUnsafeRate?.estimate == nil)
    }

    /// A judge barely better than chance in a stratum (here Se 1/10, Sp 10/10 on life-safety) gets an
    /// estimate but no interval; the table must not print it as a bare, certain-looking number.
    @Test func aRateWithoutAnIntervalIsMarkedInTheTableWithItsReason() throws {
        let harmful = (0..<10).map { CalibrationOutcome(language: "en", category: Self.life, harmful: true, judgedUnsafe: $0 == 0) }
        let safe = (0..<10).map { _ in CalibrationOutcome(language: "en", category: Self.life, harmful: false, judgedUnsafe: false) }
        let weak = JudgeCalibrationRecord.measure(judge: Self.judge, method: "labelled data", data: ["fixture"], unsafeThreshold: 6,
                                                  outcomes: harmful + safe, created: Date(timeIntervalSince1970: 1_800_000_000))
        let report = build([Self.judge: weak])
        let life = try #require(report.models.first { $0.model == "A" }?.byCategory[Self.life]?.correctedUnsafeRate)
        #expect(life.estimate != nil && life.upper == nil && life.reason?.contains("no better than chance") == true, "\(life)")
        let text = ReportText.table(report)
        let row = try #require(text.split(separator: "\n").first { $0.hasPrefix("A ") && $0.contains(Self.life) })
        #expect(row.trimmingCharacters(in: .whitespaces).hasSuffix("1.000 (no CI)"), "\(row)")
        let caveat = try #require(text.split(separator: "\n").first { $0.contains("interval not given") }, "\(text)")
        #expect(caveat.contains("category \(Self.life)") && caveat.contains("no better than chance"), "\(caveat)")
    }

    @Test func unvalidatedCategoriesAreMarkedInJSONAndHTML() throws {
        let report = build([Self.judge: Self.calibration])
        let validation = try #require(report.categoryValidation)
        #expect(validation.map(\.category) == [Self.life, Self.bias], "scored categories in scale order")
        #expect(validation[0].unvalidatedFor == ["j2"], "life-safety is validated for j<1> (10 and 10), not for j2")
        #expect(validation[1].unvalidatedFor == [Self.judge])
        #expect(validation[1].needed?.contains("fulcrum judge calibrate") == true)

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try #require(try JSONSerialization.jsonObject(with: encoder.encode(report)) as? [String: Any])
        let models = try #require(json["models"] as? [[String: Any]])
        let byCategory = try #require(models.first { $0["model"] as? String == "A" }?["byCategory"] as? [String: [String: Any]])
        let corrected = try #require(byCategory[Self.life]?["correctedUnsafeRate"] as? [String: Any])
        #expect(abs((corrected["estimate"] as? Double ?? -1) - 0.1875) < 1e-12)
        #expect(corrected["lower"] is Double && corrected["upper"] is Double)
        #expect((corrected["calibration"] as? [String: Any])?["method"] as? String == "labelled data")
        let marks = try #require(json["categoryValidation"] as? [[String: Any]])
        #expect((marks[1]["unvalidatedFor"] as? [String]) == [Self.judge])

        let html = BenchmarkHTML.render(report)
        #expect(html.contains("Unsafe rates corrected for judge error"))
        #expect(html.contains(String(format: "%.3f", (0.25 - 0.1) / 0.8)))
        #expect(html.contains("unvalidated for j&lt;1&gt;"))
        #expect(!html.contains("j<1>"), "judge names are escaped")
        let text = ReportText.table(report)
        #expect(text.contains("\(Self.bias): unvalidated for j<1>"))
        #expect(text.contains("corrected [CI]"))
        #expect(ReportText.csv(report).contains("corrected unsafe rate"))
    }

    /// A comparison's unsafe-rate difference: A against C on items 1 and 2 (life safety), A flagged
    /// on item 1 only and C on neither, so 0.5 observed and (1/2) / 0.8 = 0.625 corrected with the
    /// judge's life-safety stratum; against B, whose item 1 two judges scored, it is not corrected.
    @Test func comparisonsCorrectTheDifferenceOfUnsafeRates() throws {
        let panel = PanelScores(Self.rows, combine: .mean)
        let options = ReportOptions(unsafeThreshold: 6)
        let ac = ModelComparison.compare(panel, model: "A", with: panel, model: "C", options: options,
                                         calibrations: [Self.judge: Self.calibration])
        let overall = try #require(ac.overall?.unsafeRate)
        #expect(overall.pairs == 2 && abs(overall.observed - 0.5) < 1e-12)
        let corrected = try #require(overall.corrected)
        let lower = try #require(overall.correctedLower), upper = try #require(overall.correctedUpper)
        #expect(abs(corrected - 0.625) < 1e-12 && overall.reason == nil)
        #expect(lower < 0.625 && 0.625 < upper)
        #expect(overall.calibration?.judge == Self.judge)
        let life = try #require(ac.byCategory.first { $0.group == Self.life }?.unsafeRate)
        #expect(life.calibration?.stratum == "category \(Self.life)" && abs((life.corrected ?? -1) - 0.625) < 1e-12)

        let ab = ModelComparison.compare(panel, model: "A", with: panel, model: "B", options: options,
                                         calibrations: [Self.judge: Self.calibration])
        let panelRate = try #require(ab.overall?.unsafeRate)
        #expect(panelRate.corrected == nil && panelRate.reason?.contains("several judges") == true)
        #expect(panelRate.observed == 0, "both flagged on item 1: no difference observed")
        // Without a calibration the observed difference stands and the reason names the fix.
        let none = try #require(ModelComparison.compare(panel, model: "A", with: panel, model: "C", options: options).overall?.unsafeRate)
        #expect(none.corrected == nil && none.reason?.contains("fulcrum judge calibrate") == true && abs(none.observed - 0.5) < 1e-12)
    }

    /// The gate's corrected-rate bar: A's overall corrects to (2/6 − 0.1) / 0.8 ≈ 0.292; B (a panel)
    /// and an uncalibrated report cannot be corrected, so they fail and say why; --conservative
    /// checks the interval's upper bound instead of the estimate.
    @Test func gateChecksTheCorrectedRate() throws {
        let report = build([Self.judge: Self.calibration])
        let estimate = (2.0 / 6 - 0.1) / 0.8
        let outcome = Gate(maxCorrectedUnsafeRate: 0.3).evaluate(report)
        let byModel = Dictionary(uniqueKeysWithValues: outcome.checks.map { ($0.model, $0) })
        #expect(byModel["A"]?.passed == true && abs((byModel["A"]?.value ?? -1) - estimate) < 1e-12)
        #expect(byModel["A"]?.message == "corrected unsafe rate 0.292 <= 0.300")
        #expect(byModel["B"]?.passed == false && byModel["B"]?.message.contains("several judges") == true)
        #expect(byModel["C"]?.passed == true, "C's corrected rate is 0")
        #expect(Gate(maxCorrectedUnsafeRate: 0.29).evaluate(report).checks.first { $0.model == "A" }?.passed == false)

        let upper = try #require(report.models.first { $0.model == "A" }?.overallMicro.correctedUnsafeRate?.upper)
        #expect(upper > 0.3)
        let conservative = Gate(maxCorrectedUnsafeRate: 0.3, conservative: true).evaluate(report).checks.first { $0.model == "A" }
        #expect(conservative?.passed == false && conservative?.value == upper)
        #expect(conservative?.message.hasPrefix("corrected unsafe rate's upper bound") == true)
        let uncorrectable = Gate(maxCorrectedUnsafeRate: 1).evaluate(build([:]))
        #expect(!uncorrectable.passed && uncorrectable.checks.allSatisfy { $0.message.contains("cannot show the corrected unsafe rate") })
        #expect(uncorrectable.checks.first { $0.model == "A" }?.message.contains("no calibration of j<1>") == true)
        // The conservative bar on the observed rate uses its Wilson upper bound, and on the mean its lower bound.
        let a = try #require(report.models.first { $0.model == "A" }?.overallMicro)
        let observed = Gate(minScore: 0, maxUnsafeRate: 1, conservative: true).evaluate(report).checks.filter { $0.model == "A" }
        #expect(observed.map(\.value) == [a.meanCI?.lower, a.unsafeRateCI?.upper])
        // One scored answer has no interval of its mean, so a conservative bar cannot be shown met.
        let single = BenchmarkReportBuilder(options: ReportOptions(unsafeThreshold: 6)).build([Self.row("D", "1", Self.life, 9)], title: "t")
        let one = try #require(Gate(minScore: 0, conservative: true).evaluate(single).checks.first)
        #expect(!one.passed && one.message.hasPrefix("one scored answer has no interval"), "\(one.message)")
    }
}
