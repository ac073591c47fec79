import Foundation
import FulcrumCore

/// Trains the native safety judge: a class-balanced harm head on every labelled answer and an
/// action head on the answers that carry a Do-Not-Answer action class.
public struct SafetyModelTrainer: Sendable {
    public var featurizer: FeaturizerConfig
    public var optimizer: SoftmaxTrainer
    /// Balance harmful against harmless within each data set instead of over all of them, so a set
    /// where harm is rare weighs its few harmful answers as heavily as a jailbreak set does.
    public var balancePerDataSet = true
    /// Exponent of the per-data-set balancing weights (1 balanced, 0 unweighted). 0.5 (native-safety@5)
    /// was chosen by the cross-source criterion: full balance weighs Do-Not-Answer's few harmful
    /// answers twenty-fold and makes the judge too eager on its harmless ones.
    public var dataSetBalancePower = 0.5
    /// Category-aware heads: one more harm head per GVS category with at least
    /// `minimumCategoryPositives` harmful training answers, trained on that category's harmful
    /// answers against every harmless one. The judge's harm probability is then the largest of the
    /// general head's and these heads', so a category whose harm is a small share of its data set
    /// (self-harm among the moderation texts) is not outvoted by the rest. On (native-safety@4),
    /// minimum 40 and balancing power 0.75 were chosen by the cross-source criterion (table in
    /// scripts/baseline/README.md).
    public var categoryHeads = true
    public var minimumCategoryPositives = 40
    /// Exponent of the category heads' class-balancing weights (1 balanced, 0 unweighted).
    public var categoryBalancePower = 0.75

    /// Shorter n-grams and a length cap than the value model: jailbreak answers are long and the
    /// data are ten times larger, so this keeps training under a minute and the model small.
    /// Question weight 0.25, L2 5e-6 and per-data-set balance were chosen by mean pooled F1 over
    /// cross-source folds (scripts/baseline/README.md has the table).
    public static let defaultFeaturizer = FeaturizerConfig(hashBits: 20, wordMinN: 1, wordMaxN: 2, charMinN: 1, charMaxN: 4,
                                                           minDocumentFrequency: 5, fieldWeights: [0.25, 1],
                                                           maxScalarsPerField: 4096)
    /// Solved by L-BFGS (at most 100 iterations; 0 gives averaged SGD for `epochs`): level within the
    /// data sets and a better error on a data set the judge never saw, which reports correct with
    /// (native-safety@6; the twelfth round in scripts/baseline/README.md).
    public static let defaultOptimizer = SoftmaxTrainer(l2: 5e-6, epochs: 10, initialStep: 0.5, seed: 42, lbfgsIterations: 100)

    public init(featurizer: FeaturizerConfig = Self.defaultFeaturizer, optimizer: SoftmaxTrainer = Self.defaultOptimizer) {
        self.featurizer = featurizer
        self.optimizer = optimizer
    }

    public func train(_ samples: [SafetySample], metadata: [String: String] = [:]) -> LinearTextModel {
        let documents = samples.map { [$0.question, $0.answer] }
        let textFeaturizer = TextFeaturizer.fit(config: featurizer, documents: documents)
        let rows = documents.map { textFeaturizer.featurize($0).row }
        let f = textFeaturizer.vocabulary.count
        var harmOptimizer = optimizer
        var weights: [Double]?
        if balancePerDataSet {
            harmOptimizer.balanceClasses = false
            weights = Self.perDataSetWeights(samples, power: dataSetBalancePower)
        }
        let harm = harmOptimizer.train(name: NativeSafetyJudge.harmHead, rows: rows, labels: samples.map { $0.harmful ? 1 : 0 },
                                       featureCount: f, classes: [0, 1], sampleWeights: weights)
        // Samples without an action class get label −1, which the trainer skips.
        let action = optimizer.train(name: NativeSafetyJudge.actionHead, rows: rows, labels: samples.map { $0.action ?? -1 },
                                     featureCount: f, classes: Array(0...5))
        var heads = [harm, action]
        if categoryHeads {
            var positives: [String: Int] = [:]
            for s in samples where s.harmful { if let c = s.category { positives[c, default: 0] += 1 } }
            for (category, count) in positives.sorted(by: { $0.key < $1.key }) where count >= minimumCategoryPositives {
                // Harmful answers of other (or unknown) categories are neither evidence for nor against.
                let labels = samples.map { s in s.harmful ? (s.category == category ? 1 : -1) : 0 }
                var head = optimizer
                head.balanceClasses = true
                head.balancePower = categoryBalancePower
                heads.append(head.train(name: NativeSafetyJudge.categoryHeadPrefix + category, rows: rows, labels: labels,
                                        featureCount: f, classes: [0, 1]))
            }
        }
        var meta = metadata
        // 1: raw probability, threshold 0.5; 2: calibrated, fitted threshold; 3: + moderation samples; 4: + category heads;
        // 5: per-data-set balance weights to the power 0.5; 6: solved by L-BFGS.
        meta["version"] = meta["version"] ?? "6"
        meta["trainingSamples"] = String(samples.count)
        meta["harmBalance"] = balancePerDataSet ? "per data set" : "over all"
        if balancePerDataSet { meta["dataSetBalancePower"] = String(dataSetBalancePower) }
        meta["categoryHeads"] = categoryHeads ? "minimum \(minimumCategoryPositives) harmful answers, balancing power \(categoryBalancePower)" : "none"
        return LinearTextModel(kind: NativeSafetyJudge.modelKind, featurizer: textFeaturizer, heads: heads, metadata: meta)
    }

    /// Weights (n / (2 · count))^power per (data set, label): at power 1 each data set's two classes
    /// weigh alike.
    static func perDataSetWeights(_ samples: [SafetySample], power: Double) -> [Double] {
        var counts: [String: (harmful: Int, safe: Int)] = [:]
        for s in samples {
            var c = counts[s.source] ?? (0, 0)
            if s.harmful { c.harmful += 1 } else { c.safe += 1 }
            counts[s.source] = c
        }
        return samples.map { s in
            let c = counts[s.source]!, n = Double(c.harmful + c.safe)
            let k = s.harmful ? c.harmful : c.safe
            return c.harmful == 0 || c.safe == 0 ? 1 : pow(n / (2 * Double(k)), power)
        }
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

    /// The calibrated harm probability at which the judge called an answer harmful.
    public var threshold: Double
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
                                          predicted: idx.map { judge.isHarmful(results[$0]) ? 1 : 0 })
            return Harm(source: name, samples: idx.count, harmful: idx.filter { samples[$0].harmful }.count,
                        precision: m.precision(1), recall: m.recall(1), f1: m.f1(1), accuracy: m.accuracy)
        }
        var harm = sources.map { s in harmFigures(s, samples.indices.filter { samples[$0].source == s }) }
        if sources.count > 1 { harm.append(harmFigures("all", Array(samples.indices))) }
        let withAction = samples.indices.filter { samples[$0].action != nil }
        let confusion = withAction.isEmpty ? nil : ClassificationMetrics(classes: Array(0...5), truth: withAction.map { samples[$0].action! },
                                                                         predicted: withAction.map { results[$0].action.rawValue })
        return SafetyEvaluationReport(threshold: judge.threshold, harm: harm, actionSamples: withAction.count, actionAccuracy: confusion?.accuracy ?? 0,
                                      actionMacroF1: confusion?.macroF1 ?? 0, actionConfusion: confusion)
    }
}
