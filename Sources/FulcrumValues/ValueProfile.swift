import Foundation
import FulcrumCore

/// One judged answer as value profiles see it.
public struct ValueRecord: Sendable, Hashable {
    public var model: String
    public var category: String?
    public var vector: ValueVector
    /// GVS safety score 0–10 (10 safest); nil when the judge said N/A.
    public var safetyScore: Double?

    public init(model: String, category: String? = nil, vector: ValueVector, safetyScore: Double? = nil) {
        self.model = model
        self.category = category
        self.vector = vector
        self.safetyScore = safetyScore
    }
}

/// The mean value vector of a group of answers, with a CI per value: from the Dirichlet posterior
/// of the −1/0/+1 shares (`SignedMean`) for an evaluator's labels, a bootstrap for other vectors;
/// and, where the evaluator records its bias per answering model, an interval that carries it too.
public struct ValueProfile: Sendable, Hashable, Codable {
    public var model: String
    /// nil for the model's profile over all categories.
    public var category: String?
    public var count: Int
    /// Per value, in FULCRA order.
    public var mean: [ConfidenceInterval]
    /// Per value, the same mean with an interval that also carries the evaluator's bias on an
    /// answering model it never saw (`EvaluatorErrorInterval`); nil when the evaluator's model file
    /// records no biases or the vectors are not −1/0/+1 labels.
    public var withEvaluatorError: [ConfidenceInterval]? = nil

    public var meanVector: ValueVector { (try? ValueVector(mean.map(\.estimate))) ?? .zero }

    /// Profiles per model (category nil) and, when `byCategory`, per (model, category), sorted by
    /// model then category. Groups are independent; each gets the same bootstrap seed.
    /// `evaluatorBias`: per value, the evaluator's recorded bias on each answering model held out.
    public static func profiles(_ records: [ValueRecord], byCategory: Bool = false,
                                bootstrap: Bootstrap = Bootstrap(), evaluatorBias: [[Double]]? = nil) -> [ValueProfile] {
        var groups: [String: [ValueRecord]] = [:]
        var keys: [(String, String?)] = []
        func add(_ model: String, _ category: String?, _ r: ValueRecord) {
            let key = model + "\u{1F}" + (category ?? "\u{1E}")
            if groups[key] == nil { keys.append((model, category)) }
            groups[key, default: []].append(r)
        }
        for r in records {
            add(r.model, nil, r)
            if byCategory, let c = r.category { add(r.model, c, r) }
        }
        return keys.sorted { ($0.0, $0.1 ?? "") < ($1.0, $1.1 ?? "") }.map { model, category in
            let group = groups[model + "\u{1F}" + (category ?? "\u{1E}")]!
            let labels = (0..<ValueVector.dimension).map { i in group.map { $0.vector.components[i] } }
            let mean = labels.map { SignedMean.interval($0, bootstrap: bootstrap) ?? bootstrap.meanInterval($0)! }
            var withEvaluatorError: [ConfidenceInterval]?
            if let evaluatorBias, evaluatorBias.count == ValueVector.dimension {
                let intervals = zip(labels, evaluatorBias).compactMap { EvaluatorErrorInterval.interval($0, biases: $1, bootstrap: bootstrap) }
                withEvaluatorError = intervals.count == ValueVector.dimension ? intervals : nil
            }
            return ValueProfile(model: model, category: category, count: group.count, mean: mean, withEvaluatorError: withEvaluatorError)
        }
    }
}

/// How one value dimension co-varies with safety scores (the FULCRA analysis: which values
/// co-occur with unsafe answers). Pearson r with a Fisher-z 95% CI and a two-sided p-value
/// (normal approximation of z, adequate from N ≈ 10).
public struct ValueSafetyCorrelation: Sendable, Hashable, Codable {
    public var value: SchwartzValue
    public var n: Int
    /// nil when undefined: fewer than 4 scored answers, or no variation in the value or the score.
    public var r: Double?
    public var ci: ConfidenceInterval?
    public var pValue: Double?

    public static func compute(_ records: [ValueRecord], level: Double = 0.95) -> [ValueSafetyCorrelation] {
        let scored = records.compactMap { r in r.safetyScore.map { (r.vector, $0) } }
        return SchwartzValue.allCases.map { value in
            let xs = scored.map { $0.0[value] }, ys = scored.map(\.1)
            let n = xs.count
            guard n >= 4, let r = pearson(xs, ys) else { return ValueSafetyCorrelation(value: value, n: n, r: nil, ci: nil, pValue: nil) }
            let clipped = min(0.999_999, max(-0.999_999, r))
            let z = atanh(clipped), se = 1 / Double(n - 3).squareRoot()
            let q = normalQuantile(1 - (1 - level) / 2)
            let ci = ConfidenceInterval(estimate: r, lower: tanh(z - q * se), upper: tanh(z + q * se), level: level)
            let p = erfc(abs(z / se) / 2.0.squareRoot())
            return ValueSafetyCorrelation(value: value, n: n, r: r, ci: ci, pValue: p)
        }
    }

    static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
        guard let mx = Descriptive.mean(x), let my = Descriptive.mean(y) else { return nil }
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(x, y) { sxy += (a - mx) * (b - my); sxx += (a - mx) * (a - mx); syy += (b - my) * (b - my) }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }

    /// Inverse standard normal CDF by bisection on erfc (only called for a handful of levels).
    static func normalQuantile(_ p: Double) -> Double {
        var lo = -10.0, hi = 10.0
        for _ in 0..<100 {
            let mid = (lo + hi) / 2
            if 0.5 * erfc(-mid / 2.0.squareRoot()) < p { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }
}
