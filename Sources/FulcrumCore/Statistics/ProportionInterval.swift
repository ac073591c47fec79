import Foundation

/// Confidence intervals for a binomial proportion.
///
/// ```swift
/// let share = ProportionInterval.wilson(successes: 8, total: 10)   // 0.80 [0.490, 0.943]
/// ```
public enum ProportionInterval {
    /// Wilson score interval. Unlike the Wald interval it stays inside [0, 1] and behaves at 0 and n
    /// successes, which matter here (small categories, rare harms). nil for `total` ≤ 0 or
    /// `successes` outside 0...total.
    public static func wilson(successes: Int, total: Int, level: Double = 0.95) -> ConfidenceInterval? {
        guard total > 0, successes >= 0, successes <= total, level > 0, level < 1 else { return nil }
        let n = Double(total)
        let p = Double(successes) / n
        let z = NormalDistribution.quantile(1 - (1 - level) / 2)
        let z2 = z * z
        let denominator = 1 + z2 / n
        let centre = (p + z2 / (2 * n)) / denominator
        let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / denominator
        return ConfidenceInterval(estimate: p, lower: max(0, centre - half),
                                  upper: min(1, centre + half), level: level)
    }
}

/// The standard normal distribution, for z values of confidence levels.
public enum NormalDistribution {
    /// Inverse CDF (Acklam's rational approximation, relative error < 1.2e-9), p in (0, 1).
    public static func quantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "normal quantile needs 0 < p < 1")
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                 -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                 3.754408661907416e+00]
        let low = 0.02425, high = 1 - low
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        if p > high {
            let q = (-2 * log(1 - p)).squareRoot()
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        let q = p - 0.5, r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }
}
