/// Plain descriptive statistics on samples. Empty input gives nil, never NaN.
public enum Descriptive {
    public static func mean(_ xs: [Double]) -> Double? {
        xs.isEmpty ? nil : xs.reduce(0, +) / Double(xs.count)
    }

    public static func median(_ xs: [Double]) -> Double? {
        guard !xs.isEmpty else { return nil }
        return quantile(xs.sorted(), 0.5)
    }

    /// Sample standard deviation (n − 1); nil for fewer than two values.
    public static func standardDeviation(_ xs: [Double]) -> Double? {
        guard xs.count > 1, let m = mean(xs) else { return nil }
        return (xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count - 1)).squareRoot()
    }

    /// Linear-interpolated quantile (type 7, as R and NumPy default) of already sorted values.
    public static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        precondition(!sorted.isEmpty, "quantile of an empty sample")
        let h = Double(sorted.count - 1) * min(1, max(0, p))
        let lo = Int(h.rounded(.down)), hi = Int(h.rounded(.up))
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }
}
