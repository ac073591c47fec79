import Foundation
import FulcrumCore

/// Per-value offsets added to the log-probabilities of −1 and +1 before the arg-max: how readily the
/// evaluator says a value is at stake. On an unseen answering model the −1/+1 probabilities of rare
/// values (tradition, power: a few dozen non-zero labels in 1,318) stay below 0's, so the arg-max
/// almost never says −1/+1 for them; an offset chosen on out-of-fold predictions moves that boundary.
/// Offsets change labels only, never the probabilities; the confidence is the calibrated probability
/// of the label chosen. Stored as JSON in the model's metadata (`metadataKey`); a model without it
/// (every model before offsets) takes the plain arg-max.
public struct ValueDecisionOffsets: Sendable, Codable, Hashable {
    public static let metadataKey = "decisionOffsets"
    /// Candidate offsets (natural-log units), coarse: a handful of rare labels cannot tune a fine grid,
    /// and negative offsets (saying "at stake" less often) lost on the cross-source folds.
    public static let grid: [Double] = [0, 0.5, 1, 1.5, 2]
    /// Offsets within this much macro-F1 of the best count as tied and the smallest wins: shrinks
    /// toward the plain arg-max unless the out-of-fold evidence is clear.
    public static let tolerance = 0.01

    /// Per value (FULCRA order), per class (−1, 0, +1); the same offset for −1 and +1, 0 for class 0.
    public var offsets: [[Double]]
    /// How many out-of-fold predictions, from how many folds, they were chosen on.
    public var predictions: Int
    public var folds: Int
    /// Per value, macro-F1 of those predictions with the plain arg-max and with the offsets.
    public var macroF1Before: [Double]
    public var macroF1After: [Double]

    /// The index (0 = −1, 1 = 0, 2 = +1) of the label chosen for value `index`.
    public func choice(value index: Int, probabilities p: [Double]) -> Int {
        Self.choice(p, offsets: index < offsets.count ? offsets[index] : [])
    }

    static func choice(_ p: [Double], offsets o: [Double]) -> Int {
        // Offsets of 0 keep the arg-max of p itself (log is monotone; ties go to the first class, as before).
        func score(_ i: Int) -> Double { log(max(p[i], 1e-300)) + (i < o.count ? o[i] : 0) }
        return p.indices.max { score($0) < score($1) } ?? 0
    }

    /// Chooses each value's offset to maximise the macro-F1 of pooled out-of-fold predictions.
    public static func fit(_ predictions: [ValueConfidenceCalibration.Prediction], folds: Int) -> ValueDecisionOffsets {
        var offsets: [[Double]] = [], before: [Double] = [], after: [Double] = []
        for v in 0..<ValueVector.dimension {
            let truth = predictions.map { Int($0.truth.components[v]) }
            func macroF1(_ offset: Double) -> Double {
                let o = [offset, 0, offset]
                let predicted = predictions.map { choice($0.probabilities[v], offsets: o) - 1 }
                return ClassificationMetrics(classes: [-1, 0, 1], truth: truth, predicted: predicted).macroF1
            }
            let scores = grid.map(macroF1)
            let best = scores.max() ?? 0
            // The grid is ascending, so the first offset within the tolerance is the smallest.
            let chosen = grid.indices.first { scores[$0] >= best - tolerance } ?? 0
            offsets.append([grid[chosen], 0, grid[chosen]])
            before.append(scores[grid.firstIndex(of: 0) ?? 0])
            after.append(scores[chosen])
        }
        return ValueDecisionOffsets(offsets: offsets, predictions: predictions.count, folds: folds,
                                    macroF1Before: before, macroF1After: after)
    }

    /// The offsets a model file records, if any.
    public static func recorded(in metadata: [String: String]) -> ValueDecisionOffsets? {
        metadata[metadataKey].flatMap { ModelMetadataJSON.decode(ValueDecisionOffsets.self, $0) }
    }
}
