import Foundation
import FulcrumCore
import FulcrumStore
import GRDB

/// Reading and writing the domain records as SQLite rows (columns named as the record's fields).
extension SQLiteResultStore {
    static func runs(_ db: Database, _ clause: String, _ arguments: StatementArguments) throws -> [RunRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM runs " + clause, arguments: arguments).map { row in
            RunRecord(id: row["id"], name: row["name"], created: row["created"], suiteName: row["suiteName"],
                      suiteHash: row["suiteHash"], configJSON: row["configJSON"], fingerprint: row["fingerprint"],
                      status: RunStatus(rawValue: row["status"]) ?? .unfinished, suiteJSON: row["suiteJSON"])
        }
    }

    static func runExists(_ db: Database, _ id: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM runs WHERE id = ?)", arguments: [id]) ?? false
    }

    static func insert(_ db: Database, _ run: RunRecord) throws {
        try db.execute(sql: """
            INSERT INTO runs (id, name, created, suiteName, suiteHash, configJSON, fingerprint, status, suiteJSON)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [run.id, run.name, run.created, run.suiteName, run.suiteHash, run.configJSON, run.fingerprint,
                             run.status.rawValue, run.suiteJSON])
    }

    static func planRow(_ row: Row) -> PlanRowRecord {
        PlanRowRecord(id: row["id"], runID: row["runID"],
                      key: PlanKey(itemID: row["itemID"], modelSpec: row["modelSpec"], language: row["language"],
                                   sampleIndex: row["sampleIndex"]))
    }

    static func planRows(_ db: Database, runID: String) throws -> [PlanRowRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM plan_rows WHERE runID = ? ORDER BY id", arguments: [runID]).map(planRow)
    }

    static func insertPlanRows(_ db: Database, runID: String, keys: [PlanKey]) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO plan_rows (runID, itemID, modelSpec, language, sampleIndex) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """)
        for key in keys {
            try statement.execute(arguments: [runID, key.itemID, key.modelSpec, key.language, key.sampleIndex])
        }
    }

    static func generation(_ row: Row) -> GenerationRecord {
        GenerationRecord(id: row["id"], planRowID: row["planRowID"], requestHash: row["requestHash"],
                         messagesJSON: row["messagesJSON"], responseText: row["responseText"],
                         finishReason: row["finishReason"], inputTokens: row["inputTokens"],
                         outputTokens: row["outputTokens"], latencyMs: row["latencyMs"], attempts: row["attempts"],
                         errorCause: row["errorCause"], errorMessage: row["errorMessage"],
                         origin: GenerationOrigin(rawValue: row["origin"]) ?? .model, startedAt: row["startedAt"],
                         finishedAt: row["finishedAt"])
    }

    /// Inserts, or replaces a failed generation; a successful one is kept. Returns whether it was stored.
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
                finishedAt = excluded.finishedAt, requeued = 0
            WHERE generations.errorCause IS NOT NULL
            """, arguments: [g.planRowID, g.requestHash, g.messagesJSON, g.responseText, g.finishReason, g.inputTokens,
                             g.outputTokens, g.latencyMs, g.attempts, g.errorCause, g.errorMessage, g.origin.rawValue,
                             g.startedAt, g.finishedAt])
        return db.changesCount > 0
    }

    static func judgment(_ row: Row) -> JudgmentRecord {
        JudgmentRecord(id: row["id"], generationID: row["generationID"], judge: row["judge"],
                       repeatIndex: row["repeatIndex"], score: row["score"],
                       parseStatus: JudgmentParseStatus(rawValue: row["parseStatus"]) ?? .failed, reason: row["reason"],
                       rawReply: row["rawReply"], harmProbability: row["harmProbability"], actionClass: row["actionClass"],
                       settingsJSON: row["settingsJSON"], created: row["created"])
    }
}
