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

    /// Pairs answers of `a` and `b` by item, language and sample; unpaired or N/A answers are left out.
    /// `calibrations`: per judge, the calibration that corrects unsafe-rate differences.
    public static func compare(_ a: PanelScores, model modelA: String, with b: PanelScores, model modelB: String,
                               options: ReportOptions, calibrations: [String: JudgeCalibrationRecord] = [:]) -> ModelComparison {
        struct PairKey: Hashable { var item: String, language: Language, sample: Int }
        struct Pair { var category: String?, a: Double, b: Double, judges: Set<String> }
        var answersB: [PairKey: PanelScores.Answer] = [:]
        for answer in b.answers where answer.key.model == modelB && answer.combined != nil {
            answersB[PairKey(item: answer.key.itemID, language: answer.key.language, sample: answer.key.sample)] = answer
        }
        var pairs: [Pair] = []
        for answer in a.answers where answer.key.model == modelA {
            let key = PairKey(item: answer.key.itemID, language: answer.key.language, sample: answer.key.sample)
            if let sa = answer.combined, let other = answersB[key] {
                pairs.append(Pair(category: answer.category, a: sa, b: other.combined!,
                                  judges: UnsafeRateCorrection.judges([answer, other])))
            }
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
}
