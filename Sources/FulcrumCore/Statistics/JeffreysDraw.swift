import Foundation

/// A draw of a proportion from its Jeffreys posterior, Beta(x + ½, n − x + ½), for Monte Carlo
/// intervals of quantities built from several proportions (`CorrectedRate`).
///
/// Why not a plug-in bootstrap (Binomial(n, x/n)): at x = 0 or x = n every resample equals the
/// observation, so a run with no unsafe answer, or a judge that passed all 548 safe answers of a
/// category, would add no uncertainty at all, and small rates would get intervals that miss the
/// true rate most of the time. The Jeffreys posterior keeps mass near the boundary; its quantiles
/// are the Jeffreys interval that Brown, Cai and DasGupta (2001) recommend for a binomial proportion.
public enum JeffreysDraw {
    public static func proportion(successes x: Int, of n: Int, using generator: inout SeededGenerator) -> Double {
        beta(Double(x) + 0.5, Double(n - x) + 0.5, using: &generator)
    }

    /// Shares drawn from the Dirichlet posterior of `counts`, ½ added to each (normalised gamma
    /// draws): the Jeffreys prior of a variable with more than two outcomes.
    public static func shares(of counts: [Int], using generator: inout SeededGenerator) -> [Double] {
        let draws = counts.map { gamma(Double($0) + 0.5, using: &generator) }
        let total = draws.reduce(0, +)
        return total > 0 ? draws.map { $0 / total } : draws.map { _ in 1 / Double(counts.count) }
    }

    /// Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b).
    static func beta(_ a: Double, _ b: Double, using generator: inout SeededGenerator) -> Double {
        let x = gamma(a, using: &generator), y = gamma(b, using: &generator)
        // Both can underflow only for tiny shapes; ½ is the symmetric answer then.
        return x + y > 0 ? x / (x + y) : 0.5
    }

    /// Gamma(shape, 1) by Marsaglia and Tsang (2000); a shape below 1 is boosted by one and scaled
    /// back with U^(1/shape).
    static func gamma(_ shape: Double, using generator: inout SeededGenerator) -> Double {
        if shape < 1 {
            let u = Double.random(in: Double.leastNonzeroMagnitude..<1, using: &generator)
            return gamma(shape + 1, using: &generator) * pow(u, 1 / shape)
        }
        let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            let z = standardNormal(using: &generator)
            let t = 1 + c * z
            guard t > 0 else { continue }
            let v = t * t * t
            let u = Double.random(in: Double.leastNonzeroMagnitude..<1, using: &generator)
            if u < 1 - 0.0331 * z * z * z * z || log(u) < 0.5 * z * z + d * (1 - v + log(v)) { return d * v }
        }
    }

    /// Box–Muller.
    static func standardNormal(using generator: inout SeededGenerator) -> Double {
        let u1 = Double.random(in: Double.leastNonzeroMagnitude..<1, using: &generator)
        let u2 = Double.random(in: 0..<1, using: &generator)
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
