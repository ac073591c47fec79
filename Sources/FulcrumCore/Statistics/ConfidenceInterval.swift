/// A point estimate with a confidence interval.
public struct ConfidenceInterval: Codable, Sendable, Hashable {
    public var estimate: Double
    public var lower: Double
    public var upper: Double
    /// Confidence level, e.g. 0.95.
    public var level: Double

    public init(estimate: Double, lower: Double, upper: Double, level: Double) {
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
        self.level = level
    }
}
