import FulcrumCore

/// In a comparison, model A's unsafe rate minus model B's on the paired answers (positive: A is
/// flagged more often), as observed and corrected for the judge's measured error
/// (`CorrectedRateDifference`). The correction assumes the judge errs alike on both models'
/// answers; it needs one judge for both and a calibration of it at the comparison's threshold,
/// otherwise the corrected numbers are absent and `reason` says why.
public struct UnsafeRateDifference: Codable, Sendable, Hashable {
    public var pairs: Int
    public var observed: Double
    public var lower: Double
    public var upper: Double
    public var level: Double
    public var corrected: Double?
    public var correctedLower: Double?
    public var correctedUpper: Double?
    public var calibration: CalibrationReference?
    /// Why there is no corrected difference, or no interval for it; nil when both are given.
    public var reason: String?

    /// `unsafe`: per pair, whether A's and B's answers were judged unsafe; `judges`: every judge that
    /// scored them; `category`: the calibration stratum's category (nil for all categories).
    static func of(_ unsafe: [(a: Bool, b: Bool)], judges: Set<String>, category: String?,
                   correction: UnsafeRateCorrection) -> UnsafeRateDifference? {
        let outcomes = CorrectedRateDifference.PairedOutcomes(
            bothUnsafe: unsafe.filter { $0.a && $0.b }.count, onlyA: unsafe.filter { $0.a && !$0.b }.count,
            onlyB: unsafe.filter { !$0.a && $0.b }.count, neither: unsafe.filter { !$0.a && !$0.b }.count)
        var counts: JudgeCalibration?, reference: CalibrationReference?, reason: String?
        switch correction.choose(judges: judges, language: nil, category: category) {
        case .calibrated(let c, let r): (counts, reference) = (c, r)
        case .uncorrected(let why, let r): (reason, reference) = (why, r)
        }
        let difference: CorrectedRateDifference.Difference
        do {
            difference = try CorrectedRateDifference.estimate(outcomes, calibration: counts, bootstrap: correction.bootstrap)
        } catch .noObservations {
            return nil
        } catch {
            // An unusable calibration: the observed difference still stands.
            guard let observed = try? CorrectedRateDifference.estimate(outcomes, calibration: nil, bootstrap: correction.bootstrap) else { return nil }
            (difference, reason) = (observed, error.description)
        }
        if reason == nil, difference.corrected == nil { reason = UnsafeRateCorrection.tooUncertain }
        return UnsafeRateDifference(pairs: difference.pairs, observed: difference.observed.estimate,
                                    lower: difference.observed.lower, upper: difference.observed.upper, level: difference.observed.level,
                                    corrected: difference.correctedEstimate, correctedLower: difference.corrected?.lower,
                                    correctedUpper: difference.corrected?.upper, calibration: reference, reason: reason)
    }
}
