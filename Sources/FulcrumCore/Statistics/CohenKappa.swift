/// Cohen's κ: chance-corrected agreement of exactly two coders on nominal labels.
///
/// κ = (pₒ − pₑ) / (1 − pₑ), where pₒ is the observed share of items both coders labelled alike and
/// pₑ the agreement expected from each coder's own label frequencies. Items one coder left blank are
/// the caller's to drop (κ has no missing-data story; use `KrippendorffAlpha` for that).
///
/// ```swift
/// let pairs = [("yes", "yes"), ("no", "yes"), ("no", "no")]
/// let kappa = CohenKappa.estimate(pairs)               // point estimate
/// let ci = CohenKappa.interval(pairs, bootstrap: Bootstrap(seed: 7))   // items resampled
/// ```
public enum CohenKappa {
    /// κ for paired labels; nil for no pairs or when chance agreement is total (pₑ = 1, κ undefined,
    /// e.g. both coders always used one and the same label).
    public static func estimate<Label: Hashable>(_ pairs: [(Label, Label)]) -> Double? {
        guard !pairs.isEmpty else { return nil }
        let n = Double(pairs.count)
        var agreements = 0
        var first: [Label: Int] = [:]
        var second: [Label: Int] = [:]
        for (a, b) in pairs {
            if a == b { agreements += 1 }
            first[a, default: 0] += 1
            second[b, default: 0] += 1
        }
        let observed = Double(agreements) / n
        var expected = 0.0
        for (label, count) in first {
            expected += (Double(count) / n) * (Double(second[label] ?? 0) / n)
        }
        // Tolerance, not equality: pₑ is a sum of products and can land a rounding error below 1.
        guard expected < 1 - 1e-12 else { return nil }
        return (observed - expected) / (1 - expected)
    }

    /// Percentile bootstrap CI over items (pairs resampled with replacement).
    public static func interval<Label: Hashable>(_ pairs: [(Label, Label)],
                                                 bootstrap: Bootstrap = Bootstrap()) -> ConfidenceInterval? {
        let boxed = pairs.map { LabelPair(first: $0.0, second: $0.1) }
        return bootstrap.interval(boxed) { sample in estimate(sample.map { ($0.first, $0.second) }) }
    }

    /// Pair as a struct so `Bootstrap` can resample it (tuples cannot conform to protocols).
    private struct LabelPair<Label> {
        var first: Label
        var second: Label
    }
}
