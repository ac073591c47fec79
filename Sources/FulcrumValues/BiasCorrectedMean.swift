import Foundation
import FulcrumCore

/// A value profile's mean moved towards what human raters would say: the mean of the evaluator's
/// −1/0/+1 labels minus the evaluator's bias on a new answering model, with an interval that carries
/// both the run's sampling (`SignedMean`'s Dirichlet draws) and how much that bias varies from one
/// answering model to the next.
///
/// The bias of each answering model the evaluator was cross-validated on (mean evaluator label − mean
/// human label, out of fold) is recorded in its model file. A new model's bias is taken as one more
/// draw from the same spread: b̄ + s·√(1 + 1/S)·t(S − 1), the predictive of a normal random effect
/// from S sources. Why not invert the confusion matrix, as unsafe rates are corrected: the evaluator
/// almost never says −1 for an unseen answering model (security: 0 of 55 out of fold), so the matrix
/// is near-singular, and a latent-class posterior built on it gave intervals 0.8–1.6 wide that still
/// held the human mean less often (scripts/baseline/value_profile_coverage.py, docs/intervals.md).
public enum BiasCorrectedMean {
    /// Nil without labels or with fewer than two recorded biases (no spread to carry).
    public static func interval(minus: Int, zero: Int, plus: Int, biases: [Double],
                                bootstrap: Bootstrap) -> ConfidenceInterval? {
        let n = minus + zero + plus
        let sources = Double(biases.count)
        guard n > 0, biases.count >= 2, let mean = Descriptive.mean(biases),
              let sd = Descriptive.standardDeviation(biases) else { return nil }
        let spread = sd * (1 + 1 / sources).squareRoot()
        var generator = SeededGenerator(seed: bootstrap.seed)
        let draws = (0..<bootstrap.resamples).map { _ -> Double in
            let shares = JeffreysDraw.shares(of: [minus, zero, plus], using: &generator)
            let bias = mean + spread * StudentT.draw(degreesOfFreedom: sources - 1, using: &generator)
            return clipped(shares[2] - shares[0] - bias)
        }
        return bootstrap.percentileInterval(estimate: clipped(Double(plus - minus) / Double(n) - mean), draws: draws)
    }

    /// The interval of `labels` when every one is −1, 0 or +1; nil otherwise.
    public static func interval(_ labels: [Double], biases: [Double], bootstrap: Bootstrap) -> ConfidenceInterval? {
        guard let counts = SignedMean.counts(labels) else { return nil }
        return interval(minus: counts[0], zero: counts[1], plus: counts[2], biases: biases, bootstrap: bootstrap)
    }

    private static func clipped(_ x: Double) -> Double { min(1, max(-1, x)) }
}
