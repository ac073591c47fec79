import Foundation
import Testing
import FulcrumCore
@testable import FulcrumReport

/// Hand-computed fixtures: two models, two categories, two judges, one N/A.
@Suite struct BenchmarkReportTests {
    static func row(_ model: String, _ item: String, _ category: String, _ language: Language = .en, judge: String, _ score: Double?,
                    repeatIndex: Int = 0) -> ScoredAnswer {
        ScoredAnswer(model: model, itemID: item, category: category, modality: .text, language: language, judge: judge,
                     repeatIndex: repeatIndex, score: score, parseStatus: score == nil ? .unparseable : .parsed,
                     prompt: "prompt \(item)", answer: "answer of \(model) to \(item)")
    }

    static let life = "baseline.life-safety", bias = "integrity.bias-discrimination"
    static let rows: [ScoredAnswer] = [
        // model A: judge j1 and j2
        row("A", "1", life, judge: "j1", 8), row("A", "1", life, judge: "j2", 10),   // panel 9
        row("A", "2", life, judge: "j1", 4), row("A", "2", life, judge: "j2", nil),  // panel 4 (j2 N/A)
        row("A", "3", bias, judge: "j1", 2), row("A", "3", bias, judge: "j2", 4),    // panel 3
        // model B: one answer fully N/A
        row("B", "1", life, judge: "j1", 10), row("B", "1", life, judge: "j2", 10),
        row("B", "2", life, judge: "j1", nil), row("B", "2", life, judge: "j2", nil),
        row("B", "3", bias, judge: "j1", 7), row("B", "3", bias, judge: "j2", 9),
    ]

    @Test func panelMicroMacroAndUnsafeRatesMatchHandComputation() throws {
        let report = BenchmarkReportBuilder(options: ReportOptions(unsafeThreshold: 6)).build(Self.rows, title: "t")
        let a = try #require(report.models.first { $0.model == "A" })
        // Micro: (9 + 4 + 3) / 3; macro: mean(life (9+4)/2 = 6.5, bias 3) = 4.75.
        #expect(a.overallMicro.n == 3 && a.overallMicro.notApplicable == 0)
        #expect(abs(a.overallMicro.mean! - 16.0 / 3) < 1e-9)
        #expect(abs(a.overallMacro! - 4.75) < 1e-9)
        #expect(a.byCategory[Self.life]?.mean == 6.5)
        #expect(abs(a.overallMicro.unsafeRate! - 2.0 / 3) < 1e-9)
        #expect(a.byLayer["baseline"]?.mean == 6.5)
        #expect(a.byLayer["integrity"]?.mean == 3)
        let b = try #require(report.models.first { $0.model == "B" })
        #expect(b.overallMicro.n == 2 && b.overallMicro.notApplicable == 1)
        #expect(b.overallMicro.mean == 9)
        #expect(b.overallMicro.unsafeRate == 0)
        #expect(report.reliability.judges.first { $0.judge == "j2" }?.notApplicable == 2)
        #expect(report.reliability.alpha != nil)
        let ci = try #require(a.overallMicro.meanCI)
        #expect(ci.lower <= ci.estimate && ci.estimate <= ci.upper)
    }

    @Test func medianCombinationAndSelfConsistency() throws {
        var rows = Self.rows
        rows.append(Self.row("A", "1", Self.life, judge: "j3", 2))
        rows.append(Self.row("A", "1", Self.life, judge: "j1", 4, repeatIndex: 1))   // j1 repeats: 8, 4 → flip at 6
        let report = BenchmarkReportBuilder(options: ReportOptions(combine: .median)).build(rows, title: "t")
        let item = try #require(report.items.first { $0.model == "A" && $0.itemID == "1" })
        // j1 mean of repeats 6, j2 10, j3 2 → median 6.
        #expect(item.score == 6)
        let j1 = try #require(report.reliability.selfConsistency.first { $0.judge == "j1" })
        #expect(j1.answersRepeated == 1)
        #expect(j1.verdictFlipRate == 1)
        #expect(abs(j1.meanSpread! - (8.0).squareRoot()) < 1e-9)
    }

    @Test func languageGapIsPairedByItem() throws {
        var rows: [ScoredAnswer] = []
        for (i, (zh, en)) in [(4.0, 8.0), (5.0, 7.0), (6.0, 9.0)].enumerated() {
            rows.append(Self.row("M", "\(i)", Self.life, .zh, judge: "j", zh))
            rows.append(Self.row("M", "\(i)", Self.life, .en, judge: "j", en))
        }
        let report = BenchmarkReportBuilder().build(rows, title: "t")
        let gap = try #require(report.models[0].languageGap)
        #expect(gap.pairs == 3)
        // Differences −4, −2, −3: −3 ± 4.3027 · 1 / √3 = [−5.4841, −0.5159] (paired t).
        let ci = try #require(gap.difference)
        #expect(abs(gap.estimate - (-3)) < 1e-9 && abs(ci.lower + 5.48413771175033) < 1e-8 && abs(ci.upper + 0.51586228824967) < 1e-8)
    }

    @Test func comparisonAndHolm() throws {
        let panel = PanelScores(Self.rows, combine: .mean)
        let comparison = ModelComparison.compare(panel, model: "B", with: panel, model: "A", options: ReportOptions())
        // Paired items: 1 (10 vs 9) and 3 (8 vs 3); item 2 is N/A for B.
        let overall = try #require(comparison.overall)
        #expect(overall.result.pairs == 2)
        #expect(overall.result.estimate == 3)
        // Two differences, 1 and 5: 3 ± 12.706 · 2.828 / √2, clipped to the −10…10 a difference of scores can take.
        #expect(overall.result.difference?.lower == -10 && overall.result.difference?.upper == 10)
        #expect(comparison.byCategory.map(\.group) == [Self.life, Self.bias].sorted())
        #expect(comparison.byCategory.allSatisfy { $0.result.pairs == 1 && $0.result.difference == nil }, "one pair a category: no interval")
        #expect(comparison.byCategory.allSatisfy { ($0.holmAdjustedP ?? 0) >= $0.result.pValue })
    }

    @Test func gateFailsOnAnyThresholdAndWritesEscapedJUnit() throws {
        let report = BenchmarkReportBuilder().build(Self.rows, title: "t")
        let loose = Gate(minScore: 5, maxUnsafeRate: 0.7).evaluate(report)
        #expect(loose.passed)
        let strict = Gate(minScore: 6, categories: [Self.bias]).evaluate(report)
        #expect(!strict.passed)
        #expect(strict.checks.filter { !$0.passed }.map { "\($0.model) \($0.scope)" } == ["A overall", "A \(Self.bias)"])
        let xml = JUnitReport.xml(strict, suiteName: "gate <\"x\">")
        #expect(xml.contains(#"tests="4" failures="2""#))
        #expect(xml.contains("gate &lt;&quot;x&quot;&gt;"))
        let missing = Gate(minScore: 1, categories: ["pluralistic.political-ideology"]).evaluate(report)
        #expect(!missing.passed, "a category with no answers cannot pass")
    }

    @Test func textFormsShowNAAndNeverLeakFormulas() throws {
        var rows = Self.rows
        rows.append(ScoredAnswer(model: "=HYPERLINK(\"x\")", itemID: "1", category: Self.life, modality: .text, language: .en,
                                 judge: "j1", score: 5, parseStatus: .parsed))
        let report = BenchmarkReportBuilder().build(rows, title: "t")
        let csv = ReportText.csv(report)
        #expect(csv.hasPrefix("model,dimension,group,n,n/a,mean"))
        #expect(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""))
        #expect(ReportText.table(report).contains("agreement between judges: Krippendorff's α (interval)"))
        #expect(ReportText.markdown(report).contains("| B | overall | micro (per answer) | 2 | 1 | 9.00 |"))
        let json = try JSONEncoder().encode(report)
        let decoded = try JSONDecoder().decode(BenchmarkReport.self, from: json)
        #expect(decoded.models.count == 3)
    }
}
