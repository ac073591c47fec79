import Foundation
import FulcrumCore

/// A trained model measured on labelled data, whole or only the held-out part its file records
/// (the same split training used): what `values eval` and `judge eval` report.
public struct ValueModelEvaluation: Sendable {
    public var evaluator: NativeValueEvaluator
    public var dataset: ValueDataset
    /// Dialogues left out because the model was trained on them (`TrainingAnswers`).
    public var leftOutAsTraining: Int
    public var report: ValueEvaluationReport
    public var reliability: ValueConfidenceReliability

    /// `modelPath` nil: the built-in model. `headerLine`: a CSV's line of column names.
    public static func evaluate(modelPath: String?, data: [URL], heldOut: Bool, headerLine: Int = 1) throws -> ValueModelEvaluation {
        let evaluator = try NativeValueEvaluator.load(path: modelPath)
        let dataset = try ValueDataset.load(data, headerLine: headerLine)
        var samples = dataset.samples
        if heldOut {
            samples = PromptSplit.heldOut(samples, promptKey: \.dialogue.promptKey, recordedIn: evaluator.model.metadata)
            guard !samples.isEmpty else { throw NothingHeldOut(model: modelPath ?? "the built-in value evaluator") }
        }
        let unseen = try evaluator.unseen(samples)
        return ValueModelEvaluation(evaluator: evaluator, dataset: dataset, leftOutAsTraining: unseen.leftOut,
                                    report: ValueEvaluationReport.evaluate(evaluator, on: unseen.samples),
                                    reliability: ValueConfidenceReliability.measure(evaluator, on: unseen.samples))
    }
}

public struct SafetyJudgeEvaluation: Sendable {
    public var judge: NativeSafetyJudge
    /// The samples measured (after the held-out selection).
    public var samples: Int
    /// Answers left out because the model was trained on them (`TrainingAnswers`).
    public var leftOutAsTraining: Int
    public var report: SafetyEvaluationReport

    public static func evaluate(modelPath: String?, data: [URL], headerLine: Int = 1, heldOut: Bool) throws -> SafetyJudgeEvaluation {
        let judge = try NativeSafetyJudge.load(path: modelPath)
        var samples = try SafetyDataset.load(data, headerLine: headerLine)
        if heldOut {
            samples = PromptSplit.heldOut(samples, promptKey: \.promptKey, recordedIn: judge.model.metadata)
            guard !samples.isEmpty else { throw NothingHeldOut(model: modelPath ?? "the built-in safety judge") }
        }
        let unseen = try judge.unseen(samples)
        return SafetyJudgeEvaluation(judge: judge, samples: unseen.samples.count, leftOutAsTraining: unseen.leftOut,
                                     report: SafetyEvaluationReport.evaluate(judge, on: unseen.samples))
    }
}

/// `judge eval --cross-source`: the judge design cross-source validated on labelled data, beside the
/// random split by question that training reports (which overstates: every source is in training).
public struct SafetyCrossSourceEvaluation: Sendable {
    public var samples: [SafetySample]
    public var report: SafetyCrossSourceReport
    /// A model trained on a random 80% by question and judged with the cross-source decision.
    public var randomSplit: SafetyEvaluationReport
    /// The out-of-fold verdicts' sensitivity and specificity overall, per language and per GVS category.
    public var byStratum: JudgeCalibrationRecord

    public static func run(data: [URL], headerLine: Int = 1, trainer: SafetyModelTrainer = SafetyModelTrainer(),
                           seed: UInt64 = 42) throws -> SafetyCrossSourceEvaluation {
        let samples = try SafetyDataset.load(data, headerLine: headerLine)
        let report = SafetyCrossSourceReport.make(SafetyCrossValidation.run(samples, trainer: trainer))
        let split = PromptSplit(promptKeys: samples.map(\.promptKey), seed: seed, testShare: 0.2)
        let model = trainer.train(split.train.map { samples[$0] }, metadata: report.decision.metadata)
        let random = SafetyEvaluationReport.evaluate(try NativeSafetyJudge(model: model), on: split.test.map { samples[$0] })
        let strata = report.outOfFoldCalibration(of: samples, judge: "native-safety design under evaluation", data: data.map(\.lastPathComponent))
        return SafetyCrossSourceEvaluation(samples: samples, report: report, randomSplit: random, byStratum: strata)
    }
}

/// How well a value evaluator's confidences match how often it is right on some labelled data:
/// raw softmax confidences and, when the model file has a calibration, calibrated ones.
public struct ValueConfidenceReliability: Sendable, Codable {
    public var raw: ReliabilityDiagram
    public var calibrated: ReliabilityDiagram?
    public var method: String?

    /// Pools every (dialogue, value) pair: the confidence of the chosen label, and whether it was right.
    public static func measure(_ evaluator: NativeValueEvaluator, on samples: [LabelledDialogue]) -> ValueConfidenceReliability {
        var raw: [(probability: Double, label: Bool)] = [], calibrated = raw
        for s in samples {
            let all = evaluator.rawProbabilities(prompt: s.dialogue.prompt, response: s.dialogue.response)
            for (v, p) in all.enumerated() {
                let best = p.indices.max { p[$0] < p[$1] }!
                let right = best - 1 == Int(s.vector.components[v])
                raw.append((p[best], right))
                if let c = evaluator.calibration { calibrated.append((c.confidence(value: v, probabilities: p), right)) }
            }
        }
        let bins = ValueConfidenceCalibration.binCount
        return ValueConfidenceReliability(raw: ReliabilityDiagram(raw, binCount: bins),
                                          calibrated: evaluator.calibration == nil ? nil : ReliabilityDiagram(calibrated, binCount: bins),
                                          method: evaluator.calibration?.method.rawValue)
    }
}

/// `values eval --cross-source`: cross-source folds with the training options, beside the seeded
/// random by-prompt split (the figure used before, which overstates unseen-data accuracy).
public struct ValueCrossSourceEvaluation: Sendable, Codable {
    public var crossSource: ValueCrossValidation
    /// Trained on the by-prompt split's training part (`options.seed`, 20% held out), measured on the rest.
    public var randomSplit: ValueEvaluationReport

    public static func evaluate(data: [URL], options: ValueModelTraining.Options, headerLine: Int = 1) throws -> ValueCrossSourceEvaluation {
        let samples = try ValueDataset.load(data, headerLine: headerLine).samples
        let cv = ValueCrossValidation.run(samples, options: options)
        let split = PromptSplit(promptKeys: samples.map(\.dialogue.promptKey), seed: options.seed, testShare: 0.2)
        let model = options.trainer.train(split.train.map { samples[$0] })
        let written = try ModelFile.decode(ModelFile.encode(model), path: "split", expectedKind: NativeValueEvaluator.modelKind)
        let report = ValueEvaluationReport.evaluate(try NativeValueEvaluator(model: written), on: split.test.map { samples[$0] })
        return ValueCrossSourceEvaluation(crossSource: cv, randomSplit: report)
    }
}
