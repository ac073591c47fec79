/// Holm's step-down adjustment of p-values for testing several hypotheses at once (one per
/// category): controls the family-wise error rate without assuming independence.
public enum HolmCorrection {
    /// Adjusted p-values, in the order given.
    public static func adjust(_ pValues: [Double]) -> [Double] {
        let m = pValues.count
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
        var adjusted = Array(repeating: 0.0, count: m)
        var running = 0.0
        for (rank, index) in order.enumerated() {
            running = max(running, min(1, Double(m - rank) * pValues[index]))
            adjusted[index] = running
        }
        return adjusted
    }
}
