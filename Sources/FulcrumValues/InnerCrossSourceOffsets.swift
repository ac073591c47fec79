import Foundation
import FulcrumCore

/// Chooses a model's decision offsets from its own training data only: leave one answering model
/// out within the training samples (held-out prompts purged, as in `ValueCrossValidation`), score
/// each inner held-out part with a model trained without it, and fit `ValueDecisionOffsets` on the
/// pooled out-of-fold probabilities. Inside a cross-source fold this is an inner cross-validation:
/// it is only ever given the fold's training part, so the outer held-out labels are never read.
enum InnerCrossSourceOffsets {
    /// Nil when the samples name fewer than two answering models (no inner fold to hold out).
    static func select(_ samples: [LabelledDialogue], trainer: ValueModelTrainer) -> ValueDecisionOffsets? {
        let folds = ValueCrossValidation.folds(samples).folds.filter { $0.scheme == ValueCrossValidation.responseScheme }
        guard folds.count >= 2 else { return nil }
        var plain = trainer
        plain.decisionOffsets = false
        var predictions: [ValueConfidenceCalibration.Prediction] = []
        for (i, fold) in folds.enumerated() {
            let model = plain.train(fold.train.map { samples[$0] })
            // Scored as its file would score (Int8 weights), like the outer folds.
            let written = (try? ModelFile.decode(ModelFile.encode(model), path: "inner fold", expectedKind: NativeValueEvaluator.modelKind)) ?? model
            guard let evaluator = try? NativeValueEvaluator(model: written) else { continue }
            for s in fold.test {
                let d = samples[s].dialogue
                predictions.append(.init(probabilities: evaluator.rawProbabilities(prompt: d.prompt, response: d.response),
                                         truth: samples[s].vector, fold: i))
            }
        }
        return ValueDecisionOffsets.fit(predictions, folds: folds.count)
    }
}
