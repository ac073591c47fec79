import FulcrumCore
import Testing
@testable import FulcrumValues

/// A profile mean's interval with the evaluator's error on an unseen answering model, against
/// hand-computed intervals (20,000 draws, so Monte Carlo error is below the tolerances).
@Suite struct EvaluatorErrorIntervalTests {
    let bootstrap = Bootstrap(resamples: 20_000)

    @Test func anEvaluatorWithoutBiasAddsNothing() throws {
        let plain = try #require(SignedMean.interval(minus: 2, zero: 10, plus: 14, bootstrap: bootstrap))
        let same = try #require(EvaluatorErrorInterval.interval(minus: 2, zero: 10, plus: 14, biases: [0, 0, 0], bootstrap: bootstrap))
        #expect(same.estimate == plain.estimate)
        #expect(abs(same.lower - plain.lower) < 0.01 && abs(same.upper - plain.upper) < 0.01, "\(plain) \(same)")
    }

    @Test func theBiasesWidenTheIntervalAroundTheSameMean() throws {
        // 1,000 answers all at 0 pin the labels' mean near 0; biases 0, 0.1 … 0.4: root mean square
        // √0.06 = 0.2449, and a new model's bias 0 ± t(0.975, 5) · 0.2449 = ±0.6297.
        let ci = try #require(EvaluatorErrorInterval.interval(minus: 0, zero: 1000, plus: 0, biases: [0, 0.1, 0.2, 0.3, 0.4], bootstrap: bootstrap))
        #expect(ci.estimate == 0)
        #expect(abs(ci.lower + 0.630) < 0.02 && abs(ci.upper - 0.630) < 0.02, "\(ci)")
    }

    @Test func staysOnTheScaleAndNeedsTwoSources() throws {
        let ci = try #require(EvaluatorErrorInterval.interval(minus: 0, zero: 0, plus: 20, biases: [0.05, -0.05], bootstrap: bootstrap))
        #expect(ci.estimate == 1 && ci.upper == 1 && ci.lower > 0.3 && ci.lower < 0.74, "\(ci)")
        #expect(EvaluatorErrorInterval.interval(minus: 1, zero: 1, plus: 1, biases: [0.1], bootstrap: bootstrap) == nil, "one source has no spread")
        #expect(EvaluatorErrorInterval.interval(minus: 0, zero: 0, plus: 0, biases: [0.1, 0.2], bootstrap: bootstrap) == nil)
        #expect(EvaluatorErrorInterval.interval([0.5, 1], biases: [0.1, 0.2], bootstrap: bootstrap) == nil, "not −1/0/+1 labels")
    }

    @Test func profilesCarryItOnlyWithABiasForEveryValue() throws {
        let records = (0..<12).map { i in ValueRecord(model: "m", vector: ValueVector([.benevolence: i % 3 == 0 ? 0 : 1])) }
        let biases = Array(repeating: [0.1, -0.3], count: ValueVector.dimension)
        let profile = try #require(ValueProfile.profiles(records, bootstrap: Bootstrap(resamples: 500), evaluatorBias: biases).first)
        let intervals = try #require(profile.withEvaluatorError)
        for (plain, wider) in zip(profile.mean, intervals) {
            #expect(wider.estimate == plain.estimate && wider.lower <= plain.lower && wider.upper >= plain.upper)
        }
        #expect(ValueProfile.profiles(records, evaluatorBias: Array(biases.dropLast())).first?.withEvaluatorError == nil)
        #expect(ValueProfile.profiles(records).first?.withEvaluatorError == nil)
    }
}
