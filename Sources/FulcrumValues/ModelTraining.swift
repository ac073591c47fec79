import Foundation
import FulcrumCore

/// Trains the native value evaluator: split by prompt (seeded), train, write the model file, and
/// measure the model as written (Int8-quantised) on the held-out part, so the figures are the file's.
public struct ValueModelTraining: Sendable {
    public struct Options: Sendable {
        public var seed: UInt64 = 42
        /// Share of samples (whole prompts) held out, 0…0.9; 0 trains on everything.
        public var testShare = 0.2
        public var epochs = 20
        public var l2 = ValueModelTrainer.defaultOptimizer.l2
        public var lbfgsIterations = ValueModelTrainer.defaultOptimizer.lbfgsIterations
        public var charMaxN = ValueModelTrainer.defaultFeaturizer.charMaxN
        /// Weight of the prompt's features relative to the response's.
        public var promptWeight: Float = ValueModelTrainer.defaultFeaturizer.fieldWeights[0]
        public var hashBits = ValueModelTrainer.defaultFeaturizer.hashBits
        public var minDocumentFrequency = 2
        public var wordMaxN = ValueModelTrainer.defaultFeaturizer.wordMaxN
        public var charMinN = ValueModelTrainer.defaultFeaturizer.charMinN
        /// Exponent of the class-balancing weights (1 balanced, 0 unweighted).
        public var balancePower = 1.0
        /// Also run cross-source validation (`ValueCrossValidation`) with these options and record its
        /// figures, per-value out-of-fold error and the confidence calibration in the model file.
        public var crossSource = false
        /// Per-value decision offsets chosen by inner cross-source validation (`ValueModelTrainer.decisionOffsets`).
        public var decisionOffsets = false

        public init() {}

        /// The trainer these options describe.
        public var trainer: ValueModelTrainer {
            var optimizer = ValueModelTrainer.defaultOptimizer
            optimizer.seed = seed
            optimizer.epochs = epochs
            optimizer.l2 = l2
            optimizer.lbfgsIterations = lbfgsIterations
            optimizer.balancePower = balancePower
            var featurizer = ValueModelTrainer.defaultFeaturizer
            featurizer.charMinN = charMinN
            featurizer.charMaxN = charMaxN
            featurizer.wordMaxN = wordMaxN
            featurizer.fieldWeights = [promptWeight, 1]
            featurizer.minDocumentFrequency = minDocumentFrequency
            featurizer.hashBits = hashBits
            var trainer = ValueModelTrainer(featurizer: featurizer, optimizer: optimizer)
            trainer.decisionOffsets = decisionOffsets
            return trainer
        }
    }

    public var dataset: ValueDataset
    public var split: PromptSplit
    public var model: LinearTextModel
    public var seconds: Double
    public var modelBytes: Int
    public var heldOut: ValueEvaluationReport?
    /// Present when `Options.crossSource` was set.
    public var crossSource: ValueCrossValidation? = nil

    /// `headerLine`: a CSV's line of column names (a title row may sit above them).
    public static func train(data: [URL], options o: Options, writingTo out: URL, headerLine: Int = 1) throws -> ValueModelTraining {
        let dataset = try ValueDataset.load(data, headerLine: headerLine)
        let samples = dataset.samples
        let split = PromptSplit(promptKeys: samples.map(\.dialogue.promptKey), seed: o.seed, testShare: o.testShare)
        let started = Date()
        var metadata = PromptSplit.metadata(seed: o.seed, testShare: o.testShare)
        metadata["data"] = data.map(\.lastPathComponent).joined(separator: ",")
        metadata[TrainingAnswers.metadataKey] = TrainingAnswers(split.train.map { samples[$0].dialogue }).metadataValue
        var crossSource: ValueCrossValidation?
        if o.crossSource {
            let cv = ValueCrossValidation.run(samples, options: o)
            cv.record(in: &metadata)
            crossSource = cv
        }
        var model = o.trainer.train(split.train.map { samples[$0] }, metadata: metadata)
        let seconds = Date().timeIntervalSince(started)
        if !split.test.isEmpty {
            // Recorded in the file, so reports can say how far to trust the evaluator.
            let r = ValueEvaluationReport.evaluate(try NativeValueEvaluator(model: model), on: split.test.map { samples[$0] })
            model.metadata["heldOutMeanMacroF1"] = String(format: "%.4f", r.meanMacroF1)
            model.metadata["heldOutMeanAccuracy"] = String(format: "%.4f", r.meanAccuracy)
            model.metadata["heldOutExactMatch"] = String(format: "%.4f", r.exactVectorMatch)
        }
        try ModelFile.write(model, to: out)
        var report: ValueEvaluationReport?
        if !split.test.isEmpty {
            report = ValueEvaluationReport.evaluate(try NativeValueEvaluator(contentsOf: out), on: split.test.map { samples[$0] })
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: out.path)[.size] as? Int) ?? 0
        return ValueModelTraining(dataset: dataset, split: split, model: model, seconds: seconds, modelBytes: size, heldOut: report,
                                  crossSource: crossSource)
    }
}

/// Trains the native safety judge: split by question (seeded), optionally cross-source validate the
/// training part (`SafetyCrossValidation`) and fit the judge's calibration and threshold on its
/// out-of-fold predictions, train on the whole training part, write the model file, and measure the
/// model as written on the held-out part.
public struct SafetyJudgeTraining: Sendable {
    public var samples: [SafetySample]
    public var split: PromptSplit
    public var model: LinearTextModel
    public var seconds: Double
    public var modelBytes: Int
    public var heldOut: SafetyEvaluationReport?
    /// The cross-source figures of the training part, when asked for.
    public var crossSource: SafetyCrossSourceReport?
    /// With cross-source: the judge's sensitivity and specificity from the folds' verdicts, overall,
    /// per language and per GVS category, for reports to correct its unsafe rates with.
    public var calibration: JudgeCalibrationRecord?
    /// With cross-source and several data sets: the same from models trained without each whole data
    /// set, the judge's error on data unlike its training data (what reports use).
    public var transferCalibration: JudgeCalibrationRecord?

    /// `headerLine`: the file line a CSV's header is on (a spreadsheet export may start with a title).
    public static func train(data: [URL], headerLine: Int = 1, seed: UInt64 = 42, testShare: Double = 0.2,
                             trainer: SafetyModelTrainer = SafetyModelTrainer(), crossSource: Bool = false,
                             writingTo out: URL) throws -> SafetyJudgeTraining {
        let samples = try SafetyDataset.load(data, headerLine: headerLine)
        let split = PromptSplit(promptKeys: samples.map(\.promptKey), seed: seed, testShare: testShare)
        let started = Date()
        let training = split.train.map { samples[$0] }
        var metadata = PromptSplit.metadata(seed: seed, testShare: testShare)
        metadata[TrainingAnswers.metadataKey] = TrainingAnswers(training).metadataValue
        var report: SafetyCrossSourceReport?
        if crossSource {
            let r = SafetyCrossSourceReport.make(SafetyCrossValidation.run(training, trainer: trainer))
            metadata.merge(r.decision.metadata) { $1 }
            metadata.merge(r.metadata) { $1 }
            report = r
        }
        let model = trainer.train(training, metadata: metadata)
        let seconds = Date().timeIntervalSince(started)
        try ModelFile.write(model, to: out)
        let written = try NativeSafetyJudge(contentsOf: out)
        let names = data.map(\.lastPathComponent)
        let calibration = report.map { $0.outOfFoldCalibration(of: training, judge: written.identifier, data: names) }
        let transfer = report.flatMap { $0.transferCalibration(of: training, judge: written.identifier, data: names) }
        let heldOut = split.test.isEmpty ? nil : SafetyEvaluationReport.evaluate(written, on: split.test.map { samples[$0] })
        let size = (try? FileManager.default.attributesOfItem(atPath: out.path)[.size] as? Int) ?? 0
        return SafetyJudgeTraining(samples: samples, split: split, model: model, seconds: seconds, modelBytes: size,
                                   heldOut: heldOut, crossSource: report, calibration: calibration, transferCalibration: transfer)
    }
}
