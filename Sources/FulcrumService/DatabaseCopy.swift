import FulcrumStore

/// Copies runs, plan rows, answers, judgments and judge calibrations from one store to another — a laptop's SQLite
/// history to the team's PostgreSQL, say. Idempotent: what the target has is kept (a successful
/// answer is never replaced; a failed one gives way to a success), so a second copy changes nothing
/// and an interrupted copy is finished by running it again. Rows are matched by plan key, not by
/// row number, since each database numbers its own rows.
public enum DatabaseCopy {
    public struct Summary: Sendable, Hashable, Codable {
        public var runs = 0
        public var newRuns = 0
        public var planRows = 0
        public var generations = 0
        public var judgments = 0
        /// Judge calibrations the target lacked.
        public var calibrations = 0

        public var changedNothing: Bool { newRuns == 0 && planRows == 0 && generations == 0 && judgments == 0 && calibrations == 0 }
    }

    public static func copy(from source: any ResultStore, to target: any ResultStore) async throws -> Summary {
        var summary = Summary()
        for run in try await source.runs().reversed() {
            summary.runs += 1
            let sourceResults = try await source.results(runID: run.id)
            let keys = sourceResults.map(\.row.key)
            let before: Int
            let targetRows: [PlanRowRecord]
            if try await target.run(id: run.id) == nil {
                before = 0
                targetRows = try await target.createRun(run, plan: keys)
                summary.newRuns += 1
            } else {
                before = try await target.planRows(runID: run.id).count
                targetRows = try await target.extendPlan(runID: run.id, plan: keys)
            }
            summary.planRows += targetRows.count - before
            let rowIDs = Dictionary(targetRows.map { ($0.key, $0.id!) }, uniquingKeysWith: { a, _ in a })
            let targetResults = Dictionary(try await target.results(runID: run.id).map { ($0.row.key, $0.generation) },
                                           uniquingKeysWith: { a, _ in a })

            // Answers: fill what the target lacks, and let a success replace a failure.
            for result in sourceResults {
                guard let generation = result.generation, let rowID = rowIDs[result.row.key] else { continue }
                let existing = targetResults[result.row.key] ?? nil
                guard existing == nil || (existing?.succeeded == false && generation.succeeded) else { continue }
                var copy = generation
                copy.id = nil
                copy.planRowID = rowID
                if try await target.record(copy) { summary.generations += 1 }
            }
            // A source judgment belongs to the target generation of the same plan key.
            let keyOfSourceGeneration = Dictionary(sourceResults.compactMap { r in r.generation?.id.map { ($0, r.row.key) } },
                                                   uniquingKeysWith: { a, _ in a })
            let targetGeneration = Dictionary(try await target.results(runID: run.id).compactMap { r in r.generation?.id.map { (r.row.key, $0) } },
                                              uniquingKeysWith: { a, _ in a })

            // Judgments: the store keeps an existing one unless it failed.
            let have = Dictionary(try await target.judgments(runID: run.id).map { ("\($0.generationID)#\($0.judge)#\($0.repeatIndex)", $0) },
                                  uniquingKeysWith: { a, _ in a })
            for judgment in try await source.judgments(runID: run.id) {
                guard let mapped = keyOfSourceGeneration[judgment.generationID].flatMap({ targetGeneration[$0] }) else { continue }
                let existing = have["\(mapped)#\(judgment.judge)#\(judgment.repeatIndex)"]
                guard existing == nil || (existing?.parseStatus == .failed && judgment.parseStatus != .failed) else { continue }
                var copy = judgment
                copy.id = nil
                copy.generationID = mapped
                if try await target.record(copy) { summary.judgments += 1 }
            }
            if let stored = try await target.run(id: run.id), stored.status != run.status, run.status != .unfinished {
                try await target.setStatus(runID: run.id, run.status)
            }
        }
        // Calibrations: any the target does not hold already (equal record), oldest first.
        let held = Set(try await target.calibrations())
        for record in try await source.calibrations().reversed() where !held.contains(record) {
            try await target.saveCalibration(record)
            summary.calibrations += 1
        }
        return summary
    }
}
