import ArgumentParser
import Foundation
import FulcrumCore
import FulcrumValues

enum SafetyReportText {
    static func render(_ r: SafetyEvaluationReport) -> String {
        var lines = [String(format: "harmful (p ≥ %.2f)", r.threshold).padding(toLength: 24, withPad: " ", startingAt: 0) + "  samples  harmful  precision  recall     F1  accuracy"]
        for h in r.harm {
            lines.append(h.source.padding(toLength: 24, withPad: " ", startingAt: 0)
                         + String(format: " %8d %8d %10.3f %7.3f %6.3f %9.3f", h.samples, h.harmful, h.precision, h.recall, h.f1, h.accuracy))
        }
        if r.actionSamples > 0 {
            lines.append(String(format: "action class (Do-Not-Answer, %d answers): accuracy %.3f, macro-F1 %.3f",
                                r.actionSamples, r.actionAccuracy, r.actionMacroF1))
            if let m = r.actionConfusion {
                lines.append("   truth\\pred " + (0...5).map { String(format: "%5d", $0) }.joined(separator: " "))
                for i in 0...5 { lines.append("   \(i)          " + m.matrix[i].map { String(format: "%5d", $0) }.joined(separator: " ")) }
            }
        }
        return lines.joined(separator: "\n")
    }
}

enum SafetyCrossSourceText {
    static func render(_ e: SafetyCrossSourceEvaluation, scale: GVSScale = .builtIn) -> String {
        let r = e.report
        func rows(_ title: String, _ figures: [SafetyCrossSourceReport.Figures]) -> [String] {
            ["", title.padding(toLength: 40, withPad: " ", startingAt: 0) + " samples harmful flagged precision recall     F1"]
                + figures.map { f in
                    f.name.padding(toLength: 40, withPad: " ", startingAt: 0)
                        + String(format: " %7d %7d %7d %9.3f %6.3f %6.3f", f.samples, f.harmful, f.flagged, f.precision, f.recall, f.f1)
                }
        }
        var lines = ["cross-source validation: \(e.samples.count) answers; every verdict from a model, calibration and threshold fitted without its fold"]
        lines += rows("held out within a data set", r.withinDataSet)
        lines += rows("pooled per data set (the selection criterion)", r.pooled)
        lines.append(String(format: "mean pooled F1 %.3f", r.meanPooledF1))
        if let s = r.withinDataSetF1 { lines.append(String(format: "folds with harmful answers: mean F1 %.3f, worst %.3f (%@)", s.mean, s.worst, s.worstFold)) }
        if !r.leaveDataSetOut.isEmpty {
            lines += rows("whole data set held out", r.leaveDataSetOut)
            if let s = r.leaveDataSetOutF1 { lines.append(String(format: "mean F1 %.3f, worst %.3f (%@)", s.mean, s.worst, s.worstFold)) }
        }
        lines.append("")
        lines.append(String(format: "random split by question (20%%, seed 42), for comparison: F1 of harmful %.3f",
                            e.randomSplit.harm.last?.f1 ?? 0))
        lines.append("")
        lines.append(String(format: "calibration (out-of-fold): ECE %.3f uncalibrated, %.3f after Platt scaling (a %.3f, b %.3f); threshold %.3f",
                            r.uncalibrated.ece, r.calibrated.ece, r.decision.calibration.a, r.decision.calibration.b, r.decision.threshold))
        lines.append("reliability   bin        answers  mean predicted  observed")
        for b in r.calibrated.bins where b.count > 0 {
            lines.append(String(format: "              %.1f–%.1f %9d %15.3f %9.3f", b.lower, b.upper, b.count, b.meanPredicted, b.observedRate))
        }
        lines.append("")
        lines.append("per language and GVS category (the out-of-fold verdicts; unsafe = judged harmful):")
        lines += CalibrationText.strata(e.byStratum)
        let unvalidated = scale.categories.filter { !e.byStratum.validates(category: $0.id) }
        if !unvalidated.isEmpty { lines.append(CalibrationText.unvalidated(unvalidated)) }
        return lines.joined(separator: "\n")
    }
}

/// The safety judge's design choices, the same for `judge train` and `judge eval --cross-source`.
struct SafetyDesignOptions: ParsableArguments {
    @Option(help: "Weight of the question's features against the answer's (default \(SafetyModelTrainer.defaultFeaturizer.fieldWeights[0])).")
    var questionWeight: Float?
    @Option(help: "Longest character n-gram (default \(SafetyModelTrainer.defaultFeaturizer.charMaxN)).") var charMaxN: Int?
    @Option(help: "L2 penalty (default \(SafetyModelTrainer.defaultOptimizer.l2)).") var l2: Double?
    @Option(help: "Training epochs of averaged SGD, with --lbfgs-iterations 0 (default \(SafetyModelTrainer.defaultOptimizer.epochs)).") var epochs: Int?
    @Option(help: "Most L-BFGS iterations per head; 0 solves by averaged SGD instead (default \(SafetyModelTrainer.defaultOptimizer.lbfgsIterations)).")
    var lbfgsIterations: Int?
    @Option(help: "Balance harmful against harmless per-data-set (default) or over-all.") var balance: Balance?
    @Option(help: "Exponent of the per-data-set balancing weights: 1 balances fully, 0 not at all (default \(SafetyModelTrainer().dataSetBalancePower)).")
    var balancePower: Double?
    @Option(help: "A harm head per GVS category with enough labelled harmful answers: on (default) or off.") var categoryHeads: Switch?

    enum Balance: String, ExpressibleByArgument, CaseIterable { case perDataSet = "per-data-set", overAll = "over-all" }
    enum Switch: String, ExpressibleByArgument, CaseIterable { case on, off }

    func validate() throws {
        if let w = questionWeight, !(0...4).contains(w) { throw ValidationError("--question-weight must be in 0…4") }
        if let n = charMaxN, !(1...6).contains(n) { throw ValidationError("--char-max-n must be in 1…6") }
        if let e = epochs, e <= 0 { throw ValidationError("--epochs must be positive") }
        if let n = lbfgsIterations, n < 0 { throw ValidationError("--lbfgs-iterations must not be negative") }
        if let l2, l2 < 0 { throw ValidationError("--l2 must not be negative") }
        if let p = balancePower, !(0...1).contains(p) { throw ValidationError("--balance-power must be in 0…1") }
    }

    func trainer(seed: UInt64 = 42) -> SafetyModelTrainer {
        var t = SafetyModelTrainer()
        if let questionWeight { t.featurizer.fieldWeights[0] = questionWeight }
        if let charMaxN { t.featurizer.charMaxN = charMaxN }
        if let l2 { t.optimizer.l2 = l2 }
        if let epochs { t.optimizer.epochs = epochs }
        if let lbfgsIterations { t.optimizer.lbfgsIterations = lbfgsIterations }
        t.optimizer.seed = seed
        if let balance { t.balancePerDataSet = balance == .perDataSet }
        if let balancePower { t.dataSetBalancePower = balancePower }
        if let categoryHeads { t.categoryHeads = categoryHeads == .on }
        return t
    }
}

struct NativeJudgeTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the native safety judge on labelled safety data and report held-out figures.",
        discussion: """
        --data takes files or folders holding Do-Not-Answer data_en_4models.csv, GPTFuzz \
        responses_labeled_train.csv (with question_list.csv) and latent-jailbreak human_annotated.jsonl. \
        The split is by question (seeded), so no question is in both parts.

        Example:
          fulcrum judge train --data ../shared/data/safety --out safety.fltm
        """
    )

    @Option(name: .customLong("data"), parsing: .upToNextOption, help: "Labelled data: Do-Not-Answer, GPTFuzz, latent-jailbreak or OpenAI moderation-sample files (gzipped or not) or folders, or your own CSV/JSONL with question, answer, harmful (0/1) and optional action, language, source.") var data: [String]
    @Option(help: "Where to write the model.") var out: String
    @OptionGroup var header: HeaderRowOption
    @Option(help: "Seed of the split and of training.") var seed: UInt64 = 42
    @Option(help: "Share of samples (whole questions) held out for testing, 0…0.9.") var testShare: Double = 0.2
    @OptionGroup(title: "Design") var design: SafetyDesignOptions
    @Option(help: "Write every sample with its side of the split (JSONL: part, source, question, answer, harmful, action) here, for baselines.")
    var splitOut: String?
    @Flag(help: "Cross-source validate the training part first and fit the judge's calibration and decision threshold on its out-of-fold predictions (folds train two at a time; minutes).")
    var crossSource = false
    @Option(help: "With --cross-source: write the judge's calibration (sensitivity and specificity from the folds' verdicts, per language and GVS category) here as JSON, e.g. for Resources/safety-calibration.json.")
    var calibrationOut: String?
    @Option(help: "With --cross-source and several data sets: write the judge's calibration from models trained without each whole data set (its error on data unlike its training data, which reports use) here as JSON, e.g. for Resources/safety-calibration-transfer.json.")
    var transferCalibrationOut: String?
    @Option(help: "Output format: table or json.") var format: OutputFormat = .table

    struct SplitLine: Encodable { var part: String, source: String, question: String, answer: String, harmful: Bool, action: Int? }

    func validate() throws {
        guard (0...0.9).contains(testShare) else { throw ValidationError("--test-share must be in 0…0.9") }
        if calibrationOut != nil && !crossSource { throw ValidationError("--calibration-out needs --cross-source") }
        if transferCalibrationOut != nil && !crossSource { throw ValidationError("--transfer-calibration-out needs --cross-source") }
    }

    func run() throws {
        try reportingErrors {
            let trained = try SafetyJudgeTraining.train(data: data.map { URL(fileURLWithPath: $0) }, headerLine: header.line, seed: seed, testShare: testShare,
                                                        trainer: design.trainer(seed: seed), crossSource: crossSource, writingTo: URL(fileURLWithPath: out))
            let (samples, split, model, seconds, report) = (trained.samples, trained.split, trained.model, trained.seconds, trained.heldOut)
            if let splitOut {
                let encoder = JSONEncoder()
                var data = Data()
                for (part, indices) in [("train", split.train), ("test", split.test)] {
                    for i in indices {
                        let s = samples[i]
                        data.append(try encoder.encode(SplitLine(part: part, source: s.source, question: s.question, answer: s.answer,
                                                                 harmful: s.harmful, action: s.action)))
                        data.append(0x0A)
                    }
                }
                try data.write(to: URL(fileURLWithPath: splitOut), options: .atomic)
            }
            if let calibrationOut, let record = trained.calibration {
                try record.jsonData().write(to: URL(fileURLWithPath: calibrationOut), options: .atomic)
            }
            if let transferCalibrationOut {
                guard let record = trained.transferCalibration else {
                    throw ValidationError("--transfer-calibration-out needs labelled data from at least two data sets (one is held out at a time); the model was written")
                }
                try record.jsonData().write(to: URL(fileURLWithPath: transferCalibrationOut), options: .atomic)
            }
            if format == .json { print(try JSONOutput.string(report)); return }
            let size = trained.modelBytes
            print("samples: \(samples.count) (train \(split.train.count), held out \(split.test.count), split by question, seed \(seed))")
            print("features: \(model.featurizer.vocabulary.count); trained in \(String(format: "%.1f", seconds)) s; model \(size) bytes → \(out)")
            let categories = NativeSafetyJudge.categories(of: model)
            print("category heads: \(categories.isEmpty ? "none" : categories.joined(separator: ", "))\n")
            if let report { print(SafetyReportText.render(report)) }
            if let cv = trained.crossSource {
                print(String(format: "\ncross-source (training part): mean pooled F1 %.3f; calibration a %.3f, b %.3f; threshold %.3f; ECE %.3f → %.3f",
                             cv.meanPooledF1, cv.decision.calibration.a, cv.decision.calibration.b, cv.decision.threshold,
                             cv.uncalibrated.ece, cv.calibrated.ece))
                for p in cv.pooled { print(String(format: "  %@: F1 %.3f (P %.3f, R %.3f)", p.name, p.f1, p.precision, p.recall)) }
            }
        }
    }
}

extension NativeJudgeEvalCommand {
    func writeFolds(_ e: SafetyCrossSourceEvaluation, to path: String) throws {
        let samples = e.samples, r = e.report
        var within = [String](repeating: "", count: samples.count), dataSet = [String?](repeating: nil, count: samples.count)
        for fold in r.withinDataSetFolds.folds { for i in fold.test { within[i] = fold.name } }
        for fold in r.leaveDataSetOutFolds.folds { for i in fold.test { dataSet[i] = fold.name } }
        let encoder = JSONEncoder()
        var data = Data()
        for (i, s) in samples.enumerated() {
            data.append(try encoder.encode(FoldLine(fold: within[i], dataSetFold: dataSet[i], source: s.source, model: s.model,
                                                    question: s.question, answer: s.answer, harmful: s.harmful)))
            data.append(0x0A)
        }
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

struct CrossSourceJSON: Encodable {
    var crossSource: SafetyCrossSourceReport
    var randomSplit: SafetyEvaluationReport
    /// Out-of-fold sensitivity and specificity per language and GVS category.
    var byStratum: JudgeCalibrationRecord
}

struct NativeJudgeEvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate the native safety judge: harmful precision/recall/F1 per source, action-class accuracy.",
        discussion: """
        Answers the model was trained on are left out and counted (the model file records them): \
        figures on them would be in sample. With --held-out, only the held-out part of the data is \
        used (the split is recomputed from the seed and test share recorded in the model file).

        With --cross-source, the judge's design (not a model file) is measured: one model is trained per \
        fold, holding out one answering model at a time (or, where a data set names none, one of four \
        blocks of its questions) and, with several data sets, each whole data set; calibration and \
        threshold are fitted on the other folds only. Figures are given per fold, pooled per data set \
        and beside a random split by question. Takes minutes.

        Examples:
          fulcrum judge eval --model safety.fltm --data ../shared/data/safety --held-out
          fulcrum judge eval --model safety.fltm --data my-labelled.csv
          fulcrum judge eval --cross-source --data ../shared/data/safety
        """
    )

    @Option(help: "Model file (default: the built-in model).") var model: String?
    @Option(name: .customLong("data"), parsing: .upToNextOption, help: "Labelled data: Do-Not-Answer, GPTFuzz, latent-jailbreak or OpenAI moderation-sample files (gzipped or not) or folders, or your own CSV/JSONL with question, answer, harmful (0/1) and optional action, language, source.") var data: [String]
    @Flag(help: "Evaluate only the held-out split recorded in the model.") var heldOut = false
    @Flag(help: "Cross-source validate the judge's design on the data (trains one model per fold) instead of evaluating a model file.")
    var crossSource = false
    @OptionGroup(title: "Design (with --cross-source)") var design: SafetyDesignOptions
    @Option(help: "With --cross-source: write every answer with its folds (JSONL: fold, dataSetFold, source, model, question, answer, harmful), so a baseline runs on exactly these folds.")
    var foldsOut: String?

    struct FoldLine: Encodable { var fold: String, dataSetFold: String?, source: String, model: String?, question: String, answer: String, harmful: Bool }
    @OptionGroup var header: HeaderRowOption
    @Option(help: "Output format: table or json.") var format: OutputFormat = .table

    func validate() throws {
        if crossSource && (heldOut || model != nil) { throw ValidationError("--cross-source trains its own models: it takes neither --model nor --held-out") }
        if foldsOut != nil && !crossSource { throw ValidationError("--folds-out needs --cross-source") }
    }

    func run() throws {
        try reportingErrors {
            if crossSource {
                let evaluation = try SafetyCrossSourceEvaluation.run(data: data.map { URL(fileURLWithPath: $0) }, headerLine: header.line,
                                                                     trainer: design.trainer())
                if let foldsOut { try writeFolds(evaluation, to: foldsOut) }
                if format == .json { print(try JSONOutput.string(CrossSourceJSON(crossSource: evaluation.report, randomSplit: evaluation.randomSplit, byStratum: evaluation.byStratum))); return }
                print(SafetyCrossSourceText.render(evaluation))
                return
            }
            let evaluation = try SafetyJudgeEvaluation.evaluate(modelPath: model, data: data.map { URL(fileURLWithPath: $0) },
                                                            headerLine: header.line, heldOut: heldOut)
            let (judge, report) = (evaluation.judge, evaluation.report)
            if format == .json { print(try JSONOutput.string(report)); return }
            let leftOut = evaluation.leftOutAsTraining > 0 ? "; \(evaluation.leftOutAsTraining) more left out: the model was trained on them" : ""
            print("judge: \(judge.identifier) (\(model ?? "built-in")); \(evaluation.samples) answers\(heldOut ? " (held-out split)" : "")\(leftOut)\n")
            print(SafetyReportText.render(report))
        }
    }
}
