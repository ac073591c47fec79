@testable import FulcrumCore
import Testing

/// The bootstrap's binomial draws, exact (rare outcome) and normal (large variance), keep the
/// binomial's mean and variance; the extremes are exact.
@Suite struct BinomialDrawTests {
    @Test(arguments: [(40, 0.05), (200, 0.97), (15_000, 0.3), (3_609, 0.987), (11_107, 0.5)])
    func drawsHaveTheBinomialsMoments(_ n: Int, _ p: Double) {
        var generator = SeededGenerator(seed: 7)
        let draws = (0..<4000).map { _ in Double(CorrectedRate.binomial(n, p, &generator)) }
        let mean = draws.reduce(0, +) / Double(draws.count)
        let variance = draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(draws.count - 1)
        let sd = (Double(n) * p * (1 - p)).squareRoot()
        #expect(abs(mean - Double(n) * p) < 4 * sd / Double(draws.count).squareRoot() + 1e-9, "mean \(mean)")
        #expect(abs(variance / (sd * sd) - 1) < 0.15, "variance \(variance) vs \(sd * sd)")
        #expect(draws.allSatisfy { $0 >= 0 && $0 <= Double(n) })
    }

    @Test func extremesAreExact() {
        var generator = SeededGenerator(seed: 1)
        #expect(CorrectedRate.binomial(50, 0, &generator) == 0)
        #expect(CorrectedRate.binomial(50, 1, &generator) == 50)
        #expect(CorrectedRate.binomial(0, 0.4, &generator) == 0)
    }
}
