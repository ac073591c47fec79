import Foundation

/// A trained model measured on labelled data, whole or only the held-out part its file records
/// (the same split training used): what `values eval` and `judge eval` report.
public struct ValueModelEvaluation: Sendable {
    public var evaluator: NativeValueEvaluator
    public var dataset: ValueDataset
    public var report: ValueEvaluationReport

    /// `modelPath` nil: the built-in model.
    public static func evaluate(modelPath: String?, data: [URL], heldOut: Bool) throws -> ValueModelEvaluation {
        let evaluator = try NativeValueEvaluator.load(path: modelPath)
        let dataset = try ValueDataset.load(data)
        var samples = dataset.samples
        if heldOut { samples = PromptSplit.heldOut(samples, promptKey: \.dialogue.promptKey, recordedIn: evaluator.model.metadata) }
        return ValueModelEvaluation(evaluator: evaluator, dataset: dataset, report: ValueEvaluationReport.evaluate(evaluator, on: samples))
    }
}

public struct SafetyJudgeEvaluation: Sendable {
    public var judge: NativeSafetyJudge
    /// The samples measured (after the held-out selection).
    public var samples: Int
    public var report: SafetyEvaluationReport

    public static func evaluate(modelPath: String?, data: [URL], headerLine: Int = 1, heldOut: Bool) throws -> SafetyJudgeEvaluation {
        let judge = try NativeSafetyJudge.load(path: modelPath)
        var samples = try SafetyDataset.load(data, headerLine: headerLine)
        if heldOut { samples = PromptSplit.heldOut(samples, promptKey: \.promptKey, recordedIn: judge.model.metadata) }
        return SafetyJudgeEvaluation(judge: judge, samples: samples.count, report: SafetyEvaluationReport.evaluate(judge, on: samples))
    }
}

/// `judge eval --cross-source`: the judge design cross-source validated on labelled data, beside the
/// random split by question that training reports (which overstates: every source is in training).
public struct SafetyCrossSourceEvaluation: Sendable {
    public var samples: [SafetySample]
    public var report: SafetyCrossSourceReport
    /// A model trained on a random 80% by question and judged with the cross-source decision.
    public var randomSplit: SafetyEvaluationReport

    public static func run(data: [URL], headerLine: Int = 1, trainer: SafetyModelTrainer = SafetyModelTrainer(),
                           seed: UInt64 = 42) throws -> SafetyCrossSourceEvaluation {
        let samples = try SafetyDataset.load(data, headerLine: headerLine)
        let report = SafetyCrossSourceReport.make(SafetyCrossValidation.run(samples, trainer: trainer))
        let split = PromptSplit(promptKeys: samples.map(\.promptKey), seed: seed, testShare: 0.2)
        let model = trainer.train(split.train.map { samples[$0] }, metadata: report.decision.metadata)
        let random = SafetyEvaluationReport.evaluate(try NativeSafetyJudge(model: model), on: split.test.map { samples[$0] })
        return SafetyCrossSourceEvaluation(samples: samples, report: report, randomSplit: random)
    }
}
