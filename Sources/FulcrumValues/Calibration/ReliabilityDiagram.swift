/// How well probabilities match outcome rates: predictions grouped into equal-width bins of the
/// predicted probability over [0, 1]; per bin the count, the mean prediction and the observed
/// rate of true outcomes. A calibrated predictor has mean predicted ≈ observed rate in every bin.
public struct ReliabilityDiagram: Sendable, Codable, Hashable {
    public struct Bin: Sendable, Codable, Hashable {
        /// The bin covers [lower, upper); the last bin includes 1.
        public var lower: Double
        public var upper: Double
        public var count: Int
        /// 0 for an empty bin.
        public var meanPredicted: Double
        /// Share of true outcomes; 0 for an empty bin.
        public var observedRate: Double

        /// |observed − predicted|, 0 for an empty bin.
        public var gap: Double { count == 0 ? 0 : abs(observedRate - meanPredicted) }
    }

    public var bins: [Bin]

    /// `binCount` equal-width bins (at least 1). Probabilities outside [0, 1] are clamped.
    public init(_ pairs: [(probability: Double, label: Bool)], binCount: Int = 10) {
        let k = max(binCount, 1)
        var count = [Int](repeating: 0, count: k)
        var sumP = [Double](repeating: 0, count: k)
        var positives = [Int](repeating: 0, count: k)
        for (p, label) in pairs {
            let q = min(max(p, 0), 1)
            let i = min(Int(q * Double(k)), k - 1)
            count[i] += 1
            sumP[i] += q
            if label { positives[i] += 1 }
        }
        bins = (0..<k).map { i in
            Bin(lower: Double(i) / Double(k), upper: Double(i + 1) / Double(k), count: count[i],
                meanPredicted: count[i] == 0 ? 0 : sumP[i] / Double(count[i]),
                observedRate: count[i] == 0 ? 0 : Double(positives[i]) / Double(count[i]))
        }
    }

    public var total: Int { bins.reduce(0) { $0 + $1.count } }

    /// Expected calibration error: the bins' gaps weighted by their share of predictions (0 when empty).
    public var ece: Double {
        let n = total
        guard n > 0 else { return 0 }
        return bins.reduce(0) { $0 + Double($1.count) * $1.gap } / Double(n)
    }

    /// Maximum calibration error: the largest gap of a non-empty bin.
    public var maximumCalibrationError: Double {
        bins.filter { $0.count > 0 }.map(\.gap).max() ?? 0
    }
}
