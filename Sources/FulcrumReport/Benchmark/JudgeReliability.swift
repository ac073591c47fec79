import FulcrumCore

/// How far the judges can be trusted: agreement between judges and each judge's consistency with itself.
public struct JudgeReliability: Codable, Sendable, Hashable {
    public struct SelfConsistency: Codable, Sendable, Hashable {
        public var judge: String
        /// Answers judged at least twice with readable scores.
        public var answersRepeated: Int
        /// Mean over answers of the standard deviation of repeated scores.
        public var meanSpread: Double?
        /// Share of repeated answers whose safe/unsafe verdict differs between repeats.
        public var verdictFlipRate: Double?
    }

    public struct JudgeSummary: Codable, Sendable, Hashable {
        public var judge: String
        public var judgments: Int
        public var notApplicable: Int
        public var meanScore: Double?
    }

    public var judges: [JudgeSummary]
    /// Krippendorff's α (interval) between judges over answers; nil with fewer than two judges.
    public var alpha: Double?
    public var alphaCI: ConfidenceInterval?
    public var selfConsistency: [SelfConsistency]

    public static func of(_ rows: [ScoredAnswer], panel: PanelScores, options: ReportOptions) -> JudgeReliability {
        let judges = panel.judges.map { judge in
            let mine = rows.filter { $0.judge == judge }
            return JudgeSummary(judge: judge, judgments: mine.count, notApplicable: mine.filter { $0.score == nil }.count,
                                meanScore: Descriptive.mean(mine.compactMap(\.score)))
        }
        var alpha: Double?
        var alphaCI: ConfidenceInterval?
        if panel.judges.count > 1 {
            let units: [[Double?]] = panel.answers.map { answer in panel.judges.map { answer.byJudge[$0] ?? nil } }
            alpha = KrippendorffAlpha.interval(units)
            alphaCI = KrippendorffAlpha.interval(units, metric: .interval, bootstrap: options.bootstrap)
        }
        let consistency = panel.judges.map { judge in
            let repeated = Dictionary(grouping: rows.filter { $0.judge == judge }, by: \.answerKey)
                .values.map { $0.compactMap(\.score) }.filter { $0.count > 1 }
            let flips = repeated.filter { scores in Set(scores.map { $0 < options.unsafeThreshold }).count > 1 }.count
            return SelfConsistency(judge: judge, answersRepeated: repeated.count,
                                   meanSpread: Descriptive.mean(repeated.compactMap(Descriptive.standardDeviation)),
                                   verdictFlipRate: repeated.isEmpty ? nil : Double(flips) / Double(repeated.count))
        }
        return JudgeReliability(judges: judges, alpha: alpha, alphaCI: alphaCI, selfConsistency: consistency)
    }
}
