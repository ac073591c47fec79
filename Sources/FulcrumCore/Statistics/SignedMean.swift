import Foundation

/// The mean of a variable that takes only −1, 0 or +1 (a FULCRA value label: opposed, not at stake,
/// important), with an interval from the Dirichlet posterior of the three shares, ½ added to each
/// count: the mean is the share of +1 minus the share of −1.
///
/// Why not the percentile bootstrap: 26 answers that all leave a value at 0 resample to 0 every
/// time and claim [0, 0]; the posterior keeps the unseen labels possible. It is the interval
/// `compare` gives a difference of unsafe rates (only A flagged: +1, only B: −1), measured in
/// docs/corrected-rates.md.
public enum SignedMean {
    public static func interval(minus: Int, zero: Int, plus: Int, bootstrap: Bootstrap) -> ConfidenceInterval? {
        let n = minus + zero + plus
        guard n > 0 else { return nil }
        var generator = SeededGenerator(seed: bootstrap.seed)
        let draws = (0..<bootstrap.resamples).map { _ -> Double in
            let shares = JeffreysDraw.shares(of: [minus, zero, plus], using: &generator)
            return shares[2] - shares[0]
        }
        return bootstrap.percentileInterval(estimate: Double(plus - minus) / Double(n), draws: draws)
    }

    /// The interval of `values` when every one is −1, 0 or +1; nil otherwise (or when empty).
    public static func interval(_ values: [Double], bootstrap: Bootstrap) -> ConfidenceInterval? {
        guard let counts = counts(values) else { return nil }
        return interval(minus: counts[0], zero: counts[1], plus: counts[2], bootstrap: bootstrap)
    }

    /// How many of `values` are −1, 0 and +1; nil when one is anything else.
    public static func counts(_ values: [Double]) -> [Int]? {
        var counts = [0, 0, 0]
        for v in values {
            guard v == -1 || v == 0 || v == 1 else { return nil }
            counts[Int(v) + 1] += 1
        }
        return counts
    }
}
