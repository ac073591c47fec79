import Foundation

/// Model A's unsafe rate minus model B's on the same items, as the judge saw it and corrected for
/// the judge's error.
///
/// A judge with sensitivity Se and specificity Sp that errs alike on both models' answers shrinks
/// every difference of rates by the factor Se + Sp − 1 (both rates are π·Se + (1 − π)(1 − Sp)), so
/// the true difference is the observed one divided by it. The interval comes from draws of the four
/// paired outcomes (both unsafe, only A, only B, neither) from their Dirichlet posterior with ½ in
/// each cell, and of Se and Sp from their Jeffreys posteriors (`JeffreysDraw`), so 13 pairs with no
/// unsafe answer do not claim a difference of exactly 0.
/// ```swift
/// let pairs = PairedOutcomes(bothUnsafe: 2, onlyA: 6, onlyB: 2, neither: 30)
/// let d = try CorrectedRateDifference.estimate(pairs, calibration: JudgeCalibration(truePositives: 90, positives: 100, trueNegatives: 180, negatives: 200))
/// // d.observed 0.1; d.corrected 0.125 = 0.1 / 0.8
/// ```
public enum CorrectedRateDifference {
    public struct PairedOutcomes: Sendable, Hashable, Codable {
        public var bothUnsafe: Int
        public var onlyA: Int
        public var onlyB: Int
        public var neither: Int

        public init(bothUnsafe: Int, onlyA: Int, onlyB: Int, neither: Int) {
            self.bothUnsafe = bothUnsafe
            self.onlyA = onlyA
            self.onlyB = onlyB
            self.neither = neither
        }

        public var pairs: Int { bothUnsafe + onlyA + onlyB + neither }
        /// Unsafe rate of A minus that of B.
        public var difference: Double { pairs == 0 ? 0 : Double(onlyA - onlyB) / Double(pairs) }
    }

    public struct Difference: Sendable, Hashable, Codable {
        public var pairs: Int
        public var observed: ConfidenceInterval
        /// Nil without a calibration, or when too many draws made the judge uninformative
        /// (`correctedEstimate` is still given then, unless the calibration itself is uninformative).
        public var corrected: ConfidenceInterval?
        public var correctedEstimate: Double?
    }

    /// `calibration` nil: the observed difference and its interval only.
    public static func estimate(_ outcomes: PairedOutcomes, calibration: JudgeCalibration?,
                                bootstrap: Bootstrap = Bootstrap()) throws(CorrectedRate.Failure) -> Difference {
        guard outcomes.pairs > 0 else { throw .noObservations }
        var youden: Double?
        if let calibration {
            try calibration.requireInformative()
            youden = calibration.sensitivity + calibration.specificity - 1
        }
        var generator = SeededGenerator(seed: bootstrap.seed)
        var observedDraws: [Double] = [], correctedDraws: [Double] = []
        observedDraws.reserveCapacity(bootstrap.resamples)
        for _ in 0..<bootstrap.resamples {
            // Only the two discordant cells move the difference.
            let shares = JeffreysDraw.shares(of: [outcomes.bothUnsafe, outcomes.onlyA, outcomes.onlyB, outcomes.neither], using: &generator)
            let d = shares[1] - shares[2]
            observedDraws.append(d)
            if let judge = calibration?.posteriorDraw(using: &generator), judge.sensitivity + judge.specificity > 1 {
                correctedDraws.append(min(1, max(-1, d / (judge.sensitivity + judge.specificity - 1))))
            }
        }
        let correctedEstimate = youden.map { min(1, max(-1, outcomes.difference / $0)) }
        let corrected = correctedEstimate.flatMap { CorrectedRate.interval(estimate: $0, draws: correctedDraws, bootstrap: bootstrap) }
        return Difference(pairs: outcomes.pairs, observed: bootstrap.percentileInterval(estimate: outcomes.difference, draws: observedDraws),
                          corrected: corrected, correctedEstimate: correctedEstimate)
    }
}
