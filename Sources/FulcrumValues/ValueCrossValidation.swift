import Foundation
import FulcrumCore

/// Cross-source validation of the value evaluator: one model per fold, trained with the given
/// options on everything but one group and measured (as its file would be, Int8 weights) on that
/// group. Schemes: leave one `response_source` (answering model) out, and leave one `query_source`
/// out (folds of ≥ 30 dialogues; skipped when the data has fewer than two query sources).
/// Dialogues whose prompt is in the held-out fold are also dropped from its training part, so a
/// fold tests unseen prompts answered by an unseen model.
public struct ValueCrossValidation: Sendable, Codable {
    public static let responseScheme = "response_source"
    public static let queryScheme = "query_source"
    public static let minimumQueryFoldSamples = 30

    public struct FoldResult: Sendable, Codable {
        public var scheme: String
        public var fold: String
        public var train: Int
        public var test: Int
        public var meanMacroF1: Double
        public var meanAccuracy: Double
        public var exactVectorMatch: Double
        /// The fold model's decision offsets, chosen on its training part alone (with the inner
        /// out-of-fold macro-F1 they were chosen on); nil without.
        public var decisionOffsets: ValueDecisionOffsets? = nil
    }

    public struct SchemeSummary: Sendable, Codable {
        public var scheme: String
        public var macroF1: FoldSummary
        public var accuracy: FoldSummary
        public var exactVectorMatch: FoldSummary
    }

    /// Which samples (0-based indices into the data) each fold trains and tests on: `--folds-out`.
    public struct Membership: Sendable, Codable {
        public var scheme: String
        public var name: String
        public var train: [Int]
        public var test: [Int]
    }

    public var folds: [FoldResult]
    public var schemes: [SchemeSummary]
    /// Schemes that made no fold, with the reason.
    public var skipped: [String]
    /// Every dialogue predicted by the response-source fold that held it out, pooled.
    public var outOfFold: ValueEvaluationReport?
    public var calibration: ValueConfidenceCalibration?
    /// Cross-fitted reliability of the out-of-fold confidences, raw and calibrated.
    public var reliabilityBefore: ReliabilityDiagram?
    public var reliabilityAfter: ReliabilityDiagram?
    public var membership: [Membership]
    /// Per value (FULCRA order), the evaluator's bias on each held-out answering model: its mean
    /// label minus the human mean label there (`EvaluatorErrorInterval` carries it into profiles).
    public var biasBySource: [[String: Double]]? = nil
    /// How many of the dialogues checked out of fold are in each language, by the answer's script
    /// (`AnswerScript`): reports mark answers in any other language as unvalidated.
    public var languages: [String: Int]? = nil

    public func summary(_ scheme: String) -> SchemeSummary? { schemes.first { $0.scheme == scheme } }

    /// The folds of both schemes (empty folds and schemes with one group left out).
    public static func folds(_ samples: [LabelledDialogue]) -> (folds: [Membership], skipped: [String]) {
        var out: [Membership] = [], skipped: [String] = []
        let keys = samples.map(\.dialogue.promptKey)
        for (scheme, groups, minimum) in [(responseScheme, samples.map(\.responseSource), 1),
                                          (queryScheme, samples.map(\.querySource), minimumQueryFoldSamples)] {
            let distinct = Set(groups.compactMap { $0 })
            guard distinct.count >= 2 else {
                skipped.append("\(scheme): \(distinct.count) distinct source(s) in the data, no fold to hold out")
                continue
            }
            for fold in CrossSourceFolds(groups: groups, minimumTestSamples: minimum).folds {
                let heldPrompts = Set(fold.test.map { keys[$0] })
                let train = fold.train.filter { !heldPrompts.contains(keys[$0]) }
                if !train.isEmpty { out.append(Membership(scheme: scheme, name: fold.name, train: train, test: fold.test)) }
            }
        }
        return (out, skipped)
    }

    public static func run(_ samples: [LabelledDialogue], options: ValueModelTraining.Options) -> ValueCrossValidation {
        let (membership, skipped) = folds(samples)
        let trainer = options.trainer
        // Two folds at a time: training is single-threaded and folds are independent.
        let results = ParallelMap.map(membership) { fold -> (FoldResult, [[[Double]]], [[Int]]) in
            let model = trainer.train(fold.train.map { samples[$0] })
            let written = (try? ModelFile.decode(ModelFile.encode(model), path: "fold", expectedKind: NativeValueEvaluator.modelKind)) ?? model
            let evaluator = try! NativeValueEvaluator(model: written)
            let test = fold.test.map { samples[$0] }
            let probabilities = test.map { evaluator.rawProbabilities(prompt: $0.dialogue.prompt, response: $0.dialogue.response) }
            // The fold model's own decision offsets (chosen on its training part only) pick the labels.
            let chosen = probabilities.map(evaluator.choices)
            let report = ValueEvaluationReport(truth: test.map(\.vector), predicted: chosen.map(Self.vector))
            return (FoldResult(scheme: fold.scheme, fold: fold.name, train: fold.train.count, test: fold.test.count,
                               meanMacroF1: report.meanMacroF1, meanAccuracy: report.meanAccuracy,
                               exactVectorMatch: report.exactVectorMatch, decisionOffsets: evaluator.decisionOffsets),
                    probabilities, chosen)
        }
        let foldResults = results.map(\.0)
        var schemes: [SchemeSummary] = []
        for scheme in [responseScheme, queryScheme] {
            let rows = foldResults.filter { $0.scheme == scheme }
            func summary(_ key: KeyPath<FoldResult, Double>) -> FoldSummary? {
                FoldSummary(rows.map { FoldSummary.Entry(fold: $0.fold, samples: $0.test, value: $0[keyPath: key]) })
            }
            if let f = summary(\.meanMacroF1), let a = summary(\.meanAccuracy), let e = summary(\.exactVectorMatch) {
                schemes.append(SchemeSummary(scheme: scheme, macroF1: f, accuracy: a, exactVectorMatch: e))
            }
        }
        var predictions: [ValueConfidenceCalibration.Prediction] = []
        for (i, fold) in membership.enumerated() where fold.scheme == responseScheme {
            for (j, s) in fold.test.enumerated() {
                predictions.append(.init(probabilities: results[i].1[j], truth: samples[s].vector, fold: i, chosen: results[i].2[j]))
            }
        }
        var cv = ValueCrossValidation(folds: foldResults, schemes: schemes, skipped: skipped, outOfFold: nil, calibration: nil,
                                      reliabilityBefore: nil, reliabilityAfter: nil, membership: membership)
        if !predictions.isEmpty {
            cv.biasBySource = Self.biasBySource(membership.indices.filter { membership[$0].scheme == responseScheme }.map { i in
                (membership[i].name, results[i].2, membership[i].test.map { samples[$0].vector })
            })
            cv.languages = membership.filter { $0.scheme == responseScheme }.flatMap(\.test)
                .reduce(into: [String: Int]()) { $0[AnswerScript.language(of: samples[$1].dialogue.response), default: 0] += 1 }
            cv.outOfFold = ValueEvaluationReport(truth: predictions.map(\.truth), predicted: predictions.map { Self.vector($0.chosen!) })
            let fitted = ValueConfidenceCalibration.fit(predictions)
            cv.calibration = fitted.calibration
            cv.reliabilityBefore = fitted.before
            cv.reliabilityAfter = fitted.after
        }
        return cv
    }

    /// Per value, each held-out fold's mean chosen label minus its mean human label.
    static func biasBySource(_ folds: [(name: String, chosen: [[Int]], truth: [ValueVector])]) -> [[String: Double]] {
        SchwartzValue.allCases.map { value in
            folds.filter { !$0.truth.isEmpty }.reduce(into: [String: Double]()) { out, fold in
                let labels = fold.chosen.reduce(0) { $0 + Double($1[value.index] - 1) }
                let truth = fold.truth.reduce(0) { $0 + $1[value] }
                out[fold.name] = (labels - truth) / Double(fold.truth.count)
            }
        }
    }

    /// The labels of chosen class indices (0 = −1, 1 = 0, 2 = +1), per value.
    static func vector(_ chosen: [Int]) -> ValueVector {
        var v = ValueVector()
        for value in SchwartzValue.allCases { v[value] = Double(chosen[value.index] - 1) }
        return v
    }

    /// Writes the response-source figures, per-value out-of-fold error and calibration into model metadata.
    public func record(in metadata: inout [String: String]) {
        if let s = summary(Self.responseScheme) {
            metadata["crossSourceScheme"] = "leave one response_source out (\(s.macroF1.folds.count) folds, held-out prompts purged from training)"
            metadata["crossSourceMeanMacroF1"] = String(format: "%.4f", s.macroF1.mean)
            metadata["crossSourceWorstMacroF1"] = String(format: "%.4f", s.macroF1.worst)
            metadata["crossSourceWorstFold"] = s.macroF1.worstFold
            metadata["crossSourceMeanAccuracy"] = String(format: "%.4f", s.accuracy.mean)
            metadata["crossSourceWorstAccuracy"] = String(format: "%.4f", s.accuracy.worst)
            metadata["crossSourceMeanExactMatch"] = String(format: "%.4f", s.exactVectorMatch.mean)
            metadata["crossSourceWorstExactMatch"] = String(format: "%.4f", s.exactVectorMatch.worst)
        }
        if let oof = outOfFold {
            let perValue = oof.perValue.enumerated().map { i, v in
                ValueOutOfFoldError(value: v.value, accuracy: v.accuracy, macroF1: v.macroF1, biasBySource: biasBySource?[i])
            }
            metadata[ValueOutOfFoldError.metadataKey] = ModelMetadataJSON.string(perValue)
        }
        if let calibration { metadata[NativeValueEvaluator.calibrationKey] = ModelMetadataJSON.string(calibration) }
        if let languages { metadata[EvaluatorCheck.languagesKey] = ModelMetadataJSON.string(languages) }
    }
}

/// One value's error out of fold (cross-source), as recorded in the model file and carried into profiles.
public struct ValueOutOfFoldError: Sendable, Codable, Hashable {
    public static let metadataKey = "crossSourcePerValue"
    public var value: String
    public var accuracy: Double
    public var macroF1: Double
    /// Mean evaluator label minus mean human label on each answering model held out; nil in model
    /// files trained before it was recorded.
    public var biasBySource: [String: Double]?

    public init(value: String, accuracy: Double, macroF1: Double, biasBySource: [String: Double]? = nil) {
        self.value = value
        self.accuracy = accuracy
        self.macroF1 = macroF1
        self.biasBySource = biasBySource
    }

    /// The recorded biases in a fixed (source name) order, for `EvaluatorErrorInterval`.
    public var sourceBiases: [Double]? { biasBySource.map { $0.sorted { $0.key < $1.key }.map(\.value) } }

    /// Nil when the model file records none.
    public static func recorded(in metadata: [String: String]) -> [ValueOutOfFoldError]? {
        metadata[metadataKey].flatMap { ModelMetadataJSON.decode([ValueOutOfFoldError].self, $0) }
    }
}

/// Structured values kept in the model file's string metadata as compact JSON.
enum ModelMetadataJSON {
    static func string<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) } ?? ""
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) -> T? {
        try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
