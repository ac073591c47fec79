import Foundation
import GRDB

/// Fulcrum's result database: one SQLite file (WAL mode) holding runs, plan rows and generations.
///
/// Every write is its own transaction, so a process killed at any moment leaves the file consistent
/// with every answer written so far. Writes are serialised by GRDB's pool; reads run concurrently.
/// ```swift
/// let store = try ResultStore(path: ".fulcrum/fulcrum.sqlite")
/// for run in try await store.runs() { print(run.id, run.status) }
/// ```
public final class ResultStore: Sendable {
    public static let defaultPath = ".fulcrum/fulcrum.sqlite"

    public let path: String
    /// The underlying pool, for targets that add their own tables (register migrations in `StoreSchema`).
    public let pool: DatabasePool

    /// Opens (creating folder and file when needed) and migrates the database at `path`.
    public init(path: String = ResultStore.defaultPath) throws {
        self.path = path
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var configuration = Configuration()
            // Another fulcrum process may be writing (e.g. a resumed run while an export reads).
            configuration.busyMode = .timeout(10)
            configuration.prepareDatabase { db in
                // NORMAL in WAL mode: a committed transaction survives a killed process (not a power cut),
                // and commits skip an fsync each, which matters at hundreds of answers per second.
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            pool = try DatabasePool(path: path, configuration: configuration)
            try StoreSchema.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? error.description)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: error.localizedDescription)
        }
    }

    // MARK: Runs

    /// Inserts a run and its plan rows in one transaction; returns the stored plan rows.
    public func createRun(_ run: RunRecord, plan: [PlanKey]) async throws -> [PlanRowRecord] {
        try await pool.write { db in
            try run.insert(db)
            try Self.insertPlanRows(db, runID: run.id, keys: plan)
            return try Self.planRows(db, runID: run.id)
        }
    }

    /// Adds plan rows a run does not have yet (existing ones are left alone); returns all its rows.
    public func extendPlan(runID: String, plan: [PlanKey]) async throws -> [PlanRowRecord] {
        try await pool.write { db in
            guard try RunRecord.exists(db, key: runID) else { throw StoreError.unknownRun(runID) }
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
        try await pool.read { db in try RunRecord.fetchOne(db, key: id) }
    }

    /// Runs, newest first.
    public func runs() async throws -> [RunRecord] {
        try await pool.read { db in
            try RunRecord.fetchAll(db, sql: "SELECT * FROM runs ORDER BY created DESC, id DESC")
        }
    }

    /// The newest unfinished run made from the same suite and configuration, to resume.
    public func unfinishedRun(fingerprint: String) async throws -> RunRecord? {
        try await pool.read { db in
            try RunRecord.fetchOne(db, sql: """
                SELECT * FROM runs WHERE fingerprint = ? AND status = ? ORDER BY created DESC, id DESC LIMIT 1
                """, arguments: [fingerprint, RunStatus.unfinished.rawValue])
        }
    }

    /// The newest run with this user-given name.
    public func run(named name: String) async throws -> RunRecord? {
        try await pool.read { db in
            try RunRecord.fetchOne(db, sql: "SELECT * FROM runs WHERE name = ? ORDER BY created DESC, id DESC LIMIT 1",
                                   arguments: [name])
        }
    }

    // MARK: Plan rows and generations

    public func planRows(runID: String) async throws -> [PlanRowRecord] {
        try await pool.read { db in try Self.planRows(db, runID: runID) }
    }

    /// Plan rows still to execute: no generation, or only a failed one.
    public func pendingRows(runID: String) async throws -> [PlanRowRecord] {
        try await pool.read { db in
            try PlanRowRecord.fetchAll(db, sql: """
                SELECT p.* FROM plan_rows p LEFT JOIN generations g ON g.planRowID = p.id
                WHERE p.runID = ? AND (g.id IS NULL OR g.errorCause IS NOT NULL) ORDER BY p.id
                """, arguments: [runID])
        }
    }

    /// Stores a row's outcome in its own transaction. Idempotent: a successful generation already stored
    /// for the row is kept (the new one is dropped); a failed one is replaced. Returns whether it was stored.
    @discardableResult
    public func record(_ generation: GenerationRecord) async throws -> Bool {
        try await pool.write { db in try Self.upsert(db, generation) }
    }

    /// A successful generation for an identical request, from any run.
    public func cachedAnswer(requestHash: String) async throws -> GenerationRecord? {
        try await pool.read { db in
            try GenerationRecord.fetchOne(db, sql: """
                SELECT * FROM generations WHERE requestHash = ? AND errorCause IS NULL ORDER BY id LIMIT 1
                """, arguments: [requestHash])
        }
    }

    public func generations(runID: String) async throws -> [GenerationRecord] {
        try await pool.read { db in
            try GenerationRecord.fetchAll(db, sql: """
                SELECT g.* FROM generations g JOIN plan_rows p ON p.id = g.planRowID WHERE p.runID = ? ORDER BY p.id
                """, arguments: [runID])
        }
    }

    /// Every plan row of a run with its generation (nil when not executed yet), in plan order.
    public func results(runID: String) async throws -> [RunResult] {
        try await pool.read { db in
            let rows = try Self.planRows(db, runID: runID)
            let generations = try GenerationRecord.fetchAll(db, sql: """
                SELECT g.* FROM generations g JOIN plan_rows p ON p.id = g.planRowID WHERE p.runID = ?
                """, arguments: [runID])
            let byRow = Dictionary(generations.map { ($0.planRowID, $0) }, uniquingKeysWith: { a, _ in a })
            return rows.map { RunResult(row: $0, generation: $0.id.flatMap { byRow[$0] }) }
        }
    }

    // MARK: Imports

    /// Adds outside answers to a run in ONE transaction: creates the run when `run` is new, adds plan rows,
    /// and stores each answer. Throws (and stores nothing) when any row already has an answer.
    public func importAnswers(run: RunRecord, answers: [(key: PlanKey, generation: GenerationRecord)]) async throws {
        try await pool.write { db in
            if try !RunRecord.exists(db, key: run.id) { try run.insert(db) }
            try Self.insertPlanRows(db, runID: run.id, keys: answers.map(\.key))
            let ids = Dictionary(try Self.planRows(db, runID: run.id).map { ($0.key, $0.id!) }, uniquingKeysWith: { a, _ in a })
            for (key, generation) in answers {
                var generation = generation
                generation.planRowID = ids[key]!
                let existing = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM generations WHERE planRowID = ?",
                                                arguments: [generation.planRowID]) ?? 0
                guard existing == 0 else { throw StoreError.alreadyAnswered(runID: run.id, key: key) }
                try generation.insert(db)
            }
        }
    }

    // MARK: Internals

    static func insertPlanRows(_ db: Database, runID: String, keys: [PlanKey]) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO plan_rows (runID, itemID, modelSpec, language, sampleIndex) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """)
        for key in keys {
            try statement.execute(arguments: [runID, key.itemID, key.modelSpec, key.language, key.sampleIndex])
        }
    }

    static func planRows(_ db: Database, runID: String) throws -> [PlanRowRecord] {
        try PlanRowRecord.fetchAll(db, sql: "SELECT * FROM plan_rows WHERE runID = ? ORDER BY id", arguments: [runID])
    }

    static func upsert(_ db: Database, _ g: GenerationRecord) throws -> Bool {
        try db.execute(sql: """
            INSERT INTO generations (planRowID, requestHash, messagesJSON, responseText, finishReason, inputTokens,
                outputTokens, latencyMs, attempts, errorCause, errorMessage, origin, startedAt, finishedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(planRowID) DO UPDATE SET
                requestHash = excluded.requestHash, messagesJSON = excluded.messagesJSON,
                responseText = excluded.responseText, finishReason = excluded.finishReason,
                inputTokens = excluded.inputTokens, outputTokens = excluded.outputTokens,
                latencyMs = excluded.latencyMs, attempts = excluded.attempts, errorCause = excluded.errorCause,
                errorMessage = excluded.errorMessage, origin = excluded.origin, startedAt = excluded.startedAt,
                finishedAt = excluded.finishedAt
            WHERE generations.errorCause IS NOT NULL
            """, arguments: [g.planRowID, g.requestHash, g.messagesJSON, g.responseText, g.finishReason, g.inputTokens,
                             g.outputTokens, g.latencyMs, g.attempts, g.errorCause, g.errorMessage, g.origin.rawValue,
                             g.startedAt, g.finishedAt])
        return db.changesCount > 0
    }
}

/// A plan row with its outcome, as `results(runID:)` returns and exports print.
public struct RunResult: Sendable, Hashable {
    public var row: PlanRowRecord
    public var generation: GenerationRecord?

    public init(row: PlanRowRecord, generation: GenerationRecord?) {
        self.row = row
        self.generation = generation
    }
}
