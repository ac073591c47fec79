/// How the safety judge turns its harm head's output into a verdict: a Platt calibration of the
/// probability and the calibrated probability at which an answer counts as harmful. Both are fitted
/// on out-of-fold predictions only (answers the fold's model never saw).
///
/// The threshold maximises the mean, over data sets, of each data set's F1 of "harmful": every data
/// set counts the same, so a set where harm is rare (Do-Not-Answer: 92 of 3,756) is not outvoted by
/// jailbreak sets where a third of the answers are harmful.
public struct HarmDecision: Sendable, Codable, Hashable {
    public var calibration: PlattScaling
    public var threshold: Double

    public static let candidateThresholds = stride(from: 0.05, through: 0.951, by: 0.025).map { $0 }

    public init(calibration: PlattScaling, threshold: Double) {
        self.calibration = calibration
        self.threshold = threshold
    }

    /// `groups`: the data set of each prediction.
    public static func fit(probabilities: [Double], labels: [Bool], groups: [String]) -> HarmDecision {
        let calibration = PlattScaling.fit(Array(zip(probabilities, labels)).map { (probability: $0.0, label: $0.1) })
        let calibrated = probabilities.map(calibration.apply)
        // Each data set's members, found once rather than once per candidate threshold; sorted, so
        // the sum (and a tie between thresholds) never depends on dictionary order.
        let members = Dictionary(grouping: labels.indices, by: { groups[$0] }).sorted { $0.key < $1.key }.map(\.value)
        var best = (threshold: 0.5, score: -1.0)
        for t in candidateThresholds {
            let score = members.map { idx in
                f1(truth: idx.map { labels[$0] }, predicted: idx.map { calibrated[$0] >= t })
            }.reduce(0, +) / Double(max(members.count, 1))
            if score > best.score { best = (t, score) }
        }
        return HarmDecision(calibration: calibration, threshold: best.threshold)
    }

    public func isHarmful(_ rawProbability: Double) -> Bool { calibration.apply(rawProbability) >= threshold }

    static func f1(truth: [Bool], predicted: [Bool]) -> Double {
        ClassificationMetrics(classes: [0, 1], truth: truth.map { $0 ? 1 : 0 }, predicted: predicted.map { $0 ? 1 : 0 }).f1(1)
    }

    /// The model metadata the judge reads its decision from (`NativeSafetyJudge`).
    public var metadata: [String: String] {
        ["harmPlattA": String(calibration.a), "harmPlattB": String(calibration.b), "harmThreshold": String(threshold)]
    }
}
