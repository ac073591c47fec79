import Foundation

/// Student's t distribution, and the t interval of a mean.
///
/// Why not the percentile bootstrap for a group's mean score: a GVS category holds a handful of
/// answers, and the bootstrap of so few values is far too narrow (one value gives a zero-width
/// interval); docs/intervals.md has the measurement.
/// ```swift
/// StudentT.quantile(0.975, degreesOfFreedom: 2)          // 4.3027
/// StudentT.meanInterval([7, 9, 8], level: 0.95, within: 0...10)
/// ```
public enum StudentT {
    /// P(T ≤ t) for ν degrees of freedom: 1 − ½·I_x(ν/2, ½) with x = ν / (ν + t²) for t ≥ 0.
    public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        let tail = 0.5 * regularizedIncompleteBeta(nu / (nu + t * t), nu / 2, 0.5)
        return t >= 0 ? 1 - tail : tail
    }

    /// The t with P(T ≤ t) = p, by bisection on `cdf` (monotone), to well below display precision.
    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(p > 0 && p < 1 && nu > 0)
        if p < 0.5 { return -quantile(1 - p, degreesOfFreedom: nu) }
        var low = 0.0, high = 1.0
        while cdf(high, degreesOfFreedom: nu) < p && high < 1e12 { high *= 2 }
        for _ in 0..<200 {
            let mid = (low + high) / 2
            if cdf(mid, degreesOfFreedom: nu) < p { low = mid } else { high = mid }
            if high - low < 1e-12 * max(1, high) { break }
        }
        return (low + high) / 2
    }

    /// One draw of T = Z / √(χ²_ν / ν), with χ²_ν = 2·Gamma(ν/2): for Monte Carlo intervals that
    /// carry a quantity estimated from a few groups (`EvaluatorErrorInterval`).
    public static func draw(degreesOfFreedom nu: Double, using generator: inout SeededGenerator) -> Double {
        let z = JeffreysDraw.standardNormal(using: &generator)
        let chiSquared = 2 * JeffreysDraw.gamma(nu / 2, using: &generator)
        return z / (max(chiSquared, .leastNormalMagnitude) / nu).squareRoot()
    }

    /// mean ± t(1 − α/2, n − 1)·s/√n, clipped to `range` (a score scale's bounds) when given; nil
    /// for fewer than two values, whose spread says nothing.
    public static func meanInterval(_ sample: [Double], level: Double, within range: ClosedRange<Double>? = nil) -> ConfidenceInterval? {
        guard sample.count >= 2, let mean = Descriptive.mean(sample), let sd = Descriptive.standardDeviation(sample) else { return nil }
        let n = Double(sample.count)
        let half = quantile(1 - (1 - level) / 2, degreesOfFreedom: n - 1) * sd / n.squareRoot()
        var lower = mean - half, upper = mean + half
        if let range { (lower, upper) = (max(range.lowerBound, lower), min(range.upperBound, upper)) }
        return ConfidenceInterval(estimate: mean, lower: lower, upper: upper, level: level)
    }

    /// I_x(a, b) by its continued fraction (modified Lentz), on the side where it converges fast.
    static func regularizedIncompleteBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        if x > (a + 1) / (a + b + 2) { return 1 - regularizedIncompleteBeta(1 - x, b, a) }
        let logBeta: Double = lgamma(a) + lgamma(b) - lgamma(a + b)
        let front: Double = exp(a * log(x) + b * log(1 - x) - logBeta)
        let tiny = 1e-300
        var c = 1.0, d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...500 {
            let m = Double(m)
            let even: Double = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            let odd: Double = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            for numerator in [even, odd] {
                d = 1 + numerator * d
                if abs(d) < tiny { d = tiny }
                c = 1 + numerator / c
                if abs(c) < tiny { c = tiny }
                d = 1 / d
                h *= d * c
            }
            if abs(d * c - 1) < 1e-15 { break }
        }
        return front * h / a
    }
}
