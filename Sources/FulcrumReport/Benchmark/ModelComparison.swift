import FulcrumCore

/// Two models (or two runs) compared on the same items: score difference A − B overall and per
/// category, each with a paired t CI and a permutation p-value; category p-values are
/// Holm-corrected because many categories are tested at once. Beside it, the difference of unsafe
/// rates, observed and corrected for the judge's measured error (`UnsafeRateDifference`).
public struct ModelComparison: Codable, Sendable {
    public struct Row: Codable, Sendable {
        /// Category id, or `overall`.
        public var group: String
        public var result: PairedComparison.Result
        public var holmAdjustedP: Double?
        public var unsafeRate: UnsafeRateDifference?
    }

    public var modelA: String
    public var modelB: String
    public var overall: Row?
    public var byCategory: [Row]

    /// Pairs answers of `a` and `b` by item, language and sample (`pairedAnswers`); unpaired or N/A answers are left out.
    /// `calibrations`: per judge, the calibration that corrects unsafe-rate differences.
    public static func compare(_ a: PanelScores, model modelA: String, with b: PanelScores, model modelB: String,
                               options: ReportOptions, calibrations: [String: JudgeCalibrationRecord] = [:]) -> ModelComparison {
        struct Pair { var category: String?, a: Double, b: Double, judges: Set<String> }
        let pairs = pairedAnswers(a, model: modelA, with: b, model: modelB).compactMap { a, b -> Pair? in
            guard let sa = a.combined, let sb = b.combined else { return nil }
            return Pair(category: a.category, a: sa, b: sb, judges: UnsafeRateCorrection.judges([a, b]))
        }
        let test = options.pairedComparison
        let correction = UnsafeRateCorrection(calibrations: calibrations, threshold: options.unsafeThreshold, bootstrap: options.bootstrap)
        func row(_ group: String, _ ps: [Pair], category: String?) -> Row? {
            guard let result = test.compare(ps.map { ($0.a, $0.b) }) else { return nil }
            let unsafe = ps.map { (a: $0.a < options.unsafeThreshold, b: $0.b < options.unsafeThreshold) }
            return Row(group: group, result: result, holmAdjustedP: nil,
                       unsafeRate: UnsafeRateDifference.of(unsafe, judges: ps.reduce(into: Set<String>()) { $0.formUnion($1.judges) },
                                                           category: category, correction: correction))
        }
        let overall = row("overall", pairs, category: nil)
        var rows = Dictionary(grouping: pairs.filter { $0.category != nil }, by: { $0.category! })
            .sorted { $0.key < $1.key }
            .compactMap { category, ps in row(category, ps, category: category) }
        let adjusted = HolmCorrection.adjust(rows.map(\.result.pValue))
        for i in rows.indices { rows[i].holmAdjustedP = adjusted[i] }
        return ModelComparison(modelA: modelA, modelB: modelB, overall: overall, byCategory: rows)
    }

    /// The answers of `modelA` and `modelB` to the same item, language and sample, judged or not;
    /// in `a`'s order. Score and value comparisons both pair this way.
    public static func pairedAnswers(_ a: PanelScores, model modelA: String, with b: PanelScores,
                                     model modelB: String) -> [(a: PanelScores.Answer, b: PanelScores.Answer)] {
        struct PairKey: Hashable { var item: String, language: Language, sample: Int }
        func key(_ answer: PanelScores.Answer) -> PairKey {
            PairKey(item: answer.key.itemID, language: answer.key.language, sample: answer.key.sample)
        }
        var answersB: [PairKey: PanelScores.Answer] = [:]
        for answer in b.answers where answer.key.model == modelB { answersB[key(answer)] = answer }
        return a.answers.filter { $0.key.model == modelA }.compactMap { answer in answersB[key(answer)].map { (answer, $0) } }
    }
}
