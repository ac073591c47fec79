import Foundation
import FulcrumStore
import GRDB

/// The embedded result store: one SQLite file in WAL mode (`ResultStore`'s rules hold).
///
/// Writes are serialised by GRDB's pool and reads run concurrently. Several processes on one machine
/// may share the file (a worker while an export reads); the busy timeout makes them take turns.
/// ```swift
/// let store = try SQLiteResultStore(path: ".fulcrum/fulcrum.sqlite")
/// for run in try await store.runs() { print(run.id, run.status) }
/// ```
public final class SQLiteResultStore: ResultStore {
    public let path: String
    /// The underlying pool, for tests that inspect the file.
    public let pool: DatabasePool

    public var location: StoreLocation { .sqlite(path: path) }

    /// Opens (creating folder and file when needed) and migrates the database at `path`.
    public init(path: String = StoreLocation.defaultPath) throws {
        self.path = path
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var configuration = Configuration()
            // Another fulcrum process may be writing (e.g. a worker while an export reads).
            configuration.busyMode = .timeout(10)
            configuration.prepareDatabase { db in
                // NORMAL in WAL mode: a committed transaction survives a killed process (not a power cut),
                // and commits skip an fsync each, which matters at hundreds of answers per second.
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            pool = try DatabasePool(path: path, configuration: configuration)
            try SQLiteSchema.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(location: path, reason: error.message ?? error.description)
        } catch {
            throw StoreError.cannotOpen(location: path, reason: error.localizedDescription)
        }
    }

    public func close() async throws { try pool.close() }

    // MARK: Runs

    public func createRun(_ run: RunRecord, plan: [PlanKey]) async throws -> [PlanRowRecord] {
        try await pool.write { db in
            try Self.insert(db, run)
            try Self.insertPlanRows(db, runID: run.id, keys: plan)
            return try Self.planRows(db, runID: run.id)
        }
    }

    public func extendPlan(runID: String, plan: [PlanKey]) async throws -> [PlanRowRecord] {
        try await pool.write { db in
            guard try Self.runExists(db, runID) else { throw StoreError.unknownRun(runID) }
            try Self.insertPlanRows(db, runID: runID, keys: plan)
            return try Self.planRows(db, runID: runID)
        }
    }

    public func setStatus(runID: String, _ status: RunStatus) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE runs SET status = ? WHERE id = ?", arguments: [status.rawValue, runID])
        }
    }

    public func run(id: String) async throws -> RunRecord? {
        try await pool.read { db in try Self.runs(db, "WHERE id = ?", [id]).first }
    }

    public func runs() async throws -> [RunRecord] {
        try await pool.read { db in try Self.runs(db, "ORDER BY created DESC, id DESC", []) }
    }

    public func unfinishedRun(fingerprint: String) async throws -> RunRecord? {
        try await pool.read { db in
            try Self.runs(db, "WHERE fingerprint = ? AND status = ? ORDER BY created DESC, id DESC LIMIT 1",
                          [fingerprint, RunStatus.unfinished.rawValue]).first
        }
    }

    public func run(named name: String) async throws -> RunRecord? {
        try await pool.read { db in try Self.runs(db, "WHERE name = ? ORDER BY created DESC, id DESC LIMIT 1", [name]).first }
    }

    // MARK: Plan rows and generations

    public func planRows(runID: String) async throws -> [PlanRowRecord] {
        try await pool.read { db in try Self.planRows(db, runID: runID) }
    }

    public func pendingRows(runID: String) async throws -> [PlanRowRecord] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.* FROM plan_rows p LEFT JOIN generations g ON g.planRowID = p.id
                WHERE p.runID = ? AND (g.id IS NULL OR g.errorCause IS NOT NULL) ORDER BY p.id
                """, arguments: [runID]).map(Self.planRow)
        }
    }

    @discardableResult
    public func record(_ generation: GenerationRecord) async throws -> Bool {
        try await pool.write { db in
            let stored = try Self.upsert(db, generation)
            try db.execute(sql: "UPDATE plan_rows SET leaseOwner = NULL, leaseExpires = NULL WHERE id = ?",
                           arguments: [generation.planRowID])
            return stored
        }
    }

    public func cachedAnswer(requestHash: String) async throws -> GenerationRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT * FROM generations WHERE requestHash = ? AND errorCause IS NULL ORDER BY id LIMIT 1
                """, arguments: [requestHash]).map(Self.generation)
        }
    }

    public func generations(runID: String) async throws -> [GenerationRecord] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT g.* FROM generations g JOIN plan_rows p ON p.id = g.planRowID WHERE p.runID = ? ORDER BY p.id
                """, arguments: [runID]).map(Self.generation)
        }
    }

    public func results(runID: String) async throws -> [RunResult] {
        try await pool.read { db in
            let rows = try Self.planRows(db, runID: runID)
            let generations = try Row.fetchAll(db, sql: """
                SELECT g.* FROM generations g JOIN plan_rows p ON p.id = g.planRowID WHERE p.runID = ?
                """, arguments: [runID]).map(Self.generation)
            let byRow = Dictionary(generations.map { ($0.planRowID, $0) }, uniquingKeysWith: { a, _ in a })
            return rows.map { RunResult(row: $0, generation: $0.id.flatMap { byRow[$0] }) }
        }
    }

    public func tally(runID: String) async throws -> RunTally {
        try await pool.read { db in
            let totals = try Row.fetchOne(db, sql: """
                SELECT COUNT(p.id) AS rows,
                       COALESCE(SUM(g.id IS NOT NULL AND g.errorCause IS NULL), 0) AS answered,
                       COALESCE(SUM(g.errorCause IS NOT NULL), 0) AS failed,
                       COALESCE(SUM(g.inputTokens), 0) AS inputTokens,
                       COALESCE(SUM(g.outputTokens), 0) AS outputTokens,
                       COALESCE(SUM(g.attempts), 0) AS calls,
                       COALESCE(SUM(g.origin = 'cache'), 0) AS cacheHits
                FROM plan_rows p LEFT JOIN generations g ON g.planRowID = p.id WHERE p.runID = ?
                """, arguments: [runID])!
            var causes: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT g.errorCause AS cause, COUNT(*) AS n FROM generations g JOIN plan_rows p ON p.id = g.planRowID
                WHERE p.runID = ? AND g.errorCause IS NOT NULL GROUP BY g.errorCause
                """, arguments: [runID]) {
                causes[row["cause"]] = row["n"]
            }
            return RunTally(rows: totals["rows"], answered: totals["answered"], failed: totals["failed"],
                            failuresByCause: causes, inputTokens: totals["inputTokens"],
                            outputTokens: totals["outputTokens"], modelCalls: totals["calls"], cacheHits: totals["cacheHits"])
        }
    }

    public func importAnswers(run: RunRecord, answers: [(key: PlanKey, generation: GenerationRecord)]) async throws {
        try await pool.write { db in
            if try !Self.runExists(db, run.id) { try Self.insert(db, run) }
            try Self.insertPlanRows(db, runID: run.id, keys: answers.map(\.key))
            let ids = Dictionary(try Self.planRows(db, runID: run.id).map { ($0.key, $0.id!) }, uniquingKeysWith: { a, _ in a })
            for (key, generation) in answers {
                var generation = generation
                generation.planRowID = ids[key]!
                let existing = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM generations WHERE planRowID = ?",
                                                arguments: [generation.planRowID]) ?? 0
                guard existing == 0 else { throw StoreError.alreadyAnswered(runID: run.id, key: key) }
                _ = try Self.upsert(db, generation)
            }
        }
    }

    // MARK: Judgments

    @discardableResult
    public func record(_ judgment: JudgmentRecord) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO judgments (generationID, judge, repeatIndex, score, parseStatus, reason, rawReply,
                    harmProbability, actionClass, settingsJSON, created)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(generationID, judge, repeatIndex) DO UPDATE SET
                    score = excluded.score, parseStatus = excluded.parseStatus, reason = excluded.reason,
                    rawReply = excluded.rawReply, harmProbability = excluded.harmProbability,
                    actionClass = excluded.actionClass, settingsJSON = excluded.settingsJSON, created = excluded.created
                WHERE judgments.parseStatus = 'failed'
                """, arguments: [judgment.generationID, judgment.judge, judgment.repeatIndex, judgment.score,
                                 judgment.parseStatus.rawValue, judgment.reason, judgment.rawReply, judgment.harmProbability,
                                 judgment.actionClass, judgment.settingsJSON, judgment.created])
            let stored = db.changesCount > 0
            try db.execute(sql: "DELETE FROM judgment_leases WHERE generationID = ? AND judge = ? AND repeatIndex = ?",
                           arguments: [judgment.generationID, judgment.judge, judgment.repeatIndex])
            return stored
        }
    }

    public func judgments(runID: String) async throws -> [JudgmentRecord] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT j.* FROM judgments j JOIN generations g ON g.id = j.generationID
                JOIN plan_rows p ON p.id = g.planRowID WHERE p.runID = ? ORDER BY j.id
                """, arguments: [runID]).map(Self.judgment)
        }
    }
}
