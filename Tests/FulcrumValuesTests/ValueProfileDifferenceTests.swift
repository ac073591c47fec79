import FulcrumCore
import Testing
@testable import FulcrumValues

/// Model A's value profile minus model B's over paired answers, against hand-computed cases
/// (20,000 draws, so Monte Carlo error is below the tolerances).
@Suite struct ValueProfileDifferenceTests {
    let bootstrap = Bootstrap(resamples: 20_000)

    func pairs(_ labels: [(Double, Double)], value: SchwartzValue = .benevolence) -> [(ValueVector, ValueVector)] {
        labels.map { (ValueVector([value: $0.0]), ValueVector([value: $0.1])) }
    }

    @Test func theEstimateIsTheDifferenceOfMeans() throws {
        // A: 30 of 40 answers +1, 2 −1; B: 10 +1 (on items where A says +1). (30 − 2 − 10) / 40 = 0.45;
        // the pairs differ by −1, 0, +1 2, 18 and 20 times, whose Dirichlet(+½) posterior puts the
        // mean difference in [0.212, 0.615] (2,000,000 draws in numpy).
        let labels: [(Double, Double)] = (0..<40).map { i in (i < 30 ? 1 : i < 32 ? -1 : 0, i < 10 ? 1 : 0) }
        let difference = try #require(ValueProfileDifference.of(pairs(labels), evaluator: "e", biases: nil, bootstrap: bootstrap))
        #expect(difference.pairs == 40 && difference.values.count == ValueVector.dimension)
        let row = try #require(difference.values.first { $0.value == .benevolence })
        #expect(abs(row.difference.estimate - 0.45) < 1e-12)
        #expect(abs(row.difference.lower - 0.212) < 0.01 && abs(row.difference.upper - 0.615) < 0.01, "\(row)")
        #expect(row.withEvaluatorError == nil)
        let untouched = try #require(difference.values.first { $0.value == .power })
        #expect(untouched.difference.estimate == 0 && untouched.difference.lower < 0 && untouched.difference.upper > 0)
    }

    @Test func pairingNarrowsTheIntervalWhenTheTwoAgree() throws {
        // The same marginals (half +1 on each side); once the two agree on every item, once never.
        let agree = pairs((0..<40).map { i in i < 20 ? (1, 1) : (0, 0) })
        let disagree = pairs((0..<40).map { i in i < 20 ? (1, 0) : (0, 1) })
        let a = try #require(ValueProfileDifference.of(agree, evaluator: "e", biases: nil, bootstrap: bootstrap)?.values.first { $0.value == .benevolence }?.difference)
        let d = try #require(ValueProfileDifference.of(disagree, evaluator: "e", biases: nil, bootstrap: bootstrap)?.values.first { $0.value == .benevolence }?.difference)
        #expect(a.estimate == 0 && d.estimate == 0)
        #expect(a.upper - a.lower < 0.5 * (d.upper - d.lower), "agree \(a), disagree \(d)")
    }

    @Test func eachModelGetsItsOwnBias() throws {
        // 1,000 pairs at 0 pin the labels' difference near 0; biases 0, 0.1 … 0.4 have root mean
        // square √0.06, and the 97.5% point of the difference of two t(5) variables is 3.6277
        // (numerical convolution), so the interval is ±0.8886.
        let biases = Array(repeating: [0, 0.1, 0.2, 0.3, 0.4], count: ValueVector.dimension)
        let difference = try #require(ValueProfileDifference.of(pairs(Array(repeating: (0, 0), count: 1000)), evaluator: "e",
                                                                 biases: biases, bootstrap: bootstrap))
        for row in difference.values {
            let ci = try #require(row.withEvaluatorError)
            #expect(ci.estimate == row.difference.estimate && ci.estimate == 0)
            #expect(abs(ci.lower + 0.889) < 0.03 && abs(ci.upper - 0.889) < 0.03, "\(ci)")
        }
    }

    @Test func refusesWhatItCannotMeasure() {
        #expect(ValueProfileDifference.of([], evaluator: "e", biases: nil, bootstrap: bootstrap) == nil)
        #expect(ValueProfileDifference.of(pairs([(0.5, 0)]), evaluator: "e", biases: nil, bootstrap: bootstrap) == nil,
                "not −1/0/+1 labels")
        let oneSource = Array(repeating: [0.2], count: ValueVector.dimension)
        let difference = ValueProfileDifference.of(pairs([(1, 0), (0, 0)]), evaluator: "e", biases: oneSource, bootstrap: bootstrap)
        #expect(difference?.values.allSatisfy { $0.withEvaluatorError == nil } == true, "one source has no spread")
    }
}
