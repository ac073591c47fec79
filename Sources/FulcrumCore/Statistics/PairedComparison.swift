/// Compares two conditions measured on the same items (two models, or zh vs en): the mean paired
/// difference with a paired t CI (`StudentT`; none for a single pair) and a two-sided sign-flip
/// permutation p-value.
///
/// ```swift
/// let result = PairedComparison(seed: 1).compare(pairs)   // pairs: [(a, b)], difference a − b
/// ```
public struct PairedComparison: Sendable {
    public struct Result: Codable, Sendable, Hashable {
        /// Mean of a − b over pairs.
        public var estimate: Double
        /// `estimate` with its t CI; nil for a single pair, whose spread says nothing.
        public var difference: ConfidenceInterval?
        public var pValue: Double
        public var pairs: Int
    }

    /// Seeds the permutations.
    public var seed: UInt64
    public var level: Double
    public var permutations: Int
    /// Where a difference can lie (−10…10 for two 0–10 scores); the interval is clipped to it.
    public var range: ClosedRange<Double>?

    public init(seed: UInt64 = 20_260_123, permutations: Int = 5000, level: Double = 0.95, range: ClosedRange<Double>? = nil) {
        self.seed = seed
        self.level = level
        self.permutations = permutations
        self.range = range
    }

    public func compare(_ pairs: [(Double, Double)]) -> Result? {
        let differences = pairs.map { $0.0 - $0.1 }
        guard let estimate = Descriptive.mean(differences) else { return nil }
        return Result(estimate: estimate, difference: StudentT.meanInterval(differences, level: level, within: range),
                      pValue: signFlipPValue(differences), pairs: differences.count)
    }

    /// Under the null of no difference each paired difference is as likely positive as negative.
    /// p = (extreme + 1) / (permutations + 1), never zero.
    func signFlipPValue(_ differences: [Double]) -> Double {
        let n = Double(differences.count)
        let observed = abs(differences.reduce(0, +) / n)
        var generator = SeededGenerator(seed: seed &+ 1)
        var extreme = 0
        for _ in 0..<permutations {
            var sum = 0.0
            for d in differences { sum += generator.next() & 1 == 0 ? d : -d }
            if abs(sum / n) >= observed - 1e-12 { extreme += 1 }
        }
        return Double(extreme + 1) / Double(permutations + 1)
    }
}
