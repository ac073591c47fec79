@testable import FulcrumCore
import Testing

/// The Beta draws behind corrected-rate intervals keep the Beta distribution's mean and variance,
/// including the shape ½ that a count of 0 gives, and stay inside 0…1.
@Suite struct JeffreysDrawTests {
    @Test(arguments: [(0.5, 13.5), (0.5, 0.5), (9.5, 1.5), (3739.5, 392.5), (548.5, 0.5)])
    func drawsHaveTheBetaMoments(_ a: Double, _ b: Double) {
        var generator = SeededGenerator(seed: 7)
        let draws = (0..<20_000).map { _ in JeffreysDraw.beta(a, b, using: &generator) }
        let mean: Double = draws.reduce(0, +) / Double(draws.count)
        let variance: Double = draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(draws.count - 1)
        let expectedMean: Double = a / (a + b)
        let expectedVariance: Double = a * b / ((a + b) * (a + b) * (a + b + 1))
        let tolerance: Double = 4 * (expectedVariance / Double(draws.count)).squareRoot()
        #expect(abs(mean - expectedMean) < tolerance, "mean \(mean) vs \(expectedMean)")
        #expect(abs(variance / expectedVariance - 1) < 0.1, "variance \(variance) vs \(expectedVariance)")
        #expect(draws.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    @Test func aProportionIsDrawnFromItsJeffreysPosterior() {
        var generator = SeededGenerator(seed: 3)
        let draws = (0..<20_000).map { _ in JeffreysDraw.proportion(successes: 0, of: 13, using: &generator) }
        // Beta(0.5, 13.5): mean 0.5 / 14; a share of 0.975 below its 97.5% point 0.1726 (scipy).
        let n = Double(draws.count)
        let mean: Double = draws.reduce(0, +) / n
        let below: Double = Double(draws.filter { $0 < 0.1726 }.count) / n
        #expect(abs(mean - 0.5 / 14) < 0.002)
        #expect(abs(below - 0.975) < 0.005)
    }
}
