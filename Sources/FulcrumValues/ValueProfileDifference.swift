import FulcrumCore
import FulcrumReport

/// Model A's value profile minus model B's on the same items (`fulcrum compare`): per value, the
/// mean of A's −1/0/+1 labels minus B's over the paired answers, with an interval from the
/// Dirichlet(+½) posterior of the five values a pair's difference can take, −2 … +2 (a pair shares
/// its prompt, so its two labels are not independent; the mean difference depends on nothing else)
/// and, where the evaluator records its bias per answering model, a second
/// interval that also draws each model's bias on its own, as `EvaluatorErrorInterval` does for one
/// profile.
///
/// Why each model's bias apart rather than letting a common bias cancel: on FULCRA's ten pairs of
/// answering models, with the biases of the other three, the evaluator-only interval held the
/// human difference in 0.51 of runs of 250 answers each; independent biases 0.88 (interval score
/// 1.097); a difference of biases from their spread (√2·sd·t(S − 1)) 0.90 but wider (1.136).
/// For two runs of the same model the interval is conservative. docs/value-profiles.md.
public struct ValueProfileDifference: Codable, Sendable, Hashable {
    public struct Row: Codable, Sendable, Hashable {
        public var value: SchwartzValue
        /// A − B, with the interval of the labels alone.
        public var difference: ConfidenceInterval
        /// The same estimate with the interval that also carries the evaluator's bias on each model;
        /// nil when the evaluator's model file records fewer than two biases for this value.
        public var withEvaluatorError: ConfidenceInterval?
    }

    /// What the second interval means, for a line under a table of differences.
    public static let evaluatorErrorNote = "\"with evaluator error\": a 95% interval that also carries the evaluator's bias on "
        + "each of two answering models it never saw (drawn from its biases on the models it was cross-validated on), so it "
        + "aims to hold the difference people's labels would give; the first interval holds only the evaluator's."

    public var evaluator: String
    /// Pairs in which both answers carry values (empty answers are left out).
    public var pairs: Int
    public var values: [Row]
    /// Answers (two per pair) in languages the evaluator's check does not cover; nil when it does not say.
    public var unvalidatedLanguages: [UnvalidatedLanguage]? = nil
    public var evaluatorCheck: EvaluatorCheck? = nil

    public var unvalidatedLanguageSentence: String? {
        UnvalidatedLanguage.sentence(unvalidatedLanguages, of: 2 * pairs, check: evaluatorCheck)
    }

    /// Scores both answers of every pair with `evaluator`; nil when no pair has two non-empty answers.
    public static func of(_ pairs: [(a: PanelScores.Answer, b: PanelScores.Answer)], evaluator: NativeValueEvaluator,
                          bootstrap: Bootstrap) -> ValueProfileDifference? {
        var vectors: [(ValueVector, ValueVector)] = []
        var byLanguage: [Language: Int] = [:]
        for pair in pairs {
            let a = evaluator.assess(prompt: pair.a.prompt, response: pair.a.answer)
            let b = evaluator.assess(prompt: pair.b.prompt, response: pair.b.answer)
            if a.status == .emptyResponse || b.status == .emptyResponse { continue }
            vectors.append((a.vector, b.vector))
            byLanguage[pair.a.key.language, default: 0] += 1
            byLanguage[pair.b.key.language, default: 0] += 1
        }
        let check = evaluator.check
        var difference = of(vectors, evaluator: evaluator.identifier, biases: evaluator.sourceBiases, bootstrap: bootstrap)
        difference?.evaluatorCheck = check
        difference?.unvalidatedLanguages = UnvalidatedLanguage.find(byLanguage, check: check)
        return difference
    }

    /// `biases`: per value, the evaluator's recorded bias on each answering model it held out.
    public static func of(_ pairs: [(ValueVector, ValueVector)], evaluator: String, biases: [[Double]]?,
                          bootstrap: Bootstrap) -> ValueProfileDifference? {
        guard !pairs.isEmpty else { return nil }
        let rows = SchwartzValue.allCases.enumerated().compactMap { k, value -> Row? in
            let labels = pairs.map { ($0.0.components[k], $0.1.components[k]) }
            guard let counts = differenceCounts(labels) else { return nil }
            let estimate = labels.reduce(0) { $0 + $1.0 - $1.1 } / Double(labels.count)
            let recorded = biases.map { $0[k] } ?? []
            return Row(value: value,
                       difference: interval(counts, estimate: estimate, biases: [], bootstrap: bootstrap),
                       withEvaluatorError: recorded.count >= 2 ? interval(counts, estimate: estimate, biases: recorded, bootstrap: bootstrap) : nil)
        }
        return rows.count == ValueVector.dimension ? ValueProfileDifference(evaluator: evaluator, pairs: pairs.count, values: rows) : nil
    }

    /// How many pairs differ by −2, −1, 0, +1 and +2; nil when a label is not −1, 0 or +1.
    static func differenceCounts(_ labels: [(Double, Double)]) -> [Int]? {
        var counts = Array(repeating: 0, count: 5)
        for (a, b) in labels {
            guard SignedMean.counts([a, b]) != nil else { return nil }
            counts[Int(a - b) + 2] += 1
        }
        return counts
    }

    static func interval(_ counts: [Int], estimate: Double, biases: [Double], bootstrap: Bootstrap) -> ConfidenceInterval {
        let rms = EvaluatorErrorInterval.rootMeanSquare(biases)
        var generator = SeededGenerator(seed: bootstrap.seed)
        let draws = (0..<bootstrap.resamples).map { _ -> Double in
            let shares = JeffreysDraw.shares(of: counts, using: &generator)
            var difference = 0.0
            for (i, share) in shares.enumerated() { difference += share * Double(i - 2) }
            if !biases.isEmpty {
                difference -= EvaluatorErrorInterval.drawBias(rootMeanSquare: rms, sources: biases.count, using: &generator)
                difference += EvaluatorErrorInterval.drawBias(rootMeanSquare: rms, sources: biases.count, using: &generator)
            }
            return min(2, max(-2, difference))
        }
        return bootstrap.percentileInterval(estimate: estimate, draws: draws)
    }
}
