import FulcrumCore
import Testing

/// Student's t against scipy's values, and the t interval of a mean against hand-computed cases.
@Suite struct StudentTTests {
    @Test(arguments: [(0.975, 1.0, 12.706204736174694), (0.975, 2, 4.302652729749462), (0.975, 3, 3.1824463052837078),
                      (0.975, 4, 2.7764451051977934), (0.975, 9, 2.262157162798205), (0.975, 29, 2.045229642132703),
                      (0.975, 1000, 1.9623390808264083), (0.95, 5, 2.0150483733330233), (0.995, 12, 3.0545395893929013)])
    func quantilesMatchScipy(_ p: Double, _ nu: Double, _ expected: Double) {
        let q = StudentT.quantile(p, degreesOfFreedom: nu)
        #expect(abs(q - expected) < 1e-8 * max(1, expected), "t(\(p), \(nu)) = \(q), scipy \(expected)")
        #expect(abs(StudentT.quantile(1 - p, degreesOfFreedom: nu) + expected) < 1e-8 * max(1, expected))
    }

    @Test func cdfMatchesScipy() {
        #expect(abs(StudentT.cdf(-2.5, degreesOfFreedom: 7) - 0.020496109292876444) < 1e-10)
        #expect(abs(StudentT.cdf(1, degreesOfFreedom: 3) - 0.8044988905221148) < 1e-10)
        #expect(StudentT.cdf(0, degreesOfFreedom: 4) == 0.5)
    }

    @Test func drawsFollowTheDistribution() {
        var generator = SeededGenerator(seed: 11)
        let draws = (0..<40_000).map { _ in StudentT.draw(degreesOfFreedom: 4, using: &generator) }.sorted()
        // scipy: t(0.975, 4) = 2.7764; P(T ≤ 1) = 0.8130 for ν = 4.
        #expect(abs(Descriptive.quantile(draws, 0.975) - 2.7764) < 0.08)
        #expect(abs(Double(draws.filter { $0 <= 1 }.count) / 40_000 - 0.8130) < 0.01)
        #expect(abs(Descriptive.quantile(draws, 0.5)) < 0.02)
    }

    @Test func meanIntervalsAreHandComputed() throws {
        // [7, 9, 8]: mean 8, s 1, 8 ± 4.3027 / √3 = [5.5159, 10.4841], clipped to the 0–10 scale.
        let scores = try #require(StudentT.meanInterval([7, 9, 8], level: 0.95, within: 0...10))
        #expect(abs(scores.lower - 5.51586228824967) < 1e-8 && scores.upper == 10 && scores.estimate == 8)
        // [1, 2, 3, 4]: 2.5 ± 3.1824 · 1.2910 / 2 = [0.4457, 4.5543].
        let differences = try #require(StudentT.meanInterval([1, 2, 3, 4], level: 0.95))
        #expect(abs(differences.lower - 0.4457397432394794) < 1e-8 && abs(differences.upper - 4.554260256760521) < 1e-8)
        // One value has no spread to go by; equal values have none.
        #expect(StudentT.meanInterval([6], level: 0.95) == nil)
        let constant = try #require(StudentT.meanInterval([4, 4, 4], level: 0.95))
        #expect(constant.lower == 4 && constant.upper == 4)
    }

    /// Three scores drawn from a real run's 26 judge scores (the quickstart's): the 95% t interval
    /// holds their mean about 92% of the time; the percentile bootstrap used before, 72%.
    @Test func smallGroupsAreCovered() {
        let population: [Double] = [5.4, 6.8, 7.3, 7.4, 8.4, 9.0, 9.6, 9.9, 9.6, 9.0, 9.9, 9.3, 7.1,
                                    8.9, 6.6, 9.8, 8.2, 8.5, 9.0, 9.0, 7.8, 8.6, 9.0, 6.5, 9.0, 8.9]
        let truth = population.reduce(0, +) / Double(population.count)
        var generator = SeededGenerator(seed: 5)
        var covered = 0
        for _ in 0..<1000 {
            let sample = (0..<3).map { _ in population[generator.index(below: population.count)] }
            if let ci = StudentT.meanInterval(sample, level: 0.95, within: 0...10), ci.lower <= truth, truth <= ci.upper { covered += 1 }
        }
        #expect(covered >= 870, "covered \(covered) of 1000")
    }
}
