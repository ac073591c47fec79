import Foundation
import FulcrumCore

/// The value evaluator Fulcrum trains itself: ten 3-class (−1/0/+1) logistic-regression heads,
/// one per Schwartz value, over hashed word and character n-gram TF-IDF features of the prompt and
/// the response in separate feature spaces. Runs in-process on a CPU; no network, no Python.
public struct NativeValueEvaluator: ValueEvaluator {
    public static let modelKind = "fulcra-values"
    public static let resourceName = "values-model"
    /// Metadata key of the confidence calibration (`ValueConfidenceCalibration`, JSON).
    public static let calibrationKey = "confidenceCalibration"
    public let model: LinearTextModel
    /// The ten heads in FULCRA order, and the same interleaved for fast scoring.
    private let heads: [LinearHead]
    private let fused: FusedHeads
    public var identifier: String { "native-values@\(model.metadata["version"] ?? "1")" }
    /// Held-out figures recorded in the model file, if it was trained with a held-out part.
    public var check: EvaluatorCheck? { EvaluatorCheck(metadata: model.metadata) }
    /// Applied to every confidence when the model file has one; nil: raw softmax probabilities.
    public let calibration: ValueConfidenceCalibration?
    /// Added to the −1/+1 log-probabilities before the arg-max when the model file has them; nil: plain arg-max.
    public let decisionOffsets: ValueDecisionOffsets?
    /// Per-value cross-source (out-of-fold) error recorded at training time, in FULCRA order.
    public var outOfFoldError: [ValueOutOfFoldError]? { ValueOutOfFoldError.recorded(in: model.metadata) }
    /// Per value (FULCRA order), the recorded bias on each answering model held out; nil unless all
    /// ten values have one (what profile intervals with evaluator error draw from).
    public var sourceBiases: [[Double]]? {
        let biases = outOfFoldError?.compactMap(\.sourceBiases)
        return biases?.count == ValueVector.dimension ? biases : nil
    }

    public init(model: LinearTextModel) throws(ModelFileError) {
        for value in SchwartzValue.allCases where model.head(named: value.rawValue) == nil {
            throw .corrupt(path: model.metadata["path"] ?? "model", reason: "no head for value '\(value.rawValue)'")
        }
        self.model = model
        heads = SchwartzValue.allCases.map { model.head(named: $0.rawValue)! }
        fused = FusedHeads(heads, featureCount: model.featurizer.vocabulary.count)
        calibration = model.metadata[Self.calibrationKey].flatMap { ModelMetadataJSON.decode(ValueConfidenceCalibration.self, $0) }
        decisionOffsets = ValueDecisionOffsets.recorded(in: model.metadata)
    }

    /// `samples` without the dialogues the model was trained on (`TrainingAnswers`), and how many
    /// those were; a model file that predates the record leaves everything in. Throws when nothing is
    /// left: every figure would be in sample.
    public func unseen(_ samples: [LabelledDialogue]) throws -> (samples: [LabelledDialogue], leftOut: Int) {
        try TrainingAnswers.unseen(samples, metadata: model.metadata, model: identifier,
                                   honestFigures: "`fulcrum values eval --cross-source`, or the evaluator check in reports") { $0.contains($1.dialogue) }
    }

    /// Per value (FULCRA order) the index of the label chosen from its probabilities (0 = −1, 1 = 0, 2 = +1).
    public func choices(_ probabilities: [[Double]]) -> [Int] {
        probabilities.indices.map { v in
            let p = probabilities[v]
            return decisionOffsets?.choice(value: v, probabilities: p) ?? (p.indices.max { p[$0] < p[$1] } ?? 0)
        }
    }

    /// A copy that reports raw (uncalibrated) confidences.
    public func uncalibrated() throws(ModelFileError) -> NativeValueEvaluator {
        var m = model
        m.metadata[Self.calibrationKey] = nil
        return try NativeValueEvaluator(model: m)
    }

    /// Per value (FULCRA order) the softmax probabilities of −1, 0, +1; an empty response is 0 for sure.
    public func rawProbabilities(prompt: String, response: String) -> [[Double]] {
        if response.allSatisfy(\.isWhitespace) { return Array(repeating: [0, 1, 0], count: heads.count) }
        return fused.probabilities(model.featurizer.featurize([prompt, response]).row, heads: heads)
    }

    public init(contentsOf url: URL) throws(ModelFileError) {
        try self.init(model: ModelFile.load(url, expectedKind: Self.modelKind))
    }

    /// The model shipped with Fulcrum.
    public static func builtIn() throws(ModelFileError) -> NativeValueEvaluator {
        try NativeValueEvaluator(contentsOf: ModelFile.builtIn(resourceName))
    }

    public func evaluate(prompt: String, response: String) async throws -> ValueAssessment {
        assess(prompt: prompt, response: response)
    }

    /// Synchronous scoring (the model is pure computation).
    public func assess(prompt: String, response: String) -> ValueAssessment {
        if response.allSatisfy(\.isWhitespace) { return .empty }
        let features = model.featurizer.featurize([prompt, response])
        return assess(features)
    }

    public func assess(_ features: Featurized) -> ValueAssessment {
        var vector = ValueVector()
        var confidence: [Double?] = []
        let all = fused.probabilities(features.row, heads: heads)
        let chosen = choices(all)
        for value in SchwartzValue.allCases {
            let head = heads[value.index]
            let probs = all[value.index]
            let best = chosen[value.index]
            vector[value] = Double(head.classes[best])
            confidence.append(calibration?.confidence(value: value.index, probabilities: probs, chosen: best) ?? probs[best])
        }
        return ValueAssessment(vector: vector, confidence: confidence, truncated: features.truncated)
    }
}
