import FulcrumCore
import Testing
@testable import FulcrumValues

/// A profile mean corrected for the evaluator's bias across answering models, against hand-computed
/// intervals (20,000 draws, so Monte Carlo error is below the tolerances).
@Suite struct BiasCorrectedMeanTests {
    let bootstrap = Bootstrap(resamples: 20_000)

    @Test func aBiasThatNeverVariedOnlyShiftsTheMean() throws {
        // Biases 0.2 on every source: the interval is SignedMean's moved down by 0.2.
        let plain = try #require(SignedMean.interval(minus: 2, zero: 10, plus: 14, bootstrap: bootstrap))
        let shifted = try #require(BiasCorrectedMean.interval(minus: 2, zero: 10, plus: 14, biases: [0.2, 0.2, 0.2], bootstrap: bootstrap))
        #expect(abs(shifted.estimate - (12.0 / 26 - 0.2)) < 1e-12)
        #expect(abs(shifted.lower - (plain.lower - 0.2)) < 0.01 && abs(shifted.upper - (plain.upper - 0.2)) < 0.01, "\(plain) \(shifted)")
    }

    @Test func theBiasSpreadBetweenSourcesWidensTheInterval() throws {
        // 1,000 answers all at 0 pin the labels' mean near 0; biases 0, 0.1 … 0.4: mean 0.2, sd 0.1581,
        // a new source's bias 0.2 ± t(0.975, 4) · 0.1581 · √1.2 = 0.2 ± 0.4809, so [−0.681, 0.281].
        let ci = try #require(BiasCorrectedMean.interval(minus: 0, zero: 1000, plus: 0, biases: [0, 0.1, 0.2, 0.3, 0.4], bootstrap: bootstrap))
        #expect(abs(ci.estimate + 0.2) < 1e-12)
        #expect(abs(ci.lower + 0.681) < 0.02 && abs(ci.upper - 0.281) < 0.02, "\(ci)")
    }

    @Test func staysOnTheScaleAndNeedsTwoSources() throws {
        // All +1 and an evaluator that under-calls by 0.5: the human mean cannot exceed 1.
        let ci = try #require(BiasCorrectedMean.interval(minus: 0, zero: 0, plus: 20, biases: [-0.5, -0.5], bootstrap: bootstrap))
        #expect(ci.estimate == 1 && ci.upper == 1 && ci.lower > 0.2)
        #expect(BiasCorrectedMean.interval(minus: 1, zero: 1, plus: 1, biases: [0.1], bootstrap: bootstrap) == nil, "one source has no spread")
        #expect(BiasCorrectedMean.interval(minus: 0, zero: 0, plus: 0, biases: [0.1, 0.2], bootstrap: bootstrap) == nil)
        #expect(BiasCorrectedMean.interval([0.5, 1], biases: [0.1, 0.2], bootstrap: bootstrap) == nil, "not −1/0/+1 labels")
    }

    @Test func profilesCarryTheCorrectionOnlyWithABiasForEveryValue() throws {
        let records = (0..<12).map { i in ValueRecord(model: "m", vector: ValueVector([.benevolence: i % 3 == 0 ? 0 : 1])) }
        let biases = Array(repeating: [0.1, 0.3], count: ValueVector.dimension)
        let profile = try #require(ValueProfile.profiles(records, bootstrap: Bootstrap(resamples: 500), evaluatorBias: biases).first)
        let corrected = try #require(profile.corrected)
        #expect(abs(corrected[SchwartzValue.benevolence.index].estimate - (8.0 / 12 - 0.2)) < 1e-12)
        #expect(abs(corrected[SchwartzValue.power.index].estimate + 0.2) < 1e-12)
        #expect(ValueProfile.profiles(records, evaluatorBias: Array(biases.dropLast())).first?.corrected == nil)
        #expect(ValueProfile.profiles(records).first?.corrected == nil)
    }
}
