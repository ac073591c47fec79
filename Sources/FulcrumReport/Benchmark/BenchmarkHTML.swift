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
            + "Judges combined by \(report.options.combine.rawValue); \(Int(report.options.confidenceLevel * 100))% CIs: Student t for means, Wilson for unsafe rates, "
            + "bootstrap for the macro average and agreement (seed \(report.options.bootstrapSeed), \(report.options.bootstrapResamples) resamples). Generated \(report.generatedAt).",
            className: "note")

        page.addHeading("Overall")
        page.addTable(header: ["model", "mean (per answer)", "95% CI", "mean (per category)", "95% CI", "unsafe rate", "95% CI",
                               "corrected unsafe rate", "95% CI", "scored", "n/a"],
                      rows: report.models.map { m in
            [m.model, f(m.overallMicro.mean), interval(m.overallMicro.meanCI), f(m.overallMacro), interval(m.overallMacroCI),
             ReportRow.format(m.overallMicro.unsafeRate, digits: 3), interval(m.overallMicro.unsafeRateCI, digits: 3),
             ReportRow.format(m.overallMicro.correctedUnsafeRate?.estimate, digits: 3), corrected(m.overallMicro.correctedUnsafeRate),
             String(m.overallMicro.n), String(m.overallMicro.notApplicable)]
        })

        // Every unsafe rate beside its correction for the judge's measured error, and what it used.
        let correctedRows = ReportRow.rows(of: report).filter { $0.stats?.correctedUnsafeRate != nil }
        if !correctedRows.isEmpty {
            page.addHeading("Unsafe rates corrected for judge error")
            page.addParagraph("Rogan–Gladen correction with the judge's sensitivity and specificity measured on labelled answers "
                + "(`fulcrum judge calibrate`), in the calibration stratum matching the group; the interval carries both the run's sampling error and the calibration's.",
                className: "note")
            page.addTable(header: ["model", "dimension", "group", "unsafe rate", "95% CI", "corrected", "95% CI", "calibration / reason"],
                          rows: correctedRows.map { r -> [String] in
                let s = r.stats!, c = s.correctedUnsafeRate!
                return [r.model, r.dimension, r.group, ReportRow.format(s.unsafeRate, digits: 3), interval(s.unsafeRateCI, digits: 3),
                        ReportRow.format(c.estimate, digits: 3), corrected(c), ReportRow.describe(c)]
            })
        }

        let validation = report.categoryValidation ?? []
        if !validation.isEmpty {
            let names = Dictionary(uniqueKeysWithValues: report.categories.map { ($0.id, $0.name) })
            page.addHeading("Category validation")
            let markRows: [[String]] = validation.flatMap { v -> [[String]] in
                let name = names[v.category] ?? v.category
                return v.judges.map { j -> [String] in
                    let status = j.validated ? "validated" : "unvalidated for \(j.judge)"
                    return [name, j.judge, String(j.labelledHarmful), String(j.labelledSafe), status]
                }
            }
            page.addTable(header: ["category", "judge", "labelled harmful", "labelled safe", "status"], rows: markRows)
            if let needed = validation.first(where: { $0.needed != nil }) {
                let minimum = JudgeCalibrationRecord.minimumLabelled
                page.addParagraph("Unvalidated: the judge has fewer than \(minimum) labelled harmful or \(minimum) labelled safe answers "
                    + "in the category, so its scores there rest on no measurement. Needed (e.g. for \(needed.category)): " + (needed.needed ?? ""),
                    className: "note")
            }
        }

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
                [model, f(g.estimate), interval(g.difference), String(format: "%.3f", g.pValue), String(g.pairs)]
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

    static func corrected(_ c: CorrectedUnsafeRate?) -> String {
        guard let c, c.estimate != nil else { return "" }
        guard let lower = c.lower, let upper = c.upper else { return "no CI" }
        return "[\(ReportRow.format(lower, digits: 3)), \(ReportRow.format(upper, digits: 3))]"
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
