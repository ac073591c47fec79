import Foundation
import FulcrumCore

/// The interval of a value profile's mean that carries the value evaluator's error on an answering
/// model it never saw, not only the sampling of answers: the run's label shares are drawn from their
/// Dirichlet posterior (as `SignedMean`) and the evaluator's bias on the new model from rms·t(S),
/// where rms is the root mean square of its biases (mean label − people's mean label) on the S
/// answering models it was cross-validated on.
///
/// Why centred on zero, keeping the evaluator's mean as the estimate: its biases are mostly one
/// answering model's own (benevolence +0.50 on alpaca-7b, −0.14 on Baichuan2), so subtracting their
/// average made the estimate worse for an unseen model (mean absolute error 0.064 against 0.053; better
/// in 18 of 50 model × value cells). Why not invert the confusion matrix, as unsafe rates are
/// corrected: the evaluator almost never says −1 for an unseen model, so the matrix is near-singular.
/// Measured in docs/value-profiles.md (scripts/baseline/value_profile_coverage.py).
public enum EvaluatorErrorInterval {
    /// Nil without labels or with fewer than two recorded biases.
    public static func interval(minus: Int, zero: Int, plus: Int, biases: [Double],
                                bootstrap: Bootstrap) -> ConfidenceInterval? {
        let n = minus + zero + plus
        guard n > 0, biases.count >= 2 else { return nil }
        let rms = rootMeanSquare(biases)
        var generator = SeededGenerator(seed: bootstrap.seed)
        let draws = (0..<bootstrap.resamples).map { _ -> Double in
            let shares = JeffreysDraw.shares(of: [minus, zero, plus], using: &generator)
            let bias = drawBias(rootMeanSquare: rms, sources: biases.count, using: &generator)
            return min(1, max(-1, shares[2] - shares[0] - bias))
        }
        return bootstrap.percentileInterval(estimate: Double(plus - minus) / Double(n), draws: draws)
    }

    /// One draw of the evaluator's bias on an answering model it never saw, from its biases on
    /// `sources` models it was cross-validated on.
    public static func drawBias(rootMeanSquare rms: Double, sources: Int, using generator: inout SeededGenerator) -> Double {
        rms * StudentT.draw(degreesOfFreedom: Double(sources), using: &generator)
    }

    /// The size of the evaluator's bias across answering models, as the interval uses it.
    public static func rootMeanSquare(_ biases: [Double]) -> Double {
        biases.isEmpty ? 0 : (biases.reduce(0) { $0 + $1 * $1 } / Double(biases.count)).squareRoot()
    }

    /// The interval of `labels` when every one is −1, 0 or +1; nil otherwise.
    public static func interval(_ labels: [Double], biases: [Double], bootstrap: Bootstrap) -> ConfidenceInterval? {
        guard let counts = SignedMean.counts(labels) else { return nil }
        return interval(minus: counts[0], zero: counts[1], plus: counts[2], biases: biases, bootstrap: bootstrap)
    }
}
