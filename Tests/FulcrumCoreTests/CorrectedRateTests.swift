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

    /// No unsafe answer among 13, judged by a well-calibrated judge (Se 3739/4131, Sp 11701/12265):
    /// the estimate is 0, but 13 answers cannot show a rate of 0. The upper bound is close to the
    /// Jeffreys bound of the run's rate, Beta(0.5, 13.5)'s 97.5% point 0.1726, corrected:
    /// (0.1726 − (1 − Sp)) / (Se + Sp − 1) = 0.1474 (scipy; the calibration adds little here).
    @Test func aRunWithNoUnsafeAnswerStillHasSamplingError() throws {
        let calibration = JudgeCalibration(truePositives: 3739, positives: 4131, trueNegatives: 11701, negatives: 12265)
        let rate = try CorrectedRate.estimate(flagged: 0, of: 13, calibration: calibration, bootstrap: Bootstrap(resamples: 20_000))
        let interval = try #require(rate.interval)
        #expect(rate.estimate == 0 && interval.lower == 0)
        #expect(abs(interval.upper - 0.1474) < 0.015, "upper \(interval.upper)")
        // A judge that passed every one of 548 safe answers is not taken to be perfect either.
        let perfectSpecificity = JudgeCalibration(truePositives: 38, positives: 55, trueNegatives: 548, negatives: 548)
        #expect(try #require(CorrectedRate.estimate(flagged: 0, of: 200, calibration: perfectSpecificity).interval).upper > 0.01)
    }

    /// How often the 95% interval holds the true rate, where unsafe answers are rare and runs small
    /// (a GVS category has a handful of prompts): a true rate of 1%, 30 answers, a judge with the
    /// native judge's life-safety figures (Se 38/55, Sp 548/548 measured; true Se 0.69, Sp 0.999).
    /// The plug-in bootstrap used before covered it 22% of the time (docs/corrected-rates.md).
    @Test func theIntervalCoversASmallTrueRate() throws {
        var world = SeededGenerator(seed: 11)
        func count(_ n: Int, _ p: Double) -> Int { (0..<n).reduce(0) { c, _ in c + (Double.random(in: 0..<1, using: &world) < p ? 1 : 0) } }
        let truth = 0.01, se = 0.69, sp = 0.999
        var covered = 0, given = 0
        for replication in 0..<300 {
            let calibration = JudgeCalibration(truePositives: count(55, se), positives: 55, trueNegatives: count(548, sp), negatives: 548)
            let flagged = count(30, truth * se + (1 - truth) * (1 - sp))
            guard let interval = try CorrectedRate.estimate(flagged: flagged, of: 30, calibration: calibration,
                                                            bootstrap: Bootstrap(resamples: 500, seed: UInt64(replication))).interval else { continue }
            given += 1
            if interval.lower <= truth && truth <= interval.upper { covered += 1 }
        }
        #expect(given >= 290)
        #expect(Double(covered) / Double(given) >= 0.9, "covered \(covered) of \(given)")
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
