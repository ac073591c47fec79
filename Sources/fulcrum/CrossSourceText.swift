import Foundation
import FulcrumCore
import FulcrumValues

/// Text tables for cross-source validation and confidence reliability.
enum CrossSourceText {
    static func render(_ cv: ValueCrossValidation, randomSplit: ValueEvaluationReport?) -> String {
        var lines = ["scheme           fold                                   train  test  macro-F1  accuracy  exact"]
        func row(_ scheme: String, _ fold: String, _ train: String, _ test: String, _ f1: Double, _ acc: Double, _ exact: Double) -> String {
            scheme.padding(toLength: 16, withPad: " ", startingAt: 0) + " " + fold.padding(toLength: 36, withPad: " ", startingAt: 0)
                + " " + String(repeating: " ", count: max(0, 6 - train.count)) + train
                + " " + String(repeating: " ", count: max(0, 5 - test.count)) + test
                + String(format: "  %8.3f  %8.3f  %5.3f", f1, acc, exact)
        }
        for f in cv.folds {
            lines.append(row(f.scheme, f.fold, String(f.train), String(f.test), f.meanMacroF1, f.meanAccuracy, f.exactVectorMatch))
        }
        for s in cv.schemes {
            lines.append(row(s.scheme, "mean of \(s.macroF1.folds.count) folds", "", "", s.macroF1.mean, s.accuracy.mean, s.exactVectorMatch.mean))
            lines.append(row(s.scheme, "worst fold", "", "", s.macroF1.worst, s.accuracy.worst, s.exactVectorMatch.worst))
        }
        if let r = randomSplit {
            lines.append(row("random split", "by prompt, 20% held out", "", String(r.samples), r.meanMacroF1, r.meanAccuracy, r.exactVectorMatch))
        }
        for s in cv.skipped { lines.append("skipped: \(s)") }
        if let oof = cv.outOfFold {
            lines.append("")
            lines.append("out of fold (\(ValueCrossValidation.responseScheme) folds pooled, \(oof.samples) dialogues)")
            // Bias: the evaluator's mean label minus people's on each held-out answering model; its
            // root mean square is what the profiles' intervals with evaluator error carry (docs/value-profiles.md).
            lines.append("value            accuracy  macro-F1  bias mean  bias rms  largest bias (answering model)")
            for (i, v) in oof.perValue.enumerated() {
                var line = v.value.padding(toLength: 16, withPad: " ", startingAt: 0) + String(format: " %8.3f  %8.3f", v.accuracy, v.macroF1)
                let biases = Array((cv.biasBySource?[i] ?? [:]).sorted { $0.key < $1.key })
                if let mean = Descriptive.mean(biases.map(\.value)),
                   let largest = biases.max(by: { abs($0.value) < abs($1.value) }) {
                    let rms = EvaluatorErrorInterval.rootMeanSquare(biases.map(\.value))
                    line += String(format: "  %+9.3f  %8.3f  %+.3f (", mean, rms, largest.value) + largest.key + ")"
                }
                lines.append(line)
            }
            if let languages = cv.languages {
                // Reports mark answers in any other language as unvalidated (EvaluatorCheck.validates).
                lines.append("languages of the checked dialogues (by script): "
                             + languages.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            }
        }
        if let c = cv.calibration, let before = cv.reliabilityBefore, let after = cv.reliabilityAfter {
            lines.append("")
            lines.append(String(format: "confidence calibration, cross-fitted over the folds: ECE raw %.3f, Platt %.3f, temperature %.3f",
                                c.eceBefore, c.ecePlatt, c.eceTemperature) + " → \(c.method.rawValue)")
            lines.append(ReliabilityText.table(before, after, afterName: c.method.rawValue))
        }
        return lines.joined(separator: "\n")
    }
}

enum ReliabilityText {
    static func render(_ r: ValueConfidenceReliability) -> String {
        var head = String(format: "confidence reliability (all values pooled): ECE raw %.3f (MCE %.3f)", r.raw.ece, r.raw.maximumCalibrationError)
        if let c = r.calibrated {
            head += ", calibrated (\(r.method ?? "?"))" + String(format: " %.3f (MCE %.3f)", c.ece, c.maximumCalibrationError)
        } else {
            head += "; the model file has no calibration"
        }
        return head + "\n" + table(r.raw, r.calibrated, afterName: r.method ?? "calibrated")
    }

    /// One line per bin: count, mean confidence and observed accuracy, raw and (if given) calibrated.
    static func table(_ raw: ReliabilityDiagram, _ after: ReliabilityDiagram?, afterName: String) -> String {
        var lines = ["confidence     raw: count  predicted  observed" + (after == nil ? "" : "   \(afterName): count  predicted  observed")]
        for (i, b) in raw.bins.enumerated() {
            var line = String(format: "%.1f–%.1f   %14d  %9.3f  %8.3f", b.lower, b.upper, b.count, b.meanPredicted, b.observedRate)
            if let a = after?.bins[i] { line += String(format: "  %14d  %9.3f  %8.3f", a.count, a.meanPredicted, a.observedRate) }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
