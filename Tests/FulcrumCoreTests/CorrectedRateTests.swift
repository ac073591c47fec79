import FulcrumCore
import Testing

/// Rogan–Gladen against hand-computed cases, and the cases that must be refused.
@Suite struct CorrectedRateTests {
    @Test func handComputedCorrections() throws {
        // Se 0.9, Sp 0.9: observed 0.15 → (0.15 + 0.9 − 1) / 0.8 = 0.0625.
        let calibration = JudgeCalibration(truePositives: 90, positives: 100, trueNegatives: 180, negatives: 200)
        let rate = try CorrectedRate.estimate(flagged: 30, of: 200, calibration: calibration)
        #expect(abs(rate.observed - 0.15) < 1e-12)
        #expect(abs(rate.estimate - 0.0625) < 1e-12)
        let interval = try #require(rate.interval)
        #expect(interval.lower < 0.0625 && 0.0625 < interval.upper)
        #expect(interval.lower >= 0 && interval.upper <= 1)
        // Se 0.5, Sp 0.95: observed 0.3 → 0.25 / 0.45 = 0.5556; a perfect judge changes nothing.
        #expect(abs(CorrectedRate.correct(0.3, sensitivity: 0.5, specificity: 0.95)! - 0.25 / 0.45) < 1e-12)
        #expect(abs(CorrectedRate.correct(0.3, sensitivity: 1, specificity: 1)! - 0.3) < 1e-12)
        // Below what false positives alone explain: clipped to 0, not negative.
        #expect(CorrectedRate.correct(0.02, sensitivity: 0.9, specificity: 0.9) == 0)
        #expect(CorrectedRate.correct(0.99, sensitivity: 0.6, specificity: 0.9) == 1)
    }

    @Test func theIntervalWidensWithASmallerCalibration() throws {
        let large = JudgeCalibration(truePositives: 900, positives: 1000, trueNegatives: 1800, negatives: 2000)
        let small = JudgeCalibration(truePositives: 9, positives: 10, trueNegatives: 18, negatives: 20)
        let a = try #require(try CorrectedRate.estimate(flagged: 60, of: 400, calibration: large).interval)
        let b = try CorrectedRate.estimate(flagged: 60, of: 400, calibration: small).interval
        if let b { #expect(b.upper - b.lower > a.upper - a.lower) }  // or too uncertain to give at all
        // The same inputs give the same interval (seeded).
        #expect(try CorrectedRate.estimate(flagged: 60, of: 400, calibration: large).interval == a)
    }

    @Test func aJudgeNoBetterThanChanceIsRefused() {
        let chance = JudgeCalibration(truePositives: 50, positives: 100, trueNegatives: 50, negatives: 100)
        #expect(throws: CorrectedRate.Failure.uninformativeJudge(sensitivity: 0.5, specificity: 0.5)) {
            try CorrectedRate.estimate(flagged: 10, of: 100, calibration: chance)
        }
        let worse = JudgeCalibration(truePositives: 30, positives: 100, trueNegatives: 40, negatives: 100)
        #expect(throws: CorrectedRate.Failure.self) { try CorrectedRate.estimate(flagged: 10, of: 100, calibration: worse) }
        #expect(CorrectedRate.correct(0.2, sensitivity: 0.3, specificity: 0.4) == nil)
        #expect(throws: CorrectedRate.Failure.noObservations) {
            try CorrectedRate.estimate(flagged: 0, of: 0, calibration: JudgeCalibration(truePositives: 9, positives: 10, trueNegatives: 9, negatives: 10))
        }
        #expect(throws: CorrectedRate.Failure.noCalibration) {
            try CorrectedRate.estimate(flagged: 1, of: 10, calibration: JudgeCalibration(truePositives: 0, positives: 0, trueNegatives: 9, negatives: 10))
        }
    }
}
