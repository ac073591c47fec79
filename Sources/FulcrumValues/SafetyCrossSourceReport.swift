import FulcrumCore

/// What cross-source validation says of a safety-judge design: F1 of "harmful" on every held-out
/// fold, per data set pooled over its folds, and with whole data sets held out; the calibration of
/// the harm probability before and after Platt scaling. Every verdict is cross-fitted: the
/// calibration and threshold applied to a fold were fitted on the other folds' predictions only,
/// so no figure here saw its own labels.
public struct SafetyCrossSourceReport: Sendable, Codable {
    public struct Figures: Sendable, Codable, Hashable {
        public var name: String
        public var samples: Int
        public var harmful: Int
        public var flagged: Int
        public var precision: Double
        public var recall: Double
        public var f1: Double
        /// Harmful answers it flagged (recall is their share of `harmful`).
        public var truePositives: Int { Int((recall * Double(harmful)).rounded()) }
    }

    public var withinDataSet: [Figures]
    /// Per data set, pooled over its within-data-set folds: each answer judged by a model that never
    /// saw its answering model (or its question).
    public var pooled: [Figures]
    public var leaveDataSetOut: [Figures]
    /// F1 over the folds that hold harmful answers (F1 is undefined without any).
    public var withinDataSetF1: FoldSummary?
    public var leaveDataSetOutF1: FoldSummary?
    /// Mean over data sets of the pooled F1: the criterion designs are chosen by.
    public var meanPooledF1: Double
    public var uncalibrated: ReliabilityDiagram
    public var calibrated: ReliabilityDiagram
    /// The decision fitted on every out-of-fold prediction: what a judge trained on all the data uses.
    public var decision: HarmDecision
    /// The folds the figures come from (not in the JSON; `judge eval --folds-out` writes them).
    public var withinDataSetFolds = CrossSourceFolds(folds: [])
    public var leaveDataSetOutFolds = CrossSourceFolds(folds: [])
    /// Per sample, the cross-fitted verdict (harmful or not) of its within-data-set fold.
    public var verdicts: [Bool] = []
    /// Per sample, the verdict of a model trained without its whole data set; nil with one data set.
    public var dataSetVerdicts: [Bool?] = []

    public static func make(_ cv: SafetyCrossValidation) -> SafetyCrossSourceReport {
        let samples = cv.samples
        let labels = samples.map(\.harmful), sources = samples.map(\.source)
        var verdicts = [Bool](repeating: false, count: samples.count)
        var calibratedProbability = [Double](repeating: 0, count: samples.count)
        var within: [Figures] = []
        for fold in cv.withinDataSet.folds {
            let held = Set(fold.test)
            let others = samples.indices.filter { !held.contains($0) }
            let decision = HarmDecision.fit(probabilities: others.map { cv.outOfFold[$0] }, labels: others.map { labels[$0] },
                                            groups: others.map { sources[$0] })
            for i in fold.test {
                calibratedProbability[i] = decision.calibration.apply(cv.outOfFold[i])
                verdicts[i] = calibratedProbability[i] >= decision.threshold
            }
            within.append(figures(fold.name, fold.test, labels, verdicts))
        }
        let dataSets = Set(sources).sorted()
        let pooled = dataSets.map { d in figures(d, samples.indices.filter { sources[$0] == d }, labels, verdicts) }
        var outside: [Figures] = []
        var dataSetVerdicts = [Bool?](repeating: nil, count: samples.count)
        for fold in cv.leaveDataSetOut.folds {
            guard let held = fold.test.first.map({ sources[$0] }) else { continue }
            let others = samples.indices.filter { sources[$0] != held }
            let decision = HarmDecision.fit(probabilities: others.map { cv.outOfFold[$0] }, labels: others.map { labels[$0] },
                                            groups: others.map { sources[$0] })
            var flagged = verdicts
            for i in fold.test {
                flagged[i] = cv.dataSetOutOfFold[i].map(decision.isHarmful) ?? false
                dataSetVerdicts[i] = flagged[i]
            }
            outside.append(figures(fold.name, fold.test, labels, flagged))
        }
        func summary(_ f: [Figures]) -> FoldSummary? {
            FoldSummary(f.filter { $0.harmful > 0 }.map { FoldSummary.Entry(fold: $0.name, samples: $0.samples, value: $0.f1) })
        }
        let scored = pooled.filter { $0.harmful > 0 }
        return SafetyCrossSourceReport(
            withinDataSet: within, pooled: pooled, leaveDataSetOut: outside,
            withinDataSetF1: summary(within), leaveDataSetOutF1: summary(outside),
            meanPooledF1: scored.isEmpty ? 0 : scored.map(\.f1).reduce(0, +) / Double(scored.count),
            uncalibrated: ReliabilityDiagram(zip(cv.outOfFold, labels).map { (probability: $0.0, label: $0.1) }),
            calibrated: ReliabilityDiagram(zip(calibratedProbability, labels).map { (probability: $0.0, label: $0.1) }),
            decision: HarmDecision.fit(probabilities: cv.outOfFold, labels: labels, groups: sources),
            withinDataSetFolds: cv.withinDataSet, leaveDataSetOutFolds: cv.leaveDataSetOut, verdicts: verdicts,
            dataSetVerdicts: dataSetVerdicts)
    }

    /// The folds' verdicts as a measurement of `judge`'s error: sensitivity and specificity overall,
    /// per language and per GVS category of `samples` (those the report was made from). An empty
    /// answer gets N/A from the judge, never a verdict, so it is counted as N/A here too.
    public func outOfFoldCalibration(of samples: [SafetySample], judge: String, data: [String]) -> JudgeCalibrationRecord {
        calibration(of: samples, verdicts: verdicts, judge: judge, data: data,
                    method: Self.familiarMethodPrefix + ": each answer judged by a model trained without its answering model (or its block of questions), with a calibration and threshold fitted without it; \(withinDataSet.count) folds" + transferCaveat)
    }

    /// The judge's error on data unlike its training data: each answer judged by a model trained
    /// without its whole data set. A report's answers (a suite's) are such data, so reports correct
    /// the native judge's rates with this one. Nil with a single data set (no such folds).
    public func transferCalibration(of samples: [SafetySample], judge: String, data: [String]) -> JudgeCalibrationRecord? {
        guard !leaveDataSetOut.isEmpty, dataSetVerdicts.count == samples.count else { return nil }
        let verdicts = dataSetVerdicts.enumerated().map { i, v in v ?? self.verdicts[i] }
        return calibration(of: samples, verdicts: verdicts, judge: judge, data: data,
                           method: Self.transferMethodPrefix + ": each answer judged by a model trained without its whole data set (\(leaveDataSetOut.map(\.name).joined(separator: ", "))), with a calibration and threshold fitted without it; for answers unlike the judge's training data, such as a suite's")
    }

    /// How the two calibrations' methods begin, so either is recognised wherever it is stored.
    public static let familiarMethodPrefix = "cross-source folds"
    public static let transferMethodPrefix = "whole data set held out"

    private func calibration(of samples: [SafetySample], verdicts: [Bool], judge: String, data: [String], method: String) -> JudgeCalibrationRecord {
        JudgeCalibrationRecord.measure(
            judge: judge, method: method, data: data, unsafeThreshold: NativeSafetyJudge.unsafeScore,
            outcomes: zip(samples, verdicts).map { s, flagged in
                CalibrationOutcome(language: s.language, category: s.category, harmful: s.harmful,
                                   judgedUnsafe: s.answer.allSatisfy(\.isWhitespace) ? nil : flagged)
            })
    }

    /// These sensitivities hold for data like the training data. A report's data set is often one the
    /// judge never saw, where it finds far less (measured with each whole data set held out), so the
    /// calibration says so wherever it is named.
    var transferCaveat: String {
        let harmful = leaveDataSetOut.reduce(0) { $0 + $1.harmful }
        guard harmful > 0 else { return "" }
        let found = leaveDataSetOut.reduce(0) { $0 + $1.truePositives }
        let harmless = leaveDataSetOut.reduce(0) { $0 + $1.samples - $1.harmful }
        let passed = harmless - leaveDataSetOut.reduce(0) { $0 + $1.flagged - $1.truePositives }
        return String(format: ". With a whole data set held out it found %d of %d harmful answers (sensitivity %.2f; specificity %.2f): on a data set unlike its training data the true unsafe rate is likely higher than the corrected one",
                      found, harmful, Double(found) / Double(harmful), Double(passed) / Double(max(harmless, 1)))
    }

    static func figures(_ name: String, _ indices: [Int], _ labels: [Bool], _ verdicts: [Bool]) -> Figures {
        let m = ClassificationMetrics(classes: [0, 1], truth: indices.map { labels[$0] ? 1 : 0 }, predicted: indices.map { verdicts[$0] ? 1 : 0 })
        return Figures(name: name, samples: indices.count, harmful: m.matrix[1].reduce(0, +), flagged: m.matrix[0][1] + m.matrix[1][1],
                       precision: m.precision(1), recall: m.recall(1), f1: m.f1(1))
    }

    /// The figures a trained model keeps in its metadata, so reports can say how far to trust it.
    public var metadata: [String: String] {
        var m = ["crossSourceMeanPooledF1": String(format: "%.4f", meanPooledF1)]
        for p in pooled { m["crossSourceF1.\(p.name)"] = String(format: "%.4f", p.f1) }
        if let w = leaveDataSetOutF1 { m["leaveDataSetOutMeanF1"] = String(format: "%.4f", w.mean) }
        return m
    }

    private enum CodingKeys: String, CodingKey {
        case withinDataSet, pooled, leaveDataSetOut, withinDataSetF1, leaveDataSetOutF1, meanPooledF1, uncalibrated, calibrated, decision
    }
}
