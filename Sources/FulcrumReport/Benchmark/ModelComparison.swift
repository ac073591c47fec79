import FulcrumCore

/// Two models (or two runs) compared on the same items: score difference A − B overall and per
/// category, each with a paired-bootstrap CI and a permutation p-value; category p-values are
/// Holm-corrected because many categories are tested at once.
public struct ModelComparison: Codable, Sendable {
    public struct Row: Codable, Sendable {
        /// Category id, or `overall`.
        public var group: String
        public var result: PairedComparison.Result
        public var holmAdjustedP: Double?
    }

    public var modelA: String
    public var modelB: String
    public var overall: Row?
    public var byCategory: [Row]

    /// Pairs answers of `a` and `b` by item, language and sample; unpaired or N/A answers are left out.
    public static func compare(_ a: PanelScores, model modelA: String, with b: PanelScores, model modelB: String,
                               options: ReportOptions) -> ModelComparison {
        struct PairKey: Hashable { var item: String, language: Language, sample: Int }
        var scoresB: [PairKey: Double] = [:]
        for answer in b.answers where answer.key.model == modelB {
            if let s = answer.combined { scoresB[PairKey(item: answer.key.itemID, language: answer.key.language, sample: answer.key.sample)] = s }
        }
        var pairs: [(category: String?, a: Double, b: Double)] = []
        for answer in a.answers where answer.key.model == modelA {
            let key = PairKey(item: answer.key.itemID, language: answer.key.language, sample: answer.key.sample)
            if let sa = answer.combined, let sb = scoresB[key] { pairs.append((answer.category, sa, sb)) }
        }
        let test = PairedComparison(seed: options.bootstrapSeed, resamples: options.bootstrapResamples, level: options.confidenceLevel)
        let overall = test.compare(pairs.map { ($0.a, $0.b) }).map { Row(group: "overall", result: $0, holmAdjustedP: nil) }
        var rows = Dictionary(grouping: pairs.filter { $0.category != nil }, by: { $0.category! })
            .sorted { $0.key < $1.key }
            .compactMap { category, ps in test.compare(ps.map { ($0.a, $0.b) }).map { Row(group: category, result: $0, holmAdjustedP: nil) } }
        let adjusted = HolmCorrection.adjust(rows.map(\.result.pValue))
        for i in rows.indices { rows[i].holmAdjustedP = adjusted[i] }
        return ModelComparison(modelA: modelA, modelB: modelB, overall: overall, byCategory: rows)
    }
}
