import Testing
@testable import FulcrumCore

@Suite struct BootstrapTests {
    @Test func quantileMatchesHandComputedType7() {
        #expect(Descriptive.quantile([1, 2, 3, 4], 0.5) == 2.5)
        #expect(Descriptive.quantile([10, 20, 30], 0.25) == 15)
        #expect(Descriptive.median([5, 1, 3]) == 3)
        #expect(Descriptive.mean([]) == nil)
        #expect(abs(Descriptive.standardDeviation([2, 4, 4, 4, 5, 5, 7, 9])! - 2.138_089_935) < 1e-6)
    }

    @Test func bootstrapIsReproducibleAndBracketsTheMean() throws {
        let scores: [Double] = [2, 9, 7, 10, 3, 8, 6, 5, 10, 1, 4, 8]
        let a = try #require(Bootstrap(seed: 7).meanInterval(scores))
        let b = try #require(Bootstrap(seed: 7).meanInterval(scores))
        #expect(a == b)
        #expect(abs(a.estimate - 6.083_333) < 1e-5)
        #expect(a.lower < a.estimate && a.estimate < a.upper)
        #expect(a.lower > 3.5 && a.upper < 8.5)
        let c = try #require(Bootstrap(seed: 8).meanInterval(scores))
        #expect(c != a)
        #expect(Bootstrap().meanInterval([]) == nil)
        let constant = try #require(Bootstrap().meanInterval([4, 4, 4]))
        #expect(constant.lower == 4 && constant.upper == 4)
    }
}
