import Foundation
import FulcrumCore

/// Plain-text renderings of a benchmark report: an aligned terminal table, CSV and Markdown.
public enum ReportText {
    public static func table(_ report: BenchmarkReport) -> String {
        let rows = ReportRow.rows(of: report)
        let compact = rows.map { r -> [String] in
            let c = r.cells
            let ci = c[6].isEmpty ? "" : "[\(c[6]), \(c[7])]"
            let unsafe = c[8].isEmpty ? "" : "\(c[8]) [\(c[9]), \(c[10])]"
            let corrected = c[11].isEmpty ? (r.stats?.correctedUnsafeRate == nil ? "" : "not corrected")
                : c[12].isEmpty ? "\(c[11]) (no CI)" : "\(c[11]) [\(c[12]), \(c[13])]"
            return [c[0], c[1] == "overall-macro" ? "overall" : c[1], c[2], c[3], c[4], c[5], ci, unsafe, corrected]
        }
        var out = "\(report.title)\n\(report.scaleVersion); unsafe below \(ReportRow.format(report.options.unsafeThreshold, digits: 1)); judges combined by \(report.options.combine.rawValue); \(Int(report.options.confidenceLevel * 100))% CIs (Student t for means, Wilson for unsafe rates, Jeffreys draws for corrected rates; bootstrap seed \(report.options.bootstrapSeed))\n\n"
        out += align([["model", "dimension", "group", "n", "n/a", "mean", "95% CI", "unsafe rate [CI]", "corrected [CI]"]] + compact)
        out += "\n" + correctionText(report) + "\n" + validationText(report)
        out += "\n" + reliabilityText(report.reliability)
        for model in report.models {
            if let gap = model.languageGap {
                let ci = gap.difference.map { String(format: " [%.2f, %.2f]", $0.lower, $0.upper) } ?? " (no CI: one pair)"
                out += String(format: "\n%@: zh − en gap %.2f%@, p = %.3f over %d paired items", model.model, gap.estimate, ci, gap.pValue, gap.pairs)
            }
        }
        return out + "\n"
    }

    /// Which calibrations corrected the unsafe rates (one line per distinct calibration or reason),
    /// then why a rate has no correction or no interval, with the calibration strata concerned: a
    /// bare "0.000" would read as a certain zero.
    static func correctionText(_ report: BenchmarkReport) -> String {
        var seen: [String] = []
        var caveats: [(reason: String, strata: [String])] = []
        for model in report.models {
            let groups = [model.overallMicro] + model.byLayer.sorted { $0.key < $1.key }.map(\.value)
                + model.byCategory.sorted { $0.key < $1.key }.map(\.value) + model.byLanguage.sorted { $0.key < $1.key }.map(\.value)
            for c in groups.compactMap(\.correctedUnsafeRate) {
                let line = c.calibration.map { "\($0.judge): \($0.method), created \($0.created)" } ?? c.reason ?? ""
                if !line.isEmpty, !seen.contains(line) { seen.append(line) }
                guard let reason = c.reason, let stratum = c.calibration?.stratum else { continue }
                if let i = caveats.firstIndex(where: { $0.reason == reason }) {
                    if !caveats[i].strata.contains(stratum) { caveats[i].strata.append(stratum) }
                } else {
                    caveats.append((reason, [stratum]))
                }
            }
        }
        guard !seen.isEmpty else { return "Corrected unsafe rates: none (no unsafe rates)" }
        return (["Corrected unsafe rates (Rogan–Gladen, for the judge's measured sensitivity and specificity; stratum per row in CSV/JSON):"]
                + seen.map { "  " + $0 }
                + caveats.map { "  \($0.strata.joined(separator: ", ")): \($0.reason)" }).joined(separator: "\n")
    }

    /// The categories whose scores come from a judge not validated there.
    static func validationText(_ report: BenchmarkReport) -> String {
        let unvalidated = (report.categoryValidation ?? []).filter { !$0.unvalidatedFor.isEmpty }
        guard !unvalidated.isEmpty else { return "Category validation: every scored category is validated for its judges" }
        var lines = ["Category validation:"]
        for v in unvalidated {
            lines.append("  \(v.category): unvalidated for \(v.unvalidatedFor.joined(separator: ", "))")
        }
        let minimum = JudgeCalibrationRecord.minimumLabelled
        lines.append("  needed: at least \(minimum) labelled harmful and \(minimum) labelled safe answers in each such category, "
                     + "scored by the same judge: calibrate a rubric LLM judge on them with `fulcrum judge calibrate`")
        return lines.joined(separator: "\n")
    }

    static func reliabilityText(_ r: JudgeReliability) -> String {
        var lines = ["Judges:"]
        for j in r.judges {
            lines.append("  \(j.judge): \(j.judgments) judgments, \(j.notApplicable) N/A, mean \(ReportRow.format(j.meanScore))")
        }
        if let alpha = r.alpha {
            let ci = r.alphaCI.map { String(format: " [%.2f, %.2f]", $0.lower, $0.upper) } ?? ""
            lines.append(String(format: "  agreement between judges: Krippendorff's α (interval) = %.3f", alpha) + ci)
        } else if r.judges.count > 1 {
            lines.append("  agreement between judges: not computable (too few answers scored by two judges)")
        }
        for c in r.selfConsistency where c.answersRepeated > 0 {
            lines.append("  \(c.judge) self-consistency over \(c.answersRepeated) repeated answers: mean spread \(ReportRow.format(c.meanSpread)), verdict flips \(ReportRow.format(c.verdictFlipRate, digits: 3))")
        }
        return lines.joined(separator: "\n")
    }

    /// RFC 4180 through `CSVWriter`, which neutralises a leading formula character in text (model
    /// names, group names) so a spreadsheet never runs it; scores stay numbers.
    public static func csv(_ report: BenchmarkReport) -> String {
        CSVWriter.document(header: ReportRow.header, rows: ReportRow.rows(of: report).map(\.cells))
    }

    public static func markdown(_ report: BenchmarkReport) -> String {
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var out = "# \(cell(report.title))\n\n\(report.scaleVersion); unsafe below \(report.options.unsafeThreshold); judges combined by \(report.options.combine.rawValue).\n\n"
        out += "| " + ReportRow.header.joined(separator: " | ") + " |\n|" + String(repeating: "---|", count: ReportRow.header.count) + "\n"
        for row in ReportRow.rows(of: report) { out += "| " + row.cells.map(cell).joined(separator: " | ") + " |\n" }
        out += "\n```\n" + correctionText(report) + "\n" + validationText(report) + "\n" + reliabilityText(report.reliability) + "\n```\n"
        return out
    }

    /// Rows as columns padded to their widest cell, two spaces apart; one line each, newline-terminated.
    public static func align(_ rows: [[String]]) -> String {
        let widths = (0..<(rows.first?.count ?? 0)).map { i in rows.map { $0[i].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { i, c in c.padding(toLength: widths[i], withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
