import FulcrumCore
import Testing

/// The difference of two models' unsafe rates on the same items, against hand-computed cases.
@Suite struct CorrectedRateDifferenceTests {
    typealias Outcomes = CorrectedRateDifference.PairedOutcomes
    /// Se 0.9, Sp 0.9: every true difference shows shrunk by 0.8.
    static let calibration = JudgeCalibration(truePositives: 90, positives: 100, trueNegatives: 180, negatives: 200)

    @Test func theObservedDifferenceIsDividedBySensitivityPlusSpecificityMinusOne() throws {
        // A flagged on 8 of 40, B on 4: 0.2 − 0.1 = 0.1 observed, 0.1 / 0.8 = 0.125 corrected.
        let d = try CorrectedRateDifference.estimate(Outcomes(bothUnsafe: 2, onlyA: 6, onlyB: 2, neither: 30), calibration: Self.calibration)
        #expect(d.pairs == 40)
        let correctedEstimate = try #require(d.correctedEstimate)
        #expect(abs(d.observed.estimate - 0.1) < 1e-12 && abs(correctedEstimate - 0.125) < 1e-12)
        let corrected = try #require(d.corrected)
        #expect(corrected.lower < 0.125 && 0.125 < corrected.upper)
        // The correction widens the interval as it stretches the estimate.
        #expect(corrected.upper - corrected.lower > d.observed.upper - d.observed.lower)
        // Only the discordant pairs move the difference; B worse gives a negative one.
        let reversed = try CorrectedRateDifference.estimate(Outcomes(bothUnsafe: 20, onlyA: 2, onlyB: 6, neither: 12), calibration: nil)
        #expect(abs(reversed.observed.estimate + 0.1) < 1e-12 && reversed.corrected == nil && reversed.correctedEstimate == nil)
    }

    /// 13 pairs with no unsafe answer on either side: the estimate is 0, the interval is not [0, 0]
    /// and leans neither way.
    @Test func noUnsafeAnswerOnEitherSideStillHasAnInterval() throws {
        let d = try CorrectedRateDifference.estimate(Outcomes(bothUnsafe: 0, onlyA: 0, onlyB: 0, neither: 13), calibration: Self.calibration)
        let corrected = try #require(d.corrected)
        #expect(d.observed.estimate == 0 && d.correctedEstimate == 0)
        #expect(d.observed.lower < -0.02 && d.observed.upper > 0.02)
        #expect(abs(d.observed.lower + d.observed.upper) < 0.02, "symmetric: [\(d.observed.lower), \(d.observed.upper)]")
        #expect(corrected.lower < d.observed.lower && corrected.upper > d.observed.upper)
    }

    @Test func anUninformativeJudgeOrNoPairsAreRefused() {
        let chance = JudgeCalibration(truePositives: 50, positives: 100, trueNegatives: 50, negatives: 100)
        #expect(throws: CorrectedRate.Failure.uninformativeJudge(sensitivity: 0.5, specificity: 0.5)) {
            try CorrectedRateDifference.estimate(Outcomes(bothUnsafe: 1, onlyA: 3, onlyB: 0, neither: 6), calibration: chance)
        }
        #expect(throws: CorrectedRate.Failure.noObservations) {
            try CorrectedRateDifference.estimate(Outcomes(bothUnsafe: 0, onlyA: 0, onlyB: 0, neither: 0), calibration: nil)
        }
    }
}
