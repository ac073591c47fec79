/// Krippendorff's α: chance-corrected agreement for any number of coders, with missing data, using
/// the coincidence-matrix formulation (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability").
///
/// Data are *units* (the things coded), each an array with one slot per coder; `nil` marks a coder who
/// did not code that unit. Units with fewer than two values are not pairable and are ignored.
///
///     o(c,k) = Σᵤ (number of ordered pairs (c,k) of values in u, from different coders) / (mᵤ − 1)
///     n_c = Σₖ o(c,k),  n = Σ_c n_c
///     Dₒ = Σ o(c,k) δ²(c,k) / n,   Dₑ = Σ n_c n_k δ²(c,k) / (n (n − 1)),   α = 1 − Dₒ / Dₑ
///
/// ```swift
/// let units: [[String?]] = [["a", "a", nil], ["a", "b", "b"], ["c", "c", "c"]]
/// let alpha = KrippendorffAlpha.nominal(units)
/// let ci = KrippendorffAlpha.nominalInterval(units, bootstrap: Bootstrap(seed: 1))  // units resampled
/// let scored: [[Double?]] = [[1, 2], [3, 3], [4, nil]]
/// let interval = KrippendorffAlpha.interval(scored)
/// ```
public enum KrippendorffAlpha {
    /// Which difference function δ² the coefficient uses.
    public enum Metric: String, Sendable, CaseIterable, Codable {
        /// δ² = 0 for equal values, 1 otherwise (categories).
        case nominal
        /// δ² = (c − k)² (equal-interval numbers such as severity scores).
        case interval
    }

    /// Nominal α; nil when no unit is pairable or when expected disagreement is zero (all values equal).
    public static func nominal<Value: Hashable>(_ units: [[Value?]]) -> Double? {
        var index: [Value: Int] = [:]
        let coded = units.map { unit in
            unit.compactMap { $0 }.map { value -> Int in
                if let i = index[value] { return i }
                index[value] = index.count
                return index.count - 1
            }
        }
        return alpha(coded, valueCount: index.count) { $0 == $1 ? 0 : 1 }
    }

    /// Interval α (squared-difference metric); nil as for `nominal`.
    public static func interval(_ units: [[Double?]]) -> Double? {
        var index: [Double: Int] = [:]
        var values: [Double] = []
        let coded = units.map { unit in
            unit.compactMap { $0 }.map { value -> Int in
                if let i = index[value] { return i }
                index[value] = values.count
                values.append(value)
                return values.count - 1
            }
        }
        return alpha(coded, valueCount: values.count) { c, k in
            let d = values[c] - values[k]
            return d * d
        }
    }

    /// α with the given metric for numeric data (nominal treats each distinct number as a category).
    public static func estimate(_ units: [[Double?]], metric: Metric) -> Double? {
        switch metric {
        case .nominal: return nominal(units)
        case .interval: return interval(units)
        }
    }

    /// Percentile bootstrap CI for nominal α, resampling units with replacement.
    public static func nominalInterval<Value: Hashable>(_ units: [[Value?]],
                                                        bootstrap: Bootstrap = Bootstrap()) -> ConfidenceInterval? {
        bootstrap.interval(pairable(units)) { nominal($0) }
    }

    /// Percentile bootstrap CI for α with `metric` on numeric data, resampling units with replacement.
    public static func interval(_ units: [[Double?]], metric: Metric,
                                bootstrap: Bootstrap = Bootstrap()) -> ConfidenceInterval? {
        bootstrap.interval(pairable(units)) { estimate($0, metric: metric) }
    }

    /// Number of units with at least two values, i.e. those that carry information about agreement.
    public static func pairableUnitCount<Value>(_ units: [[Value?]]) -> Int {
        units.reduce(0) { $0 + ($1.compactMap { $0 }.count >= 2 ? 1 : 0) }
    }

    /// Unpairable units contribute nothing; dropping them before resampling keeps every bootstrap
    /// sample as informative as the original instead of diluting it with empty draws.
    private static func pairable<Value>(_ units: [[Value?]]) -> [[Value?]] {
        units.filter { $0.compactMap { $0 }.count >= 2 }
    }

    /// Core computation on values already mapped to 0..<valueCount.
    private static func alpha(_ units: [[Int]], valueCount: Int,
                              delta2: (Int, Int) -> Double) -> Double? {
        guard valueCount > 0 else { return nil }
        var coincidence = [Double](repeating: 0, count: valueCount * valueCount)
        for unit in units where unit.count >= 2 {
            let weight = 1.0 / Double(unit.count - 1)
            // Ordered pairs of *different* coders: every (i, j) with i ≠ j.
            for i in unit.indices {
                for j in unit.indices where j != i {
                    coincidence[unit[i] * valueCount + unit[j]] += weight
                }
            }
        }
        var marginals = [Double](repeating: 0, count: valueCount)
        for c in 0..<valueCount {
            for k in 0..<valueCount { marginals[c] += coincidence[c * valueCount + k] }
        }
        let n = marginals.reduce(0, +)
        guard n > 1 else { return nil }
        var observed = 0.0, expected = 0.0
        for c in 0..<valueCount {
            for k in 0..<valueCount where c != k {
                let d = delta2(c, k)
                observed += coincidence[c * valueCount + k] * d
                expected += marginals[c] * marginals[k] * d
            }
        }
        observed /= n
        expected /= n * (n - 1)
        guard expected > 1e-12 else { return nil }
        return 1 - observed / expected
    }
}
