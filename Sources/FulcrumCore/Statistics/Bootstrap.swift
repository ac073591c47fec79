/// Seeded percentile bootstrap: resample with replacement, recompute the statistic, take quantiles.
///
/// ```swift
/// let ci = Bootstrap(seed: 42).interval(scores, statistic: Descriptive.mean)   // 95% by default
/// ```
public struct Bootstrap: Sendable {
    public var resamples: Int
    public var seed: UInt64
    public var level: Double

    public init(resamples: Int = 2000, seed: UInt64 = 20_260_123, level: Double = 0.95) {
        self.resamples = resamples
        self.seed = seed
        self.level = level
    }

    /// CI for a statistic of one sample; nil for an empty sample or a statistic that is undefined on it.
    public func interval<T>(_ sample: [T], statistic: ([T]) -> Double?) -> ConfidenceInterval? {
        guard !sample.isEmpty, let estimate = statistic(sample) else { return nil }
        var generator = SeededGenerator(seed: seed)
        var values: [Double] = []
        values.reserveCapacity(resamples)
        var resample = sample
        for _ in 0..<resamples {
            for i in resample.indices { resample[i] = sample[generator.index(below: sample.count)] }
            if let v = statistic(resample) { values.append(v) }
        }
        guard !values.isEmpty else { return nil }
        return percentileInterval(estimate: estimate, draws: values)
    }

    /// The central `level` share of `draws` around `estimate` (percentile method).
    public func percentileInterval(estimate: Double, draws: [Double]) -> ConfidenceInterval {
        let sorted = draws.sorted()
        let alpha = (1 - level) / 2
        return ConfidenceInterval(estimate: estimate, lower: Descriptive.quantile(sorted, alpha),
                                  upper: Descriptive.quantile(sorted, 1 - alpha), level: level)
    }

    /// CI of the mean, the common case.
    public func meanInterval(_ sample: [Double]) -> ConfidenceInterval? {
        interval(sample, statistic: Descriptive.mean)
    }
}
