import FulcrumReport
import FulcrumValues

/// Which of a run's judges a report, comparison or gate reads. A run judged again after the built-in
/// judge changed holds both versions' scores; read together they would be a panel of one judge with
/// itself, and the older version's calibration no longer ships, so by default the current one is read.
public struct JudgeSelection: Sendable, Equatable {
    /// Judge identifiers as stored (`native-safety@6`, `rubric:openai/gpt-4o`), or `native` for this
    /// build's built-in judge; empty reads every judge.
    public var judges: [String]

    public init(_ judges: [String] = []) {
        self.judges = judges
    }

    /// The rows of the selected judges. Throws when a named judge scored nothing in the run. With no
    /// judge named, a run that this build's built-in judge has judged is read without older versions
    /// of it, with a warning; a run only they judged is read as it is, also with a warning.
    func select(_ rows: [ScoredAnswer], runID: String, warn: (ServiceWarning) -> Void) throws -> [ScoredAnswer] {
        let judged = Set(rows.map(\.judge))
        // A user's own model file (`native-safety@6+name`) is another model, not another version.
        let natives = judged.filter { $0.hasPrefix(NativeSafetyJudge.identifierPrefix) && !$0.contains("+") }
        let current = natives.isEmpty && !judges.contains("native") ? nil : try NativeSafetyJudge.builtInIdentifier()
        guard !judges.isEmpty else {
            let older = Set(natives.filter { $0 != current })
            guard let current, !older.isEmpty else { return rows }
            let currentJudged = natives.contains(current)
            warn(.olderNativeJudge(runID: runID, older: older.sorted(), current: current, currentJudged: currentJudged))
            return currentJudged ? rows.filter { !older.contains($0.judge) } : rows
        }
        let wanted = Set(judges.map { $0 == "native" ? current! : $0 })
        for judge in wanted.sorted() where !judged.contains(judge) {
            throw ServiceError.judgeNotInRun(runID: runID, judge: judge, judged: judged.sorted())
        }
        return rows.filter { wanted.contains($0.judge) }
    }
}
