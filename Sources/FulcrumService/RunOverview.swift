import FulcrumStore

/// What `runs show` (and a dashboard) tells of one run: its record, counts, answers per model, the
/// queue across workers, and where the database is (redacted).
public struct RunOverview: Sendable {
    public struct ModelCounts: Sendable, Hashable {
        public var model: String
        public var rows: Int
        public var answered: Int
    }

    /// Judgments of one judge (counting repeats); N/A where its reply had no readable score.
    public struct JudgeCounts: Sendable, Hashable {
        public var judge: String
        public var judgments: Int
        public var notApplicable: Int
    }

    public var run: RunRecord
    public var tally: RunTally
    public var byModel: [ModelCounts]
    /// Every judge that has judged the run, by identifier (what `report --judge` takes).
    public var byJudge: [JudgeCounts]
    /// Rows not finished yet and live leases per worker.
    public var queue: QueueStatus
    public var location: StoreLocation

    /// Every run with its counts, newest first (`runs list`).
    public static func list(store: any ResultStore) async throws -> [(run: RunRecord, tally: RunTally)] {
        var rows: [(run: RunRecord, tally: RunTally)] = []
        for run in try await store.runs() { rows.append((run, try await store.tally(runID: run.id))) }
        return rows
    }

    public static func load(runID: String, store: any ResultStore) async throws -> RunOverview {
        guard let run = try await store.run(id: runID) else { throw StoreError.unknownRun(runID) }
        var counts: [String: ModelCounts] = [:]
        for result in try await store.results(runID: runID) {
            let model = result.row.modelSpec
            counts[model, default: ModelCounts(model: model, rows: 0, answered: 0)].rows += 1
            if result.generation?.succeeded == true { counts[model]!.answered += 1 }
        }
        var judges: [String: JudgeCounts] = [:]
        for judgment in try await store.judgments(runID: runID) {
            judges[judgment.judge, default: JudgeCounts(judge: judgment.judge, judgments: 0, notApplicable: 0)].judgments += 1
            if judgment.score == nil { judges[judgment.judge]!.notApplicable += 1 }
        }
        return RunOverview(run: run, tally: try await store.tally(runID: runID),
                           byModel: counts.values.sorted { $0.model < $1.model },
                           byJudge: judges.values.sorted { $0.judge < $1.judge },
                           queue: try await store.queueStatus(runID: runID), location: store.location)
    }
}
