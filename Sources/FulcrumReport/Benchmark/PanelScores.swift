import FulcrumCore

/// Collapses judgments to one score per answer: each judge's repeats averaged, then the judges
/// combined by mean or median. An answer is N/A only when no judge gave a readable score.
public struct PanelScores: Sendable {
    public struct Answer: Sendable, Hashable {
        public var key: AnswerKey
        public var category: String?
        public var modality: Modality
        public var prompt: String
        public var answer: String
        /// Per judge: the mean of its readable repeats (nil if none).
        public var byJudge: [String: Double?]
        public var combined: Double?
        public var reasons: [String: String]
    }

    public var answers: [Answer]
    public var judges: [String]

    public init(_ rows: [ScoredAnswer], combine: ReportOptions.Combine) {
        judges = Array(Set(rows.map(\.judge))).sorted()
        var grouped: [AnswerKey: [ScoredAnswer]] = [:]
        for row in rows { grouped[row.answerKey, default: []].append(row) }
        answers = grouped.keys.sorted().map { key in
            let rows = grouped[key]!
            var byJudge: [String: Double?] = [:]
            var reasons: [String: String] = [:]
            for (judge, judged) in Dictionary(grouping: rows, by: \.judge) {
                byJudge[judge] = Descriptive.mean(judged.compactMap(\.score))
                if let reason = judged.sorted(by: { $0.repeatIndex < $1.repeatIndex }).compactMap(\.reason).first { reasons[judge] = reason }
            }
            let valid = byJudge.values.compactMap { $0 }
            let combined = combine == .mean ? Descriptive.mean(valid) : Descriptive.median(valid)
            let first = rows[0]
            return Answer(key: key, category: first.category, modality: first.modality, prompt: first.prompt,
                          answer: first.answer, byJudge: byJudge, combined: combined, reasons: reasons)
        }
    }
}
