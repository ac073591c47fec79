import Foundation
import FulcrumCore

/// Trains the native safety judge: a class-balanced harm head on every labelled answer and an
/// action head on the answers that carry a Do-Not-Answer action class.
public struct SafetyModelTrainer: Sendable {
    public var featurizer: FeaturizerConfig
    public var optimizer: SoftmaxTrainer

    /// Shorter n-grams and a length cap than the value model: jailbreak answers are long and the
    /// data are ten times larger, so this keeps training under a minute and the model small.
    public static let defaultFeaturizer = FeaturizerConfig(hashBits: 20, wordMinN: 1, wordMaxN: 2, charMinN: 1, charMaxN: 4,
                                                           minDocumentFrequency: 5, fieldWeights: [0.5, 1],
                                                           maxScalarsPerField: 4096)
    public static let defaultOptimizer = SoftmaxTrainer(l2: 2e-5, epochs: 10, initialStep: 0.5, seed: 42)

    public init(featurizer: FeaturizerConfig = Self.defaultFeaturizer, optimizer: SoftmaxTrainer = Self.defaultOptimizer) {
        self.featurizer = featurizer
        self.optimizer = optimizer
    }

    public func train(_ samples: [SafetySample], metadata: [String: String] = [:]) -> LinearTextModel {
        let documents = samples.map { [$0.question, $0.answer] }
        let textFeaturizer = TextFeaturizer.fit(config: featurizer, documents: documents)
        let rows = documents.map { textFeaturizer.featurize($0).row }
        let f = textFeaturizer.vocabulary.count
        let harm = optimizer.train(name: NativeSafetyJudge.harmHead, rows: rows, labels: samples.map { $0.harmful ? 1 : 0 },
                                   featureCount: f, classes: [0, 1])
        // Samples without an action class get label −1, which the trainer skips.
        let action = optimizer.train(name: NativeSafetyJudge.actionHead, rows: rows, labels: samples.map { $0.action ?? -1 },
                                     featureCount: f, classes: Array(0...5))
        var meta = metadata
        meta["version"] = meta["version"] ?? "1"
        meta["trainingSamples"] = String(samples.count)
        return LinearTextModel(kind: NativeSafetyJudge.modelKind, featurizer: textFeaturizer, heads: [harm, action], metadata: meta)
    }
}

/// Held-out figures of the safety judge: harmful precision/recall/F1 per source, action accuracy.
public struct SafetyEvaluationReport: Sendable, Codable {
    public struct Harm: Sendable, Codable {
        public var source: String
        public var samples: Int
        public var harmful: Int
        public var precision: Double
        public var recall: Double
        public var f1: Double
        public var accuracy: Double
    }

    public var harm: [Harm]
    public var actionSamples: Int
    public var actionAccuracy: Double
    public var actionMacroF1: Double
    public var actionConfusion: ClassificationMetrics?

    public static func evaluate(_ judge: NativeSafetyJudge, on samples: [SafetySample]) -> SafetyEvaluationReport {
        let results = samples.map { judge.assess(question: $0.question, answer: $0.answer) }
        let sources = Array(Set(samples.map(\.source))).sorted()
        func harmFigures(_ name: String, _ idx: [Int]) -> Harm {
            let m = ClassificationMetrics(classes: [0, 1], truth: idx.map { samples[$0].harmful ? 1 : 0 },
                                          predicted: idx.map { results[$0].harmProbability >= 0.5 ? 1 : 0 })
            return Harm(source: name, samples: idx.count, harmful: idx.filter { samples[$0].harmful }.count,
                        precision: m.precision(1), recall: m.recall(1), f1: m.f1(1), accuracy: m.accuracy)
        }
        var harm = sources.map { s in harmFigures(s, samples.indices.filter { samples[$0].source == s }) }
        if sources.count > 1 { harm.append(harmFigures("all", Array(samples.indices))) }
        let withAction = samples.indices.filter { samples[$0].action != nil }
        let confusion = withAction.isEmpty ? nil : ClassificationMetrics(classes: Array(0...5), truth: withAction.map { samples[$0].action! },
                                                                         predicted: withAction.map { results[$0].action.rawValue })
        return SafetyEvaluationReport(harm: harm, actionSamples: withAction.count, actionAccuracy: confusion?.accuracy ?? 0,
                                      actionMacroF1: confusion?.macroF1 ?? 0, actionConfusion: confusion)
    }
}
