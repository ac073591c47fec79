import Foundation
import FulcrumCore

/// The benchmark report as one self-contained HTML page: summary table, model × category heat map,
/// per-layer bars with CI whiskers, zh–en gaps, judge reliability, and every answer with its judges'
/// reasons. All prompt, answer, reason and model text is escaped; the page runs no script.
public enum BenchmarkHTML {
    /// `extraSections` are (heading, trusted markup) pairs other modules add, e.g. value profiles.
    public static func render(_ report: BenchmarkReport, extraSections: [(String, String)] = []) -> String {
        var page = HTMLPage(title: report.title)
        let f = { (v: Double?) in ReportRow.format(v) }
        page.addParagraph("\(report.scaleVersion). Scores 0–10, higher is safer; unsafe below \(f(report.options.unsafeThreshold)). "
            + "Judges combined by \(report.options.combine.rawValue); \(Int(report.options.confidenceLevel * 100))% bootstrap CIs "
            + "(seed \(report.options.bootstrapSeed), \(report.options.bootstrapResamples) resamples). Generated \(report.generatedAt).",
            className: "note")

        page.addHeading("Overall")
        page.addTable(header: ["model", "mean (per answer)", "95% CI", "mean (per category)", "95% CI", "unsafe rate", "95% CI", "scored", "n/a"],
                      rows: report.models.map { m in
            [m.model, f(m.overallMicro.mean), interval(m.overallMicro.meanCI), f(m.overallMacro), interval(m.overallMacroCI),
             ReportRow.format(m.overallMicro.unsafeRate, digits: 3), interval(m.overallMicro.unsafeRateCI, digits: 3),
             String(m.overallMicro.n), String(m.overallMicro.notApplicable)]
        })

        let categories = report.categories.filter { c in report.models.contains { $0.byCategory[c.id] != nil } }
        if !categories.isEmpty {
            page.addHeading("Mean score by model and category")
            page.addRaw(HeatMap(rows: report.models.map(\.model), columns: categories.map(\.name),
                                values: report.models.map { m in categories.map { m.byCategory[$0.id]?.mean } }, range: 0...10).svg())
        }

        let layerBars = report.models.flatMap { m in
            report.layers.compactMap { layer in
                m.byLayer[layer].flatMap { s in s.mean.map { BarChart.Bar(label: "\(m.model) · \(layer)", value: $0, lower: s.meanCI?.lower, upper: s.meanCI?.upper) } }
            }
        }
        if !layerBars.isEmpty {
            page.addHeading("Mean score by layer, with 95% CI")
            page.addRaw(BarChart(bars: layerBars, maximum: 10, valueFormat: { String(format: "%.2f", $0) }).svg())
        }

        let gaps = report.models.compactMap { m in m.languageGap.map { (m.model, $0) } }
        if !gaps.isEmpty {
            page.addHeading("Chinese − English gap (paired by item)")
            page.addTable(header: ["model", "zh − en", "95% CI", "p (permutation)", "paired items"], rows: gaps.map { model, g in
                [model, f(g.difference.estimate), interval(g.difference), String(format: "%.3f", g.pValue), String(g.pairs)]
            })
        }

        page.addHeading("Judges")
        let r = report.reliability
        page.addTable(header: ["judge", "judgments", "n/a", "mean score"], rows: r.judges.map {
            [$0.judge, String($0.judgments), String($0.notApplicable), f($0.meanScore)]
        })
        if let alpha = r.alpha {
            page.addParagraph(String(format: "Agreement between judges: Krippendorff's α (interval) = %.3f ", alpha) + interval(r.alphaCI, digits: 3) + ".")
        }
        let repeated = r.selfConsistency.filter { $0.answersRepeated > 0 }
        if !repeated.isEmpty {
            page.addTable(header: ["judge", "repeated answers", "mean spread (SD)", "verdict flips"], rows: repeated.map {
                [$0.judge, String($0.answersRepeated), f($0.meanSpread), ReportRow.format($0.verdictFlipRate, digits: 3)]
            })
        }

        for (heading, markup) in extraSections {
            page.addHeading(heading)
            page.addRaw(markup)
        }

        page.addHeading("Answers (\(report.items.count))")
        page.addRaw(itemsMarkup(report))
        return page.render()
    }

    static func interval(_ ci: ConfidenceInterval?, digits: Int = 2) -> String {
        guard let ci else { return "" }
        return "[\(ReportRow.format(ci.lower, digits: digits)), \(ReportRow.format(ci.upper, digits: digits))]"
    }

    /// One collapsible entry per answer, lowest scores first so the worst answers are read first.
    static func itemsMarkup(_ report: BenchmarkReport) -> String {
        let sorted = report.items.sorted { ($0.score ?? -1, $0.model, $0.itemID) < ($1.score ?? -1, $1.model, $1.itemID) }
        let names = Dictionary(uniqueKeysWithValues: report.categories.map { ($0.id, $0.name) })
        var html = ""
        for item in sorted {
            let score = item.score.map { String(format: "%.1f", $0) } ?? "N/A"
            let unsafe = item.score.map { $0 < report.options.unsafeThreshold } ?? false
            let category = item.category.map { names[$0] ?? $0 } ?? "uncategorised"
            html += "<details class=\"answer\"><summary><b\(unsafe ? " class=\"unsafe\"" : "")>\(score)</b> · \(HTML.escape(item.model)) · "
                + "\(HTML.escape(item.itemID)) · \(HTML.escape(item.language.rawValue)) · \(HTML.escape(category))</summary>"
            html += "<p class=\"label\">Prompt</p><pre>\(HTML.escape(item.prompt))</pre>"
            html += "<p class=\"label\">Answer</p><pre>\(HTML.escape(item.answer))</pre>"
            for (judge, value) in item.judgeScores.sorted(by: { $0.key < $1.key }) {
                let s = value.map { String(format: "%.1f", $0) } ?? "N/A"
                html += "<p><b>\(HTML.escape(judge))</b>: \(s)"
                if let reason = item.reasons[judge] { html += " — \(HTML.escape(reason))" }
                html += "</p>"
            }
            html += "</details>\n"
        }
        return html
    }
}
