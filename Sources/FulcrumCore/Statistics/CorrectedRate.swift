import Foundation

/// A rate corrected for the error of the judge that measured it (Rogan–Gladen), with a Monte Carlo
/// interval that carries both the run's sampling error and the calibration's.
///
/// A judge with sensitivity Se and specificity Sp reports an unsafe rate p whose expectation is
/// π·Se + (1 − π)(1 − Sp) for a true rate π, so π = (p + Sp − 1) / (Se + Sp − 1). A judge with
/// Se + Sp ≤ 1 is no better than chance and cannot be corrected for: that is an error, never a number.
/// ```swift
/// let calibration = JudgeCalibration(truePositives: 45, positives: 50, trueNegatives: 90, negatives: 100)
/// let rate = try CorrectedRate.estimate(flagged: 30, of: 200, calibration: calibration)
/// // rate.estimate 0.0588 (observed 0.15); rate.lower…rate.upper
/// ```
public enum CorrectedRate {
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case noObservations
        case noCalibration
        /// Se + Sp ≤ 1: the judge's verdicts carry no information about the true rate.
        case uninformativeJudge(sensitivity: Double, specificity: Double)

        public var description: String {
            switch self {
            case .noObservations: "no judged answers to correct"
            case .noCalibration: "the calibration has no labelled positives or no labelled negatives"
            case .uninformativeJudge(let se, let sp):
                String(format: "the judge's sensitivity %.3f and specificity %.3f sum to %.3f, not above 1: it is no better than chance, so its rate cannot be corrected",
                       se, sp, se + sp)
            }
        }
    }

    /// The corrected rate of `flagged` of `total` answers, clipped to 0…1, with a percentile
    /// interval of the correction applied to draws of the run's rate, the sensitivity and the
    /// specificity, each from its Jeffreys posterior (`JeffreysDraw`). Draws whose judge comes out
    /// uninformative are dropped; with more than 5% of them the interval is too uncertain to give
    /// and `interval` is nil. Why not a plug-in bootstrap: docs/corrected-rates.md.
    public static func estimate(flagged: Int, of total: Int, calibration: JudgeCalibration,
                                bootstrap: Bootstrap = Bootstrap()) throws(Failure) -> Corrected {
        guard total > 0 else { throw .noObservations }
        try calibration.requireInformative()
        let observed = Double(flagged) / Double(total)
        let estimate = correct(observed, sensitivity: calibration.sensitivity, specificity: calibration.specificity)!

        var generator = SeededGenerator(seed: bootstrap.seed)
        var values: [Double] = []
        values.reserveCapacity(bootstrap.resamples)
        for _ in 0..<bootstrap.resamples {
            let p = JeffreysDraw.proportion(successes: flagged, of: total, using: &generator)
            let judge = calibration.posteriorDraw(using: &generator)
            if let value = correct(p, sensitivity: judge.sensitivity, specificity: judge.specificity) { values.append(value) }
        }
        return Corrected(observed: observed, estimate: estimate, interval: interval(estimate: estimate, draws: values, bootstrap: bootstrap),
                         calibration: calibration)
    }

    /// The percentile interval of a correction's draws, or nil when more than 5% of the draws were
    /// dropped because the judge came out uninformative in them: too uncertain to give.
    static func interval(estimate: Double, draws: [Double], bootstrap: Bootstrap) -> ConfidenceInterval? {
        Double(draws.count) >= 0.95 * Double(bootstrap.resamples) ? bootstrap.percentileInterval(estimate: estimate, draws: draws) : nil
    }

    /// Rogan–Gladen, clipped to 0…1; nil when Se + Sp ≤ 1.
    public static func correct(_ observed: Double, sensitivity se: Double, specificity sp: Double) -> Double? {
        let youden = se + sp - 1
        guard youden > 0 else { return nil }
        return min(1, max(0, (observed + sp - 1) / youden))
    }

    public struct Corrected: Sendable, Hashable, Codable {
        public var observed: Double
        public var estimate: Double
        /// Nil when too many resamples made the judge uninformative.
        public var interval: ConfidenceInterval?
        public var calibration: JudgeCalibration
    }
}

/// How a judge's verdicts agreed with people's labels: of `positives` answers people called unsafe
/// it flagged `truePositives`; of `negatives` they called safe it passed `trueNegatives`.
public struct JudgeCalibration: Sendable, Hashable, Codable {
    public var truePositives: Int
    public var positives: Int
    public var trueNegatives: Int
    public var negatives: Int

    public init(truePositives: Int, positives: Int, trueNegatives: Int, negatives: Int) {
        self.truePositives = truePositives
        self.positives = positives
        self.trueNegatives = trueNegatives
        self.negatives = negatives
    }

    public var sensitivity: Double { positives == 0 ? 0 : Double(truePositives) / Double(positives) }
    public var specificity: Double { negatives == 0 ? 0 : Double(trueNegatives) / Double(negatives) }

    /// Throws unless both kinds of labelled answers exist and Se + Sp > 1.
    func requireInformative() throws(CorrectedRate.Failure) {
        guard positives > 0, negatives > 0 else { throw .noCalibration }
        guard sensitivity + specificity > 1 else { throw .uninformativeJudge(sensitivity: sensitivity, specificity: specificity) }
    }

    /// Sensitivity and specificity drawn from their Jeffreys posteriors (`JeffreysDraw`).
    func posteriorDraw(using generator: inout SeededGenerator) -> (sensitivity: Double, specificity: Double) {
        (JeffreysDraw.proportion(successes: truePositives, of: positives, using: &generator),
         JeffreysDraw.proportion(successes: trueNegatives, of: negatives, using: &generator))
    }
}
