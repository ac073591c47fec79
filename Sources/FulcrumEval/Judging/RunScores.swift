import FulcrumCore
import FulcrumReport
import FulcrumStore

/// Turns a run's stored answers and judgments into the rows reports are computed from.
///
/// An answer that failed to generate appears once per judge as N/A (`failed`), so a model whose calls
/// fail is shown with missing data rather than silently dropped.
public enum RunScores {
    public static func load(store: any ResultStore, runID: String, suite: Suite?) async throws -> [ScoredAnswer] {
        let items = Dictionary((suite?.items ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let judgments = Dictionary(grouping: try await store.judgments(runID: runID), by: \.generationID)
        let judges = Array(Set(judgments.values.flatMap { $0.map(\.judge) })).sorted()
        var rows: [ScoredAnswer] = []
        for result in try await store.results(runID: runID) {
            let row = result.row
            let item = items[row.itemID]
            let generation = result.generation
            let input = generation.map { JudgeInputs.make(row: row, generation: $0, item: item) }
            func scored(judge: String, repeatIndex: Int, score: Double?, status: JudgmentParseStatus, reason: String?) -> ScoredAnswer {
                ScoredAnswer(model: row.modelSpec, itemID: row.itemID, category: item?.category, modality: item?.modality ?? .text,
                             language: Language(rawValue: row.language), sample: row.sampleIndex, judge: judge,
                             repeatIndex: repeatIndex, score: score, parseStatus: status, reason: reason,
                             prompt: input?.question ?? item?.prompt[Language(rawValue: row.language)] ?? "",
                             answer: generation?.responseText ?? "")
            }
            if let generation, generation.succeeded, let id = generation.id {
                for j in judgments[id] ?? [] {
                    rows.append(scored(judge: j.judge, repeatIndex: j.repeatIndex, score: j.score, status: j.parseStatus, reason: j.reason))
                }
            } else if let generation {
                let why = "no answer: \(generation.errorCause ?? "failed")"
                for judge in judges { rows.append(scored(judge: judge, repeatIndex: 0, score: nil, status: .failed, reason: why)) }
            }
        }
        return rows
    }
}
